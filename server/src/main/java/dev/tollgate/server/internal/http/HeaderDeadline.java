package dev.tollgate.server.internal.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection whose request line and headers are not complete within the bound: from the connection's
 * opening, and on a kept-alive connection from the end of the previous answer. Jetty's idle timeout restarts with
 * every byte received, so a client that sends its header section one byte at a time (slowloris) would hold the
 * connection and its buffers for as long as it likes; this bound is on the whole header section. A body is not under
 * it: the idle timeout bounds a body that stalls.
 *
 * <p>Add it to the connector as a {@link Connection.Listener} and put {@link #handler()} in front of the routes, which
 * tells it when a header section is complete (Jetty calls handlers then) and when an answer is done. Thread-safe.
 */
public final class HeaderDeadline implements Connection.Listener {
    private static final Logger LOG = LoggerFactory.getLogger("dev.tollgate.server.rejections");

    private final Scheduler scheduler;
    private final Duration bound;
    private final Map<Connection, Watch> watches = new ConcurrentHashMap<>();

    public HeaderDeadline(Scheduler scheduler, Duration bound) {
        this.scheduler = scheduler;
        this.bound = bound;
    }

    @Override
    public void onOpened(Connection connection) {
        Watch watch = new Watch(connection);
        watches.put(connection, watch);
        watch.ended();
    }

    @Override
    public void onClosed(Connection connection) {
        Watch watch = watches.remove(connection);
        if (watch != null) {
            watch.closed();
        }
    }

    /** The handler to wrap around the routes: every request it sees has its header section complete. */
    public Handler.Wrapper handler() {
        return new Handler.Wrapper() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                Watch watch = watches.get(request.getConnectionMetaData().getConnection());
                if (watch != null) {
                    watch.started();
                    Request.addCompletionListener(request, failure -> watch.ended());
                }
                return super.handle(request, response, callback);
            }
        };
    }

    /** One connection's deadline: armed while no request is being handled. */
    private final class Watch {
        private final Connection connection;
        private int handling;
        private long generation;
        private Scheduler.Task task;
        private long bytesInWhenArmed;
        private boolean closed;

        Watch(Connection connection) {
            this.connection = connection;
        }

        synchronized void started() {
            handling++;
            disarm();
        }

        synchronized void ended() {
            if (handling > 0) {
                handling--;
            }
            if (handling == 0 && !closed) {
                disarm();
                long armed = generation;
                bytesInWhenArmed = connection.getBytesIn();
                task = scheduler.schedule(() -> expire(armed), bound.toMillis(), TimeUnit.MILLISECONDS);
            }
        }

        synchronized void closed() {
            closed = true;
            disarm();
        }

        private void disarm() {
            generation++;
            if (task != null) {
                task.cancel();
                task = null;
            }
        }

        private void expire(long armed) {
            synchronized (this) {
                if (armed != generation || handling > 0 || closed) {
                    return;
                }
                closed = true;
            }
            if (connection.getBytesIn() > bytesInWhenArmed) {
                LOG.info(
                        "closed a connection from {}: no complete request line and headers within {} ms",
                        connection.getEndPoint().getRemoteSocketAddress(),
                        bound.toMillis());
            } else {
                // A connection kept alive and left silent: the ordinary end of a keep-alive connection.
                LOG.debug(
                        "closed a silent connection from {}",
                        connection.getEndPoint().getRemoteSocketAddress());
            }
            connection.getEndPoint().close();
        }
    }
}
