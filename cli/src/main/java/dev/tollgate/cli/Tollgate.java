package dev.tollgate.cli;

import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tollgate} command line. Each run is one process; nothing here is shared between threads. */
@Command(
        name = "tollgate",
        mixinStandardHelpOptions = true,
        versionProvider = Tollgate.Version.class,
        description = "Tollgate: EdgeAuth-compatible tokens and the edge decision for streaming platforms.",
        subcommands = {
            TokenCommand.class,
            ServeCommand.class,
            StatusCommand.class,
            AppCommand.class,
            AccountCommand.class,
            UsageCommand.class,
            ChannelCommand.Channels.class,
            ChannelCommand.Rooms.class,
            RevokeCommand.class,
            EdgeCredentialCommand.class
        })
public final class Tollgate {
    /** Exit code of a usage error (bad option, missing value, unreadable secret file). */
    static final int USAGE = 2;

    /** Exit code of a rejected token or another failure that is not the caller's syntax. */
    static final int REJECTED = 1;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Tollgate());
        commandLine.setParameterExceptionHandler(Tollgate::usageError);
        commandLine.setExecutionExceptionHandler(Tollgate::failure);
        return commandLine;
    }

    // One line on stderr, never a stack trace: the user mistyped, they need the reason and where to look.
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        String name = command.getCommandSpec().qualifiedName();
        command.getErr().println(name + ": " + e.getMessage() + suggestions(e, name) + " (see --help)");
        return USAGE;
    }

    // picocli's own handler prints its suggestions on a second line ("Possible solutions: --channel, --channelAlias",
    // UnmatchedArgumentException.printSuggestions); here they join the one line.
    private static String suggestions(CommandLine.ParameterException e, String name) {
        if (!(e instanceof CommandLine.UnmatchedArgumentException unmatched)
                || unmatched.getSuggestions().isEmpty()) {
            return "";
        }
        // Suggestions for an unknown option are options; for an unknown word they are subcommands of this command.
        String prefix = unmatched.isUnknownOption() ? "" : name + " ";
        return "; did you mean "
                + unmatched.getSuggestions().stream().map(prefix::concat).collect(Collectors.joining(" or ")) + "?";
    }

    private static int failure(Exception e, CommandLine command, CommandLine.ParseResult parseResult) {
        String name = command.getCommandSpec().qualifiedName();
        if (e instanceof UsageException
                || e instanceof IllegalArgumentException
                || e instanceof IllegalStateException) {
            command.getErr().println(name + ": " + e.getMessage());
            return USAGE;
        }
        command.getErr().println(name + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
        return REJECTED;
    }

    /** Reads the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Tollgate.class.getPackage().getImplementationVersion();
            return new String[] {"tollgate " + (version == null ? "development build" : version)};
        }
    }
}
