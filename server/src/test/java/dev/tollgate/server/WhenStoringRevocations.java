package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.edge.RevocationKind;
import dev.tollgate.server.TestServer.App;
import dev.tollgate.server.internal.revocations.JdbcRevocationStore;
import dev.tollgate.server.internal.revocations.Revocation;
import dev.tollgate.server.internal.revocations.RevocationStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JDBC revocation store on the schema the server migrated, on H2 and on PostgreSQL. */
class WhenStoringRevocations extends ServerScenario {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    RevocationStore store;
    App app;
    App other;

    @BeforeEach
    void openStore() {
        store = new JdbcRevocationStore(server.jdbi());
        app = server.createApplication("broadcaster");
        other = server.createApplication("other");
    }

    static Revocation entry(String id, App owner, RevocationKind kind, String value, Instant ends) {
        return new Revocation(id, owner.id(), kind, value, Optional.empty(), T0, ends, 0);
    }

    @Test
    void theSameMatchGivesTheSameEntryBackWhileItIsActive() {
        RevocationStore.Created first =
                store.create(entry("rev_1", app, RevocationKind.TAG, "vip", T0.plusSeconds(60)), T0);
        RevocationStore.Created again =
                store.create(entry("rev_2", app, RevocationKind.TAG, "vip", T0.plusSeconds(600)), T0.plusSeconds(1));
        RevocationStore.Created elsewhere =
                store.create(entry("rev_3", other, RevocationKind.TAG, "vip", T0.plusSeconds(60)), T0);

        assertThat(first.isNew()).isTrue();
        assertThat(again.isNew()).isFalse();
        assertThat(again.revocation()).isEqualTo(first.revocation());
        assertThat(elsewhere.isNew()).isTrue();
        assertThat(store.find(app.id(), "rev_1")).contains(first.revocation());
        assertThat(store.find(other.id(), "rev_1")).isEmpty();
    }

    @Test
    void everyChangeTakesALargerSequenceSoAReaderReReadsOnlyWhatIsNewer() {
        Revocation a = store.create(entry("rev_a", app, RevocationKind.TAG, "a", T0.plusSeconds(60)), T0)
                .revocation();
        Revocation b = store.create(entry("rev_b", app, RevocationKind.CHANNEL, "c1", T0.plusSeconds(60)), T0)
                .revocation();

        assertThat(b.sequence()).isGreaterThan(a.sequence());
        assertThat(store.changedSince(0, 10)).containsExactly(a, b);
        assertThat(store.changedSince(a.sequence(), 10)).containsExactly(b);

        assertThat(store.withdraw(app.id(), "rev_a", T0.plusSeconds(5))).isTrue();
        assertThat(store.withdraw(app.id(), "rev_a", T0.plusSeconds(6))).isFalse();
        assertThat(store.withdraw(other.id(), "rev_b", T0.plusSeconds(6))).isFalse();

        assertThat(store.changedSince(b.sequence(), 10)).singleElement().satisfies(withdrawn -> {
            assertThat(withdrawn.id()).isEqualTo("rev_a");
            assertThat(withdrawn.endsAt()).isEqualTo(T0.plusSeconds(5));
            assertThat(withdrawn.sequence()).isGreaterThan(b.sequence());
        });
        assertThat(store.listActive(app.id(), T0.plusSeconds(5), 10)).containsExactly(b);
    }

    @Test
    void aWithdrawnMatchCanBeRevokedAgainAsANewEntry() {
        store.create(entry("rev_1", app, RevocationKind.SESSION, "s1", T0.plusSeconds(60)), T0);
        store.withdraw(app.id(), "rev_1", T0.plusSeconds(1));

        RevocationStore.Created again =
                store.create(entry("rev_2", app, RevocationKind.SESSION, "s1", T0.plusSeconds(120)), T0.plusSeconds(2));

        assertThat(again.isNew()).isTrue();
        assertThat(store.listActive(app.id(), T0.plusSeconds(2), 10))
                .extracting(Revocation::id)
                .containsExactly("rev_2");
    }

    @Test
    void entriesThatEndedArePurgedOldestFirstAndBounded() {
        store.create(entry("rev_1", app, RevocationKind.TAG, "a", T0.plusSeconds(10)), T0);
        store.create(entry("rev_2", app, RevocationKind.TAG, "b", T0.plusSeconds(20)), T0);
        store.create(entry("rev_3", app, RevocationKind.TAG, "c", T0.plus(Duration.ofDays(30))), T0);

        assertThat(store.purgeEndedBefore(T0.plusSeconds(30), 1)).isEqualTo(1);
        assertThat(store.find(app.id(), "rev_1")).isEmpty();
        assertThat(store.purgeEndedBefore(T0.plusSeconds(30), 10)).isEqualTo(1);
        assertThat(store.find(app.id(), "rev_2")).isEmpty();
        assertThat(store.find(app.id(), "rev_3")).isPresent();
    }
}
