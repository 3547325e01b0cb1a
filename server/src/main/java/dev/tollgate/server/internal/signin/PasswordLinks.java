package dev.tollgate.server.internal.signin;

import java.net.URI;
import java.util.function.Supplier;

/**
 * The set-password URL a link token travels in: {@code <server url>/#/set-password/<token>}. The token sits in the
 * fragment, which browsers never send to a server, so it reaches no access log and no {@code Referer}. Thread-safe.
 */
final class PasswordLinks {
    private final Supplier<URI> serverUrl;

    PasswordLinks(Supplier<URI> serverUrl) {
        this.serverUrl = serverUrl;
    }

    String url(String token) {
        String base = serverUrl.get().toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/#/set-password/" + token;
    }
}
