package dev.tollgate.server.internal.sessions;

/**
 * Conferences. Implementations are thread-safe. Schema: {@code db/tollgate/V7__conferences_and_notifications.sql}.
 */
public interface ConferenceStore {
    /** The outcome of {@link #create}. */
    sealed interface Created {}

    /** Stored, and its {@code conference.created} event written in the same transaction. */
    record Stored(Conference conference) implements Created {}

    /** Another conference of the application has the alias. */
    record AliasTaken(String alias) implements Created {}

    Created create(Conference conference);
}
