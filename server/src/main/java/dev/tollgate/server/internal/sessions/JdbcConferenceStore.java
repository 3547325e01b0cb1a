package dev.tollgate.server.internal.sessions;

import dev.tollgate.server.internal.store.UniqueViolation;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementException;

/** {@link ConferenceStore} on JDBC (H2 or PostgreSQL). Thread-safe. */
public final class JdbcConferenceStore implements ConferenceStore {

    private final Jdbi jdbi;

    public JdbcConferenceStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Created create(Conference conference) {
        try {
            jdbi.useTransaction(handle -> {
                handle.createUpdate("INSERT INTO conferences (id, application_id, alias, created_by, created_at)"
                                + " VALUES (:id, :app, :alias, :createdBy, :createdAt)")
                        .bind("id", conference.id())
                        .bind("app", conference.applicationId())
                        .bind("alias", conference.alias().orElse(null))
                        .bind("createdBy", conference.createdBy())
                        .bind("createdAt", conference.createdAt().toEpochMilli())
                        .execute();
                Map<String, Object> payload = new LinkedHashMap<>();
                payload.put("conferenceId", conference.id());
                conference.alias().ifPresent(alias -> payload.put("alias", alias));
                payload.put("createdBy", conference.createdBy());
                JdbcNotificationStore.append(
                        handle,
                        conference.applicationId(),
                        NotificationEvent.CONFERENCE_CREATED,
                        payload,
                        conference.createdAt());
            });
            return new Stored(conference);
        } catch (StatementException e) {
            // The unique constraint decides, not a prior SELECT: two sessions racing for one alias get one winner.
            if (UniqueViolation.caused(e) && conference.alias().isPresent()) {
                return new AliasTaken(conference.alias().get());
            }
            throw e;
        }
    }
}
