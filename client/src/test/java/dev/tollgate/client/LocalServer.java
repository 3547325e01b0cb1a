package dev.tollgate.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A JDK HTTP server on loopback that plays a Tollgate server, or a misbehaving network, in the client's tests. */
final class LocalServer implements AutoCloseable {
    /** Answers one exchange; {@code n} counts requests to this server from 1. */
    @FunctionalInterface
    interface Handler {
        void handle(HttpExchange exchange, int n) throws IOException, InterruptedException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();

    private LocalServer(HttpServer server) {
        this.server = server;
    }

    static LocalServer start(Handler handler) {
        return start(0, handler);
    }

    static LocalServer start(int port, Handler handler) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            LocalServer local = new LocalServer(http);
            http.createContext("/", exchange -> {
                try {
                    handler.handle(exchange, local.requests.incrementAndGet());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    exchange.close();
                }
            });
            // Handlers may sleep: each exchange on its own thread, so a slow one does not hold back the next.
            http.setExecutor(local.executor);
            http.start();
            return local;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void reply(HttpExchange exchange, int status, String json, String... headers) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
