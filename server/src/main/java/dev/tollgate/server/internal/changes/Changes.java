package dev.tollgate.server.internal.changes;

/**
 * How the nodes sharing one database tell each other what their caches must drop (issue 12's bounded propagation):
 * a revocation, an application deleted, a secret rotated or retired, a signing key rotated, a failure budget used up,
 * the edge credential rotated. The node that made a change applies it to itself at once and then {@link #publish}es
 * it; every other node's {@link Listener} hears of it ({@link PostgresChanges}: PostgreSQL {@code LISTEN/NOTIFY},
 * within the bound {@code docs/security.md} gives and {@code WhenChangesReachEveryNode} measures). With H2 one node
 * is the whole server and {@link #NONE} tells nobody.
 *
 * <p>A notice is a hint, never the data: a listener re-reads the store (or drops its cache so that the next use
 * does). So a notice lost while a node was cut off from the database costs nothing once {@link Listener#missed} has
 * made it re-read everything. Implementations are thread-safe.
 */
public interface Changes extends AutoCloseable {
    /** One node, nobody to tell. */
    Changes NONE = new Changes() {
        @Override
        public void publish(Topic topic, String subject) {}

        @Override
        public void subscribe(Topic topic, Listener listener) {}
    };

    /** Tells the other nodes; never throws (a failure is logged, and the caches' own refresh still bounds it). */
    void publish(Topic topic, String subject);

    /** Calls {@code listener} for every notice of {@code topic} from another node, on the notifier's thread. */
    void subscribe(Topic topic, Listener listener);

    /** Stops hearing notices; before the database pool closes. */
    @Override
    default void close() {}

    /** What a node does when it hears of a change. Calls must be quick and never block on anything but the store. */
    interface Listener {
        /** Another node changed {@code subject} (what it is depends on the topic). */
        void changed(String subject);

        /**
         * Notices may have been lost (the connection that hears them was lost and is back): treat everything of the
         * topic as changed.
         */
        void missed();
    }
}
