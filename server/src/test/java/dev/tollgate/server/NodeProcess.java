package dev.tollgate.server;

import java.nio.file.Path;

/**
 * One server node in a process of its own, for the scenarios that kill a node with SIGKILL, which no in-process server
 * can stand for. Arguments: DATA_DIR PORT DB_URL [MASTER_KEY]. It serves until it is killed.
 */
public final class NodeProcess {
    private NodeProcess() {}

    public static void main(String[] args) throws InterruptedException {
        ServerConfig config =
                ServerConfig.of(Path.of(args[0]), Integer.parseInt(args[1])).withDatabase(args[2], "postgres", "");
        if (args.length > 3) {
            config = config.withMasterKey(args[3]);
        }
        // As `tollgate serve` does once it listens: server.url tells the scenario where the node is.
        TollgateServer.start(config).announce();
        Thread.currentThread().join();
    }
}
