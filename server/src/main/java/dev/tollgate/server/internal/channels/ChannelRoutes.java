package dev.tollgate.server.internal.channels;

import dev.tollgate.server.internal.access.Gates;
import dev.tollgate.server.internal.http.Plumbing;
import dev.tollgate.server.internal.http.Routes;
import dev.tollgate.server.internal.registry.Channel;
import dev.tollgate.server.internal.registry.Channels;

/** The channels family's routes: {@code /v1/channels…} and {@code /v1/rooms…}, the same endpoint per kind. Stateless. */
public final class ChannelRoutes {
    private ChannelRoutes() {}

    public static void register(Routes routes, Plumbing plumbing, Gates gates, Channels channels) {
        for (Channel.Kind kind : Channel.Kind.values()) {
            new ChannelEndpoint(kind, gates, channels, plumbing.responses(), plumbing.mapper()).routes(routes);
        }
    }
}
