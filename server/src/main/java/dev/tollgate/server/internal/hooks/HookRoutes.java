package dev.tollgate.server.internal.hooks;

import dev.tollgate.server.internal.decisions.EdgeDecisions;
import dev.tollgate.server.internal.http.Plumbing;
import dev.tollgate.server.internal.http.Routes;
import dev.tollgate.server.internal.keys.SecretBox;
import dev.tollgate.server.internal.registry.ChannelStore;
import dev.tollgate.server.internal.usage.UsageSessionStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Set;

/**
 * The media servers' hooks, {@code /hooks/<server>/<event>}, each one class in its server's dialect and all through
 * one {@link StreamGate}, built here once. To add a media server: one hook class, one line below. Stateless.
 */
public final class HookRoutes {
    /** How long an HLS subscription passes on its cookie before the database is asked again ({@link RecentChecks}). */
    static final Duration HLS_RECHECK = Duration.ofSeconds(5);

    /**
     * How many HLS subscriptions are remembered as recently checked: about 100 bytes each, so a few MiB; beyond it
     * they pay one database touch again.
     */
    static final int HLS_RECENT_CAPACITY = 50_000;

    private HookRoutes() {}

    /**
     * The dialects whose media server reports the end of every session and sends no sign of life in between (Icecast's
     * {@code listener_remove}, SRS's {@code on_stop}/{@code on_unpublish}): the usage-session reaper must not take
     * their silence for an end. nginx-rtmp ({@code update}) and HLS (each fetch) do send signs of life; MediaMTX sends
     * nothing at all, so the reaper is the only end its sessions get.
     */
    public static final Set<String> REPORTING_EVERY_END_ONLY = Set.of(IcecastHook.MEDIA_SERVER, SrsHook.MEDIA_SERVER);

    /**
     * @param sessionTimeout how long a usage session stays open without a sign of life ({@code update}, a fetch):
     *     sessions older count for no {@code max-sessions}
     */
    public static void register(
            Routes routes,
            Plumbing plumbing,
            EdgeDecisions decisions,
            ChannelStore channels,
            UsageSessionStore usageSessions,
            SessionLookup platformSessions,
            Duration sessionTimeout,
            SecretBox box,
            SecureRandom random) {
        StreamGate gate = new StreamGate(
                decisions, channels, usageSessions, platformSessions, sessionTimeout, random, plumbing.clock());
        new NginxRtmpHook(gate).routes(routes);
        new HttpAuthHook(
                        gate,
                        new SubscriptionCookie(box.derive("hooks/http-auth-cookie")),
                        new RecentChecks(HLS_RECHECK, HLS_RECENT_CAPACITY, plumbing.clock()),
                        random)
                .routes(routes);
        new IcecastHook(gate, plumbing.responses()).routes(routes);
        new MediaMtxHook(gate, plumbing.responses(), plumbing.mapper()).routes(routes);
        new SrsHook(gate, plumbing.responses(), plumbing.mapper()).routes(routes);
    }
}
