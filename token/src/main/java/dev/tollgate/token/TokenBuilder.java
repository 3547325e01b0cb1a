package dev.tollgate.token;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds EdgeAuth digest tokens with the reference library's vocabulary, byte for byte: claims appear in the order
 * of the calls (a repeated call keeps the first position and the last value), {@code capabilities} then {@code
 * applyTags} come last, JSON is compact and escaped as the reference writes it.
 *
 * <pre>{@code
 * String token = new TokenBuilder()
 *         .withApplicationId("my-application-id")
 *         .withSecret(secret)
 *         .expiresInSeconds(3600)
 *         .forChannelAlias("my-channel")
 *         .forStreamingOnly()
 *         .build();
 * }</pre>
 *
 * <p>Reusable: {@link #build()} may be called many times; a relative expiry ({@link #expiresInSeconds(long)}, {@link
 * #expiresIn(Duration)}) is resolved against the builder's clock at each build. Not thread-safe.
 */
public final class TokenBuilder {
    private static final String EXPIRES = "expires";

    /** The longest relative lifetime, either way: half the range of the millisecond {@code expires}. */
    public static final Duration MAX_LIFETIME = Duration.ofMillis(Long.MAX_VALUE / 2);

    private String applicationId;
    private String secret;
    private Clock clock = Clock.systemUTC();
    private final Map<String, Object> claims = new LinkedHashMap<>();
    private final List<String> capabilities = new ArrayList<>();
    private final List<String> applyTags = new ArrayList<>();
    private Template template;
    private Template lastTemplate;
    private long lastExpires;
    private String lastClaims;

    /** The application ID that signs the token (required). */
    public TokenBuilder withApplicationId(String applicationId) {
        Objects.requireNonNull(applicationId, "applicationId must not be null");
        if (applicationId.isEmpty()) {
            throw new IllegalArgumentException("applicationId must not be empty");
        }
        this.applicationId = applicationId;
        template = null;
        return this;
    }

    /** The application's secret (required). Never logged, never part of the claims. */
    public TokenBuilder withSecret(String secret) {
        this.secret = Objects.requireNonNull(secret, "secret must not be null");
        template = null;
        return this;
    }

    /** The clock a relative expiry is counted from (default: system UTC). */
    public TokenBuilder withClock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
        return this;
    }

    /** The backend URI the token belongs to ({@code uri}). */
    public TokenBuilder withUri(String uri) {
        return put("uri", Objects.requireNonNull(uri, "uri must not be null"));
    }

    /**
     * Adds a capability ({@code capabilities}), e.g. {@code multi-bitrate}.
     *
     * @throws IllegalArgumentException if it is a location capability ({@code geo-country-allow=}, {@code
     *     geo-country-deny=}, {@code geo-postal-code-allow=}, {@code geo-postal-code-deny=}) that is malformed, as
     *     {@link TokenVerifier} would reject the token
     */
    public TokenBuilder withCapability(String capability) {
        Objects.requireNonNull(capability, "capability must not be null");
        // Never mint a token that Tollgate's own verifier rejects; the same rules as LocationConstraints.
        Optional<String> malformed = LocationConstraints.malformation(capability);
        if (malformed.isPresent()) {
            throw new IllegalArgumentException("withCapability: " + malformed.get());
        }
        capabilities.add(capability);
        template = null;
        return this;
    }

    /**
     * Expires the token this many seconds after each {@link #build()}.
     *
     * @throws IllegalArgumentException if the lifetime is longer than {@link #MAX_LIFETIME} either way
     */
    public TokenBuilder expiresInSeconds(long seconds) {
        return put(EXPIRES, new RelativeExpiry(lifetime(Duration.ofSeconds(seconds), seconds + " s")));
    }

    /**
     * Expires the token this long after each {@link #build()}.
     *
     * @throws IllegalArgumentException if the lifetime is longer than {@link #MAX_LIFETIME} either way
     */
    public TokenBuilder expiresIn(Duration lifetime) {
        Objects.requireNonNull(lifetime, "lifetime must not be null");
        return put(EXPIRES, new RelativeExpiry(lifetime(lifetime, lifetime.toString())));
    }

    private static Duration lifetime(Duration lifetime, String shown) {
        // expires is a 64-bit count of milliseconds: half the range leaves room to add the lifetime to any clock
        // reading of the next 146 million years, so build() never overflows.
        if (lifetime.compareTo(MAX_LIFETIME) > 0 || lifetime.compareTo(MAX_LIFETIME.negated()) < 0) {
            throw new IllegalArgumentException("the lifetime " + shown + " is too long: at most "
                    + MAX_LIFETIME.toSeconds() + " s either way (about 146 million years)");
        }
        return lifetime;
    }

    /** Expires the token at an instant, written in milliseconds since the epoch. */
    public TokenBuilder expiresAt(Instant expiresAt) {
        Objects.requireNonNull(expiresAt, "expiresAt must not be null");
        return put(EXPIRES, expiresAt.toEpochMilli());
    }

    /** Expires the token at a date, as the reference's {@code expiresAt(Date)}. */
    public TokenBuilder expiresAt(Date expiresAt) {
        Objects.requireNonNull(expiresAt, "expiresAt must not be null");
        return put(EXPIRES, expiresAt.getTime());
    }

    /** Limits the token to creating sessions ({@code "type":"auth"}). */
    public TokenBuilder forAuthenticationOnly() {
        return put("type", "auth");
    }

    /** Limits the token to consuming streams ({@code "type":"stream"}). */
    public TokenBuilder forStreamingOnly() {
        return put("type", "stream");
    }

    /** Limits the token to publishing ({@code "type":"publish"}). */
    public TokenBuilder forPublishingOnly() {
        return put("type", "publish");
    }

    /** Limits the token to a session ({@code sessionId}; deprecated by the platform, still enforced). */
    public TokenBuilder forSession(String sessionId) {
        return put("sessionId", Objects.requireNonNull(sessionId, "sessionId must not be null"));
    }

    /** Limits the token to a client address, written as given ({@code remoteAddress}). */
    public TokenBuilder forRemoteAddress(String remoteAddress) {
        return put("remoteAddress", Objects.requireNonNull(remoteAddress, "remoteAddress must not be null"));
    }

    /**
     * Limits the token to a client address, written as the bare IP literal, without an IPv6 scope ({@code %eth0}).
     * (The reference writes {@code InetAddress.toString()}, {@code host/ip}, which no edge can match.)
     */
    public TokenBuilder forRemoteAddress(InetAddress remoteAddress) {
        Objects.requireNonNull(remoteAddress, "remoteAddress must not be null");
        String literal = remoteAddress.getHostAddress();
        // The scope names an interface of the minting host, meaningless to the edge, whose literals have none.
        int scope = literal.indexOf('%');
        return forRemoteAddress(scope < 0 ? literal : literal.substring(0, scope));
    }

    /** Limits the token to an origin stream ({@code originStreamId}). */
    public TokenBuilder forOriginStream(String originStreamId) {
        return put("originStreamId", Objects.requireNonNull(originStreamId, "originStreamId must not be null"));
    }

    /** Designates a channel by ID ({@code requiredTag = channelId:<id>}). */
    public TokenBuilder forChannel(String channelId) {
        return forTag("channelId:" + Objects.requireNonNull(channelId, "channelId must not be null"));
    }

    /** Designates a channel by alias ({@code requiredTag = channelAlias:<alias>}). */
    public TokenBuilder forChannelAlias(String channelAlias) {
        return forTag("channelAlias:" + Objects.requireNonNull(channelAlias, "channelAlias must not be null"));
    }

    /** Designates a room by ID ({@code requiredTag = roomId:<id>}). */
    public TokenBuilder forRoom(String roomId) {
        return forTag("roomId:" + Objects.requireNonNull(roomId, "roomId must not be null"));
    }

    /** Designates a room by alias ({@code requiredTag = roomAlias:<alias>}). */
    public TokenBuilder forRoomAlias(String roomAlias) {
        return forTag("roomAlias:" + Objects.requireNonNull(roomAlias, "roomAlias must not be null"));
    }

    /** Requires a tag on the target stream ({@code requiredTag}); one value, the last call wins. */
    public TokenBuilder forTag(String tag) {
        return put("requiredTag", Objects.requireNonNull(tag, "tag must not be null"));
    }

    /** Attaches a tag to the streams and sessions the token creates, for usage reports ({@code applyTags}). */
    public TokenBuilder applyTag(String tag) {
        applyTags.add(Objects.requireNonNull(tag, "tag must not be null"));
        template = null;
        return this;
    }

    /**
     * Allows only these countries: ISO 3166-1 alpha-2 codes that exist, in upper case, or {@code UK} (read as {@code
     * GB}), {@code XK} (Kosovo), {@code ??} (unmapped addresses).
     */
    public TokenBuilder allowCountries(String... countries) {
        return withCapability(LocationConstraints.COUNTRY_ALLOW + countries("allowCountries", countries));
    }

    /** Denies these countries, written as for {@link #allowCountries}. */
    public TokenBuilder denyCountries(String... countries) {
        return withCapability(LocationConstraints.COUNTRY_DENY + countries("denyCountries", countries));
    }

    /** Allows only these postal codes. */
    public TokenBuilder allowPostalCodes(String... postalCodes) {
        return withCapability(LocationConstraints.POSTAL_CODE_ALLOW + postalCodes("allowPostalCodes", postalCodes));
    }

    /** Denies these postal codes. */
    public TokenBuilder denyPostalCodes(String... postalCodes) {
        return withCapability(LocationConstraints.POSTAL_CODE_DENY + postalCodes("denyPostalCodes", postalCodes));
    }

    /**
     * Signs the claims set so far.
     *
     * @throws IllegalStateException if the application ID, the secret or the expiry is missing
     */
    public String build() {
        Template template = template();
        long expires = template.expiry() instanceof RelativeExpiry relative
                ? clock.millis() + relative.lifetime().toMillis()
                : (Long) template.expiry();
        byte[] expiresText = Long.toString(expires).getBytes(StandardCharsets.US_ASCII);
        byte[] claimsJson = concat(template.claimsHead(), expiresText, template.claimsTail());
        String token = DigestTokens.encode(
                template.applicationIdJson(),
                template.key().digest(claimsJson),
                template.escapedHead(),
                expiresText,
                template.escapedTail());
        lastTemplate = template;
        lastExpires = expires;
        lastClaims = null;
        return token;
    }

    /**
     * The claims JSON of the last {@link #build()}.
     *
     * @throws IllegalStateException if nothing was built yet
     */
    public String value() {
        if (lastTemplate == null) {
            throw new IllegalStateException("no token was built yet: call build() first");
        }
        if (lastClaims == null) {
            // Joined as text, not decoded from the signed bytes: a lone surrogate stays one (as the reference's
            // value() returns it), although the token carries it as '?' (UTF-8 cannot encode it).
            lastClaims = lastTemplate.claimsHeadText() + lastExpires + lastTemplate.claimsTailText();
        }
        return lastClaims;
    }

    /**
     * Everything of the next token but its expiry, in the bytes it is written as: the claims JSON around the {@code
     * expires} value, the same escaped for the envelope's {@code token} string (escaping works character by character,
     * so escaping the pieces equals escaping the whole), and the key. Kept until a setter changes the builder, so
     * minting many tokens from one builder serialises and escapes each claim once.
     */
    private record Template(
            Hmac.Key key,
            byte[] applicationIdJson,
            Object expiry,
            byte[] claimsHead,
            byte[] claimsTail,
            byte[] escapedHead,
            byte[] escapedTail,
            String claimsHeadText,
            String claimsTailText) {}

    private Template template() {
        if (template != null) {
            return template;
        }
        if (applicationId == null) {
            throw new IllegalStateException("an application ID is required: call withApplicationId(...) first");
        }
        if (secret == null) {
            throw new IllegalStateException("a secret is required: call withSecret(...) first");
        }
        if (!claims.containsKey(EXPIRES)) {
            throw new IllegalStateException(
                    "an expiry is required: call expiresInSeconds(...), expiresIn(...) or expiresAt(...) first");
        }
        StringBuilder head = new StringBuilder(256).append('{');
        StringBuilder json = head;
        StringBuilder tail = new StringBuilder(256);
        for (Map.Entry<String, Object> claim : claims.entrySet()) {
            JsonText.writeString(json, claim.getKey());
            json.append(':');
            if (claim.getValue() instanceof String text) {
                JsonText.writeString(json, text);
            } else {
                json = tail; // the expiry, the only claim that is not a string, is written at each build
            }
            json.append(',');
        }
        appendArray(json, "capabilities", capabilities);
        appendArray(json, "applyTags", applyTags);
        json.setCharAt(json.length() - 1, '}');
        String headText = head.toString();
        String tailText = tail.toString();
        byte[] headUtf8 = headText.getBytes(StandardCharsets.UTF_8);
        byte[] tailUtf8 = tailText.getBytes(StandardCharsets.UTF_8);
        template = new Template(
                Hmac.key(applicationId, secret).orElseThrow(() -> new IllegalStateException(DigestTokens.NO_HMAC)),
                JsonText.quotedUtf8(applicationId),
                claims.get(EXPIRES),
                headUtf8,
                tailUtf8,
                JsonText.escapedJsonUtf8(headUtf8),
                JsonText.escapedJsonUtf8(tailUtf8),
                headText,
                tailText);
        return template;
    }

    private static byte[] concat(byte[] head, byte[] middle, byte[] tail) {
        byte[] all = Arrays.copyOf(head, head.length + middle.length + tail.length);
        System.arraycopy(middle, 0, all, head.length, middle.length);
        System.arraycopy(tail, 0, all, head.length + middle.length, tail.length);
        return all;
    }

    private static void appendArray(StringBuilder json, String name, List<String> values) {
        if (values.isEmpty()) {
            return;
        }
        JsonText.writeString(json, name);
        json.append(":[");
        for (String value : values) {
            JsonText.writeString(json, value);
            json.append(',');
        }
        json.setCharAt(json.length() - 1, ']');
        json.append(',');
    }

    private TokenBuilder put(String name, Object value) {
        claims.put(name, value);
        template = null;
        return this;
    }

    private static String countries(String method, String... countries) {
        requireSome(method, countries);
        for (String country : countries) {
            if (!LocationConstraints.isCountryCode(country)) {
                throw new IllegalArgumentException(method + ": '" + country
                        + "' is not an ISO 3166-1 alpha-2 country code that exists, in upper case (e.g. US, DE), or UK,"
                        + " XK or ??");
            }
        }
        return String.join(",", countries);
    }

    private static String postalCodes(String method, String... postalCodes) {
        requireSome(method, postalCodes);
        for (String postalCode : postalCodes) {
            if (!LocationConstraints.isPostalCode(postalCode)) {
                throw new IllegalArgumentException(method + ": '" + postalCode
                        + "' is not a postal code (letters, digits, inner spaces or dashes, at most 16)");
            }
        }
        return String.join(",", postalCodes);
    }

    private static void requireSome(String method, String... values) {
        Objects.requireNonNull(values, method + " needs values");
        if (values.length == 0) {
            throw new IllegalArgumentException(method + " needs at least one value");
        }
    }

    /** An expiry counted from the time of each build. */
    private record RelativeExpiry(Duration lifetime) {}
}
