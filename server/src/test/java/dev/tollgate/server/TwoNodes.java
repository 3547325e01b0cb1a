package dev.tollgate.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Two servers on one PostgreSQL with one master key, as an operator runs several nodes: the first creates the
 * credentials and the signing key, the second finds them. Both are real servers on port 0.
 */
final class TwoNodes implements AutoCloseable {
    final TestServer first;
    final TollgateServer secondServer;
    /** The second node, with the first node's admin and edge credentials (the ones both accept). */
    final TestServer second;

    private TwoNodes(TestServer first, TollgateServer secondServer, TestServer second) {
        this.first = first;
        this.secondServer = secondServer;
        this.second = second;
    }

    static TwoNodes start(Path firstDirectory, Path secondDirectory, Clock clock) {
        TestServer first = TestServer.start(Db.POSTGRESQL, firstDirectory, clock);
        try {
            String masterKey =
                    Files.readString(firstDirectory.resolve("master.key")).strip();
            ServerConfig shared = ServerConfig.of(secondDirectory, 0)
                    .withDatabase(
                            first.config.databaseUrl().orElseThrow(),
                            first.config.databaseUser().orElse(null),
                            first.config.databasePassword().orElse(null))
                    .withMasterKey(masterKey);
            TollgateServer second = TollgateServer.start(shared, clock);
            Files.writeString(secondDirectory.resolve(TollgateServer.ADMIN_CREDENTIAL_FILE), first.admin);
            Files.writeString(secondDirectory.resolve(TollgateServer.EDGE_CREDENTIAL_FILE), first.edge);
            return new TwoNodes(first, second, TestServer.wrap(second, shared));
        } catch (IOException | RuntimeException e) {
            first.close();
            if (e instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw (RuntimeException) e;
        }
    }

    @Override
    public void close() {
        try {
            secondServer.close();
        } finally {
            first.close();
        }
    }
}
