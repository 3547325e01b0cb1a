package dev.tollgate.edge;

import dev.tollgate.edge.internal.IpLiterals;
import dev.tollgate.token.Claims;
import dev.tollgate.token.LocationConstraints;
import dev.tollgate.token.Rejected;
import dev.tollgate.token.RequiredTag;
import dev.tollgate.token.SecretResolver;
import dev.tollgate.token.TokenType;
import dev.tollgate.token.TokenVerifier;
import dev.tollgate.token.Verification;
import dev.tollgate.token.Verified;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The platform's decision for a token presented with an {@link AccessRequest}, as "Using EdgeAuth" describes it. The
 * checks run in this order and the first failure decides:
 *
 * <ol>
 *   <li>{@code token}, {@code expiry}: the digest verifies and the token has not expired at {@link
 *       AccessRequest#time()} (with the verifier's clock skew);
 *   <li>{@code token-type}: an edgeToken may authenticate and subscribe, an authToken only authenticate, a
 *       streamToken only subscribe, a publishToken only publish;
 *   <li>{@code application}: the token's application owns the target, when the request names the owner (skipped,
 *       and the trace says "not checked", when it does not);
 *   <li>{@code designation}: to subscribe or publish, the {@code requiredTag} names the target;
 *   <li>{@code remote-address}, {@code session}, {@code origin-stream}: the optional user and stream constraints;
 *   <li>{@code location}, {@code country-allow}, {@code country-deny}, {@code postal-code-allow}, {@code
 *       postal-code-deny}: the location constraints, failing closed when they cannot be evaluated;
 *   <li>{@code revocation}: the {@link RevocationList}, when one is configured, has no active entry for the token
 *       ({@code revoked}), and can answer ({@code revocations-unavailable} when it cannot: failing closed). It runs
 *       last, so a token that is revoked and also refused for another reason keeps that reason.
 * </ol>
 *
 * <p>Expiry is checked when the token is presented, never later: the seed says "Once subscribed to a stream the user
 * may watch the stream until the stream stops or is terminated, even past the point of token expiration", so nothing
 * here ends an established session.
 *
 * <p>{@link #decide} never throws on untrusted input. Immutable and thread-safe if its {@link SecretResolver} and
 * {@link GeoLocator} are.
 */
public final class EdgePolicy {
    private final TokenVerifier verifier;
    private final Optional<GeoLocator> geoLocator;
    private final RevocationList revocations;
    // Describing a database formats its build instant; cache the text, as every located decision names it.
    private volatile DatabaseLabel databaseLabel;

    private EdgePolicy(TokenVerifier verifier, Optional<GeoLocator> geoLocator, RevocationList revocations) {
        this.verifier = verifier;
        this.geoLocator = geoLocator;
        this.revocations = revocations;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The verifier that checks digests and expiry. */
    public TokenVerifier verifier() {
        return verifier;
    }

    /** The location database, when one is configured. */
    public Optional<GeoLocator> geoLocator() {
        return geoLocator;
    }

    /** The revocations consulted last; {@link RevocationList#NONE} unless one was configured. */
    public RevocationList revocations() {
        return revocations;
    }

    /**
     * Applies the revocation list to a decision made without it (a server that checks a token alone, outside {@link
     * #decide}): an {@link Allowed} stays allowed, with a passed {@code revocation} check in its trace, unless the list
     * revokes its token or cannot answer; a {@link Denied} is returned as it is.
     */
    public Decision checkRevocation(Decision decision, Instant at) {
        if (!(decision instanceof Allowed allowed) || revocations == RevocationList.NONE) {
            return decision;
        }
        List<Check> trace = new ArrayList<>(allowed.trace());
        Denied denied = revocation(allowed.applicationId(), allowed.claims(), at, trace, allowed.authentic());
        return denied != null
                ? new Denied(
                        denied.code(),
                        denied.detail(),
                        denied.authentic(),
                        allowed.location(),
                        allowed.geoDatabase(),
                        denied.trace())
                : new Allowed(
                        allowed.applicationId(), allowed.claims(), allowed.location(), allowed.geoDatabase(), trace);
    }

    /**
     * The {@code revocation} check: adds it to {@code trace}; null when it passed, else the denial (without location).
     */
    private Denied revocation(
            String applicationId, Claims claims, Instant at, List<Check> trace, Optional<Verified> authentic) {
        RevocationList.Status status;
        try {
            status = revocations.check(applicationId, claims, at);
        } catch (RuntimeException e) {
            // A list that fails must not let a revoked token through: fail closed, as for location.
            status = new RevocationList.Unavailable("the revocation list failed: " + e.getMessage());
        }
        return switch (status) {
            case RevocationList.NotRevoked notRevoked -> {
                trace.add(new Check("revocation", Check.Outcome.PASS, "no active revocation entry matches"));
                yield null;
            }
            case RevocationList.Revoked revoked -> denial(revoked.describe(), DenialCode.REVOKED, trace, authentic);
            case RevocationList.Unavailable unavailable ->
                denial(unavailable.detail(), DenialCode.REVOCATIONS_UNAVAILABLE, trace, authentic);
        };
    }

    private static Denied denial(String detail, DenialCode code, List<Check> trace, Optional<Verified> authentic) {
        trace.add(new Check("revocation", Check.Outcome.FAIL, code.code() + ": " + detail));
        return new Denied(code, detail, authentic, Optional.empty(), Optional.empty(), trace);
    }

    /**
     * Decides whether a token permits a request.
     *
     * @param token the token as presented (untrusted; {@code null} is denied as {@code not-a-digest-token})
     * @param request what the client asks for
     * @return {@link Allowed} or {@link Denied}, with the trace of every check that ran
     */
    public Decision decide(String token, AccessRequest request) {
        Objects.requireNonNull(request, "request must not be null");
        return new Evaluation(request).run(token);
    }

    /** One decision in progress: collects the trace. */
    private final class Evaluation {
        private final AccessRequest request;
        private final List<Check> trace = new ArrayList<>(12);
        private Optional<GeoLocation> location = Optional.empty();
        private Optional<GeoDatabase> database = Optional.empty();
        private Optional<Verified> authentic = Optional.empty();

        Evaluation(AccessRequest request) {
            this.request = request;
        }

        Decision run(String token) {
            Verification verification = verifier.verify(token, request.time());
            if (verification instanceof Rejected rejected) {
                DenialCode code = DenialCode.of(rejected.code());
                authentic = rejected.authentic();
                return deny(code == DenialCode.EXPIRED ? "expiry" : "token", code, rejected.detail());
            }
            Verified verified = (Verified) verification;
            authentic = Optional.of(verified);
            Claims claims = verified.claims();
            pass("token", "digest verified for application " + verified.applicationId());
            // Seed: "Tokens are evaluated when presented to the platform"; an established stream outlives expiry.
            pass(
                    "expiry",
                    "expires at " + claims.expiresAt() + ", presented at " + request.time() + " (skew "
                            + verifier.clockSkew() + "); established sessions are not ended by later expiry");

            Denied denied = tokenType(claims.type());
            if (denied == null) {
                denied = application(verified.applicationId());
            }
            if (denied == null) {
                denied = designation(claims.requiredTag());
            }
            if (denied == null) {
                denied = remoteAddress(claims.remoteAddress());
            }
            if (denied == null) {
                denied = session(claims.sessionId());
            }
            if (denied == null) {
                denied = originStream(claims.originStreamId());
            }
            if (denied == null) {
                denied = location(claims.location(), claims.capabilities());
            }
            if (denied == null && revocations != RevocationList.NONE) {
                Denied revoked = revocation(verified.applicationId(), claims, request.time(), trace, authentic);
                if (revoked != null) {
                    denied = new Denied(
                            revoked.code(), revoked.detail(), authentic, location, database, revoked.trace());
                }
            }
            if (denied != null) {
                return denied;
            }
            return new Allowed(verified.applicationId(), claims, location, database, trace);
        }

        private Denied tokenType(TokenType type) {
            // Seed, "Token Types": an edgeToken "is both an authToken and a streamToken".
            boolean permitted = switch (type) {
                case EDGE -> request.action() != Action.PUBLISH;
                case AUTH -> request.action() == Action.AUTHENTICATE;
                case STREAM -> request.action() == Action.SUBSCRIBE;
                case PUBLISH -> request.action() == Action.PUBLISH;
            };
            String detail = typeName(type) + " " + (permitted ? "permits " : "does not permit ") + request.action();
            return permitted ? pass("token-type", detail) : deny("token-type", DenialCode.WRONG_TOKEN_TYPE, detail);
        }

        private Denied application(String tokenApplication) {
            // Seed: "the applicationId for the publishing and subscribing tokens must match".
            if (request.applicationId().isEmpty()) {
                return skip(
                        "application",
                        "not checked: the request does not name the target's application (token application "
                                + tokenApplication + ")");
            }
            String owner = request.applicationId().get();
            String detail = "token application " + tokenApplication + ", target application " + owner;
            return tokenApplication.equals(owner)
                    ? pass("application", detail)
                    : deny("application", DenialCode.APPLICATION_MISMATCH, detail);
        }

        private Denied designation(Optional<RequiredTag> requiredTag) {
            if (!request.action().streams()) {
                // Seed: a token without a designation "would allow authentication".
                return skip(
                        "designation",
                        "authentication needs no designation"
                                + requiredTag
                                        .map(t -> " (token designates " + t.raw() + ")")
                                        .orElse(""));
            }
            Target target = request.target().orElseThrow();
            if (requiredTag.isEmpty()) {
                // Seed: "A token with no Channel ID, Room ID, Channel Alias, or Room Alias designated will fail to
                // stream."
                return deny(
                        "designation",
                        DenialCode.NO_DESIGNATION,
                        "the token designates no channel, room or tag; " + request.action() + " " + target.describe()
                                + " needs one");
            }
            RequiredTag tag = requiredTag.get();
            boolean names = switch (target) {
                case Target.Channel channel ->
                    switch (tag.kind()) {
                        case CHANNEL_ID ->
                            !channel.id().isEmpty() && tag.value().equals(channel.id());
                        case CHANNEL_ALIAS ->
                            channel.alias().filter(tag.value()::equals).isPresent();
                        default -> false;
                    };
                case Target.Room room ->
                    switch (tag.kind()) {
                        case ROOM_ID -> !room.id().isEmpty() && tag.value().equals(room.id());
                        case ROOM_ALIAS ->
                            room.alias().filter(tag.value()::equals).isPresent();
                        default -> false;
                    };
                // A stream carries its channel's and room's designations as tags, and any others.
                case Target.OriginStream stream -> stream.tags().contains(tag.raw());
            };
            String detail = "token designates " + tag.raw() + ", target is " + target.describe();
            return names ? pass("designation", detail) : deny("designation", DenialCode.DESIGNATION_MISMATCH, detail);
        }

        private Denied remoteAddress(Optional<String> claim) {
            if (claim.isEmpty()) {
                return skip("remote-address", "the token sets no remoteAddress");
            }
            if (request.remoteAddress().isEmpty()) {
                return deny(
                        "remote-address",
                        DenialCode.REMOTE_ADDRESS_MISMATCH,
                        "the token requires " + claim.get() + " but the client address is unknown");
            }
            String client = request.remoteAddress().get().getHostAddress();
            String detail = "token requires " + claim.get() + ", client is " + client;
            return IpLiterals.admits(claim.get(), request.remoteAddress().get())
                    ? pass("remote-address", detail)
                    : deny("remote-address", DenialCode.REMOTE_ADDRESS_MISMATCH, detail);
        }

        private Denied session(Optional<String> claim) {
            if (claim.isEmpty()) {
                return skip("session", "the token sets no sessionId");
            }
            String detail = "token requires session " + claim.get() + ", client session is "
                    + request.sessionId().orElse("(none)");
            return request.sessionId().filter(claim.get()::equals).isPresent()
                    ? pass("session", detail)
                    : deny("session", DenialCode.SESSION_MISMATCH, detail);
        }

        private Denied originStream(Optional<String> claim) {
            if (claim.isEmpty()) {
                return skip("origin-stream", "the token sets no originStreamId");
            }
            if (!request.action().streams()) {
                return skip("origin-stream", "authentication involves no stream (token requires " + claim.get() + ")");
            }
            Target target = request.target().orElseThrow();
            String detail = "token requires origin stream " + claim.get() + ", target is " + target.describe();
            boolean same =
                    target instanceof Target.OriginStream stream && stream.id().equals(claim.get());
            return same
                    ? pass("origin-stream", detail)
                    : deny("origin-stream", DenialCode.ORIGIN_STREAM_MISMATCH, detail);
        }

        private Denied location(Optional<LocationConstraints> readable, List<String> capabilities) {
            if (readable.isEmpty()) {
                // The verifier already refuses such a token; should one reach here, a constraint that cannot be read
                // must still never let a request through.
                return deny(
                        "location",
                        DenialCode.BAD_TOKEN,
                        "a location capability is malformed: "
                                + LocationConstraints.malformation(capabilities).orElse("unreadable"));
            }
            LocationConstraints constraints = readable.get();
            if (constraints.isEmpty()) {
                return skip("location", "the token has no location constraint");
            }
            // Fail closed: a constraint that cannot be evaluated never lets a request through.
            if (geoLocator.isEmpty()) {
                return deny("location", DenialCode.LOCATION_UNAVAILABLE, "no location database is configured");
            }
            GeoLocator locator = geoLocator.get();
            database = Optional.of(locator.database());
            if (request.remoteAddress().isEmpty()) {
                return deny("location", DenialCode.LOCATION_UNAVAILABLE, "the client address is unknown");
            }
            String address = request.remoteAddress().get().getHostAddress();
            GeoLocation found;
            try {
                found = locator.lookup(request.remoteAddress().get());
                if (found == null) {
                    return deny(
                            "location",
                            DenialCode.LOCATION_UNAVAILABLE,
                            "the lookup of " + address + " in " + locator.database() + " returned nothing");
                }
            } catch (RuntimeException e) {
                return deny(
                        "location",
                        DenialCode.LOCATION_UNAVAILABLE,
                        "the lookup of " + address + " in " + locator.database() + " failed: " + e.getMessage());
            }
            location = Optional.of(found);
            database = Optional.of(found.database());
            pass(
                    "location",
                    address + " is in " + found.country()
                            + found.postalCode().map(p -> " postal code " + p).orElse("")
                            + " (" + label(found.database()) + ")");

            String country = found.country();
            Denied denied = null;
            if (constraints.countryAllow().isPresent()) {
                String detail = "country " + country + ", allowed "
                        + constraints.countryAllow().get();
                denied = constraints.countryAllow().get().contains(country)
                        ? pass("country-allow", detail)
                        : deny("country-allow", DenialCode.COUNTRY_NOT_ALLOWED, detail);
            }
            if (denied == null && !constraints.countryDeny().isEmpty()) {
                // Seed: "geo-country-deny=US,IN,??" — ?? denies addresses the database cannot map.
                String detail = "country " + country + ", denied " + constraints.countryDeny();
                denied = constraints.countryDeny().contains(country)
                        ? deny("country-deny", DenialCode.COUNTRY_DENIED, detail)
                        : pass("country-deny", detail);
            }
            if (denied == null && constraints.needsPostalCode()) {
                denied = postalCode(constraints, found);
            }
            return denied;
        }

        private Denied postalCode(LocationConstraints constraints, GeoLocation found) {
            if (!found.database().hasPostalCodes()) {
                return deny(
                        "postal-code",
                        DenialCode.LOCATION_UNAVAILABLE,
                        "the token constrains postal codes but " + found.database()
                                + " has none; configure a City database");
            }
            Optional<String> postal = found.postalCode();
            String shown = postal.orElse("(unknown)");
            if (constraints.postalCodeAllow().isPresent()) {
                String detail = "postal code " + shown + ", allowed "
                        + constraints.postalCodeAllow().get();
                // An unknown postal code is not on the allow list.
                if (postal.filter(constraints.postalCodeAllow().get()::contains).isEmpty()) {
                    return deny("postal-code-allow", DenialCode.POSTAL_CODE_NOT_ALLOWED, detail);
                }
                pass("postal-code-allow", detail);
            }
            if (!constraints.postalCodeDeny().isEmpty()) {
                String detail = "postal code " + shown + ", denied " + constraints.postalCodeDeny();
                if (postal.isEmpty()) {
                    // Unknown could be a denied one: fail closed.
                    return deny("postal-code-deny", DenialCode.LOCATION_UNAVAILABLE, detail);
                }
                if (constraints.postalCodeDeny().contains(postal.get())) {
                    return deny("postal-code-deny", DenialCode.POSTAL_CODE_DENIED, detail);
                }
                pass("postal-code-deny", detail);
            }
            return null;
        }

        private Denied pass(String name, String detail) {
            trace.add(new Check(name, Check.Outcome.PASS, detail));
            return null;
        }

        private Denied skip(String name, String detail) {
            trace.add(new Check(name, Check.Outcome.SKIP, detail));
            return null;
        }

        private Denied deny(String name, DenialCode code, String detail) {
            trace.add(new Check(name, Check.Outcome.FAIL, code.code() + ": " + detail));
            return new Denied(code, detail, authentic, location, database, trace);
        }
    }

    private String label(GeoDatabase database) {
        DatabaseLabel cached = databaseLabel;
        if (cached == null || cached.database() != database) {
            cached = new DatabaseLabel(database, database.toString());
            databaseLabel = cached;
        }
        return cached.text();
    }

    private record DatabaseLabel(GeoDatabase database, String text) {}

    private static String typeName(TokenType type) {
        return switch (type) {
            case EDGE -> "edgeToken";
            case AUTH -> "authToken";
            case STREAM -> "streamToken";
            case PUBLISH -> "publishToken";
        };
    }

    /** Builds {@link EdgePolicy}s; reusable, not thread-safe. */
    public static final class Builder {
        private TokenVerifier verifier;
        private SecretResolver secrets;
        private Clock clock;
        private Duration clockSkew;
        private GeoLocator geoLocator;
        private RevocationList revocations = RevocationList.NONE;

        private Builder() {}

        /**
         * The revocations to consult once every other check passed (default {@link RevocationList#NONE}): Tollgate's
         * server gives its own; an embedded edge gives the SDK's revocation feed client, or a {@link RevocationSet}.
         */
        public Builder revocations(RevocationList revocations) {
            this.revocations = Objects.requireNonNull(revocations, "revocations must not be null");
            return this;
        }

        /** A ready verifier; excludes {@link #secrets}, {@link #clock} and {@link #clockSkew}. */
        public Builder verifier(TokenVerifier verifier) {
            this.verifier = Objects.requireNonNull(verifier, "verifier must not be null");
            return this;
        }

        /** Where secrets come from, to build the verifier here. */
        public Builder secrets(SecretResolver secrets) {
            this.secrets = Objects.requireNonNull(secrets, "secrets must not be null");
            return this;
        }

        /** The verifier's clock (default: system UTC); expiry itself is checked at {@link AccessRequest#time()}. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        /** How long after {@code expires} a token is still accepted (default {@link TokenVerifier#DEFAULT_CLOCK_SKEW}). */
        public Builder clockSkew(Duration clockSkew) {
            this.clockSkew = Objects.requireNonNull(clockSkew, "clockSkew must not be null");
            return this;
        }

        /**
         * The location database. Without one, any token with a location constraint is denied as {@code
         * location-unavailable}; use {@link GeoLocator#bundled()} for the bundled country database.
         */
        public Builder geoLocator(GeoLocator geoLocator) {
            this.geoLocator = Objects.requireNonNull(geoLocator, "geoLocator must not be null");
            return this;
        }

        /**
         * @throws IllegalStateException if neither a verifier nor secrets were given, or both
         * @throws IllegalArgumentException if the clock skew is out of range
         */
        public EdgePolicy build() {
            if (verifier != null && (secrets != null || clock != null || clockSkew != null)) {
                throw new IllegalStateException(
                        "give either verifier(...) or secrets(...) with clock(...) and clockSkew(...), not both");
            }
            TokenVerifier built = verifier;
            if (built == null) {
                if (secrets == null) {
                    throw new IllegalStateException("call verifier(...) or secrets(...) before build()");
                }
                TokenVerifier.Builder builder = TokenVerifier.builder().secrets(secrets);
                if (clock != null) {
                    builder.clock(clock);
                }
                if (clockSkew != null) {
                    builder.clockSkew(clockSkew);
                }
                built = builder.build();
            }
            return new EdgePolicy(built, Optional.ofNullable(geoLocator), revocations);
        }
    }
}
