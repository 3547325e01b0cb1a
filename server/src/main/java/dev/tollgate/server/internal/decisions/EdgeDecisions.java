package dev.tollgate.server.internal.decisions;

import dev.tollgate.edge.AccessRequest;
import dev.tollgate.edge.Allowed;
import dev.tollgate.edge.Check;
import dev.tollgate.edge.Decision;
import dev.tollgate.edge.DenialCode;
import dev.tollgate.edge.Denied;
import dev.tollgate.edge.EdgePolicy;
import dev.tollgate.server.internal.refs.TokenRefResolver;
import dev.tollgate.server.internal.revocations.Revocations;
import dev.tollgate.server.internal.usage.UsageEvent;
import dev.tollgate.server.internal.usage.UsageStore;
import dev.tollgate.token.Rejected;
import dev.tollgate.token.Verification;
import dev.tollgate.token.Verified;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The one path every edge entry point takes: resolve a token reference, decide with the {@link EdgePolicy}, record
 * usage. {@code /v1/edge/authorize} calls {@link #authorize}, {@code /v1/tokens/verify} {@link #decide} (an
 * explanation is not an access) or {@link #verify} (no request), and session opening {@link #decide}, then records
 * the session and its usage event in one transaction of its own. The token is verified once: a denial carries the
 * authentic claims ({@link Denied#authentic()}) for whoever explains it.
 *
 * <p>A reference that resolves to nothing is a denial like any other, {@code unknown-token-ref}, with the one failed
 * check {@code token-ref} in the trace.
 *
 * <p>Revocations are the policy's own last check ({@link EdgePolicy.Builder#revocations}, given {@link Revocations}):
 * a match is a denial {@code revoked}, the failed check {@code revocation} naming the entry; {@link #verify} applies
 * the same check ({@link EdgePolicy#checkRevocation}). Thread-safe.
 */
public final class EdgeDecisions {
    private final EdgePolicy policy;
    private final TokenRefResolver tokenRefs;
    private final UsageStore usage;
    private final Revocations revocations;

    public EdgeDecisions(EdgePolicy policy, TokenRefResolver tokenRefs, UsageStore usage, Revocations revocations) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.tokenRefs = Objects.requireNonNull(tokenRefs, "tokenRefs");
        this.usage = Objects.requireNonNull(usage, "usage");
        this.revocations = Objects.requireNonNull(revocations, "revocations");
        if (policy.revocations() != revocations) {
            throw new IllegalArgumentException(
                    "the policy must consult the same revocations (EdgePolicy.Builder.revocations)");
        }
    }

    /** The revocation list the decisions check (the hooks check established streams against it). */
    public Revocations revocations() {
        return revocations;
    }

    /** The policy the decisions are made with (its verifier checks tokens outside a decision, e.g. when referenced). */
    public EdgePolicy policy() {
        return policy;
    }

    /** Resolves a reference, then decides; records nothing. */
    public Decision decide(String presented, AccessRequest request) {
        return switch (tokenRefs.resolve(presented)) {
            case TokenRefResolver.Resolved resolved -> policy.decide(resolved.token(), request);
            case TokenRefResolver.Unresolved unresolved -> unknownReference(unresolved);
        };
    }

    /**
     * Decides, and when the request is allowed records one usage event before returning: if the store fails, the
     * failure propagates (the caller answers 503 and the edge refuses), so no allow goes unrecorded.
     */
    public Decision authorize(String presented, AccessRequest request) {
        Decision decision = decide(presented, request);
        if (decision instanceof Allowed allowed) {
            usage.record(UsageEvent.authorized(request, allowed));
        }
        return decision;
    }

    /**
     * Resolves a reference, then checks the token alone at {@code at} (digest, envelope, expiry): allowed with the
     * one check {@code token}, or denied with the verifier's code; records nothing.
     */
    public Decision verify(String presented, Instant at) {
        return switch (tokenRefs.resolve(presented)) {
            case TokenRefResolver.Unresolved unresolved -> unknownReference(unresolved);
            case TokenRefResolver.Resolved resolved -> {
                Verification verification = policy.verifier().verify(resolved.token(), at);
                yield switch (verification) {
                    case Verified verified ->
                        policy.checkRevocation(
                                new Allowed(
                                        verified.applicationId(),
                                        verified.claims(),
                                        Optional.empty(),
                                        Optional.empty(),
                                        List.of(new Check("token", Check.Outcome.PASS, "digest verified"))),
                                at);
                    case Rejected rejected -> {
                        DenialCode code = DenialCode.of(rejected.code());
                        yield new Denied(
                                code,
                                rejected.detail(),
                                rejected.authentic(),
                                Optional.empty(),
                                Optional.empty(),
                                List.of(new Check(
                                        code == DenialCode.EXPIRED ? "expiry" : "token",
                                        Check.Outcome.FAIL,
                                        code.code() + ": " + rejected.detail())));
                    }
                };
            }
        };
    }

    private static Denied unknownReference(TokenRefResolver.Unresolved unresolved) {
        return Denied.before("token-ref", DenialCode.UNKNOWN_TOKEN_REF, unresolved.detail());
    }
}
