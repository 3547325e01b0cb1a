package dev.tollgate.cli;

import dev.tollgate.client.CreatedAccount;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tollgate account}: dashboard accounts on the running server. Exit 0 done, 1 refused by the server, 2 usage. */
@Command(
        name = "account",
        mixinStandardHelpOptions = true,
        description = "Manage dashboard accounts on the running server (create).",
        subcommands = {AccountCommand.Create.class})
final class AccountCommand {
    private AccountCommand() {}

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Create a dashboard account (a developer unless --admin) and print the one-time link"
                    + " its owner sets the password with (24 hours, once).")
    static final class Create extends AppCommand.Base {
        @Option(names = "--email", required = true, description = "The account's sign-in name.")
        String email;

        @Option(
                names = "--admin",
                description = "An admin (every application, the accounts) instead of a developer (its own"
                        + " applications).")
        boolean admin;

        @Override
        void run(PrintWriter out) {
            CreatedAccount created = client.call(
                    System::getenv,
                    (sdk, credential) -> sdk.createAccount(credential, email, admin ? "admin" : "developer"));
            out.println("created " + created.role() + " account " + created.email() + " (" + created.accountId() + ")");
            out.println("open this link within 24 hours to set its password (it works once):");
            out.println(created.setPasswordUrl());
        }
    }
}
