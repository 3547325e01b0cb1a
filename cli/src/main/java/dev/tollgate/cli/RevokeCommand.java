package dev.tollgate.cli;

import dev.tollgate.client.Revocation;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tollgate revoke token|tag|channel|room|session|subject|issued-before …}, {@code revoke list} and {@code revoke
 * withdraw ID}: an application's revocation list on the running server ({@code /v1/revocations}), through the SDK,
 * with the server, the admin credential and the application found as for {@code tollgate channel}. Each prints the
 * server's answer as one JSON line. Exit 0 done, 1 refused (with the server's code, e.g. {@code invalid-value}), 2
 * usage.
 */
@Command(
        name = "revoke",
        mixinStandardHelpOptions = true,
        description = "Revoke tokens before they expire: one token, or every token of a tag, channel, room, session,"
                + " subject or issued before an instant; list and withdraw entries.",
        subcommands = {
            RevokeCommand.Token.class,
            RevokeCommand.Tag.class,
            RevokeCommand.ChannelMatch.class,
            RevokeCommand.RoomMatch.class,
            RevokeCommand.Session.class,
            RevokeCommand.Subject.class,
            RevokeCommand.IssuedBefore.class,
            RevokeCommand.ListEntries.class,
            RevokeCommand.Withdraw.class
        })
final class RevokeCommand {
    private RevokeCommand() {}

    /** {@code token TOKEN}: a DIGEST token, a tgr_ reference, an API token or a client access token. */
    @Command(
            name = "token",
            mixinStandardHelpOptions = true,
            description = "Revoke one token (DIGEST, tgr_ reference, API or client access token) until it expires.")
    static final class Token extends AppCommand.ForApplication {
        @Parameters(
                paramLabel = "TOKEN",
                description = "The token or its tgr_ reference (never stored: its digest is).")
        String token;

        @Override
        void run(PrintWriter out) {
            Revocation entry =
                    client.call(System::getenv, (sdk, admin) -> sdk.revokeToken(admin, application(sdk, admin), token));
            out.println(json(described(entry)));
        }
    }

    /** What every match subcommand shares: the value and an optional end. */
    abstract static class Match extends AppCommand.ForApplication {
        @Option(
                names = "--ends-at",
                paramLabel = "INSTANT",
                description = "When the entry stops matching, ISO-8601 (2026-12-31T00:00:00Z); default: 24 h for"
                        + " subject and issued-before, the server's revocation horizon (30d) for the others.")
        String endsAt;

        abstract Revocation.Kind kind();

        /** The match, or null for an issued-before watermark of now. */
        abstract String value();

        @Override
        void run(PrintWriter out) {
            Optional<Instant> end = Optional.ofNullable(endsAt).map(text -> instant("--ends-at", text));
            Revocation entry = client.call(
                    System::getenv, (sdk, admin) -> sdk.revoke(admin, application(sdk, admin), kind(), value(), end));
            out.println(json(described(entry)));
        }
    }

    @Command(
            name = "tag",
            mixinStandardHelpOptions = true,
            description = "Revoke every token that requires or applies the tag.")
    static final class Tag extends Match {
        @Parameters(paramLabel = "TAG")
        String tag;

        @Override
        Revocation.Kind kind() {
            return Revocation.Kind.TAG;
        }

        @Override
        String value() {
            return tag;
        }
    }

    @Command(
            name = "channel",
            mixinStandardHelpOptions = true,
            description = "Revoke every token designating the channel (by its ID or its alias).")
    static final class ChannelMatch extends Match {
        @Parameters(paramLabel = "ID|ALIAS")
        String channel;

        @Override
        Revocation.Kind kind() {
            return Revocation.Kind.CHANNEL;
        }

        @Override
        String value() {
            return channel;
        }
    }

    @Command(
            name = "room",
            mixinStandardHelpOptions = true,
            description = "Revoke every token designating the room (by its ID or its alias).")
    static final class RoomMatch extends Match {
        @Parameters(paramLabel = "ID|ALIAS")
        String room;

        @Override
        Revocation.Kind kind() {
            return Revocation.Kind.ROOM;
        }

        @Override
        String value() {
            return room;
        }
    }

    @Command(
            name = "session",
            mixinStandardHelpOptions = true,
            description = "Revoke every token bound to the session (sessionId) and cut the streams opened with one.")
    static final class Session extends Match {
        @Parameters(paramLabel = "SESSION_ID")
        String session;

        @Override
        Revocation.Kind kind() {
            return Revocation.Kind.SESSION;
        }

        @Override
        String value() {
            return session;
        }
    }

    @Command(
            name = "subject",
            mixinStandardHelpOptions = true,
            description = "Revoke every client access token of the external ID.")
    static final class Subject extends Match {
        @Parameters(paramLabel = "EXTERNAL_ID")
        String externalId;

        @Override
        Revocation.Kind kind() {
            return Revocation.Kind.SUBJECT;
        }

        @Override
        String value() {
            return externalId;
        }
    }

    @Command(
            name = "issued-before",
            mixinStandardHelpOptions = true,
            description = "Revoke every API and client access token of the application issued before the instant"
                    + " (default: now).")
    static final class IssuedBefore extends Match {
        @Parameters(paramLabel = "INSTANT", arity = "0..1", description = "ISO-8601, not in the future; default now.")
        String watermark;

        @Override
        Revocation.Kind kind() {
            return Revocation.Kind.ISSUED_BEFORE;
        }

        @Override
        String value() {
            // Checked here so that a typo is a usage error, not a round trip.
            return watermark == null ? null : instant("INSTANT", watermark).toString();
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the active entries, newest first.")
    static final class ListEntries extends AppCommand.ForApplication {
        @Override
        void run(PrintWriter out) {
            List<Revocation> entries =
                    client.call(System::getenv, (sdk, admin) -> sdk.revocations(admin, application(sdk, admin)));
            out.println(json(Map.of(
                    "revocations",
                    entries.stream().map(RevokeCommand::described).toList())));
        }
    }

    @Command(
            name = "withdraw",
            mixinStandardHelpOptions = true,
            description = "Withdraw an active entry: what it matched is no longer refused by it.")
    static final class Withdraw extends AppCommand.ForApplication {
        @Parameters(paramLabel = "ID", description = "The entry's ID (rev_…).")
        String id;

        @Override
        void run(PrintWriter out) {
            client.call(System::getenv, (sdk, admin) -> {
                sdk.withdrawRevocation(admin, application(sdk, admin), id);
                return id;
            });
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("id", id);
            answer.put("withdrawn", true);
            out.println(json(answer));
        }
    }

    private static Instant instant(String what, String text) {
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new UsageException(
                    what + " must be an ISO-8601 instant such as 2026-12-31T00:00:00Z, was '" + text + "'");
        }
    }

    /** As the server writes an entry. */
    static Map<String, Object> described(Revocation entry) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", entry.id());
        answer.put("applicationId", entry.applicationId());
        answer.put("kind", entry.kind().wireName());
        answer.put("value", entry.value());
        entry.alias().ifPresent(alias -> answer.put("alias", alias));
        answer.put("createdAt", entry.createdAt().toString());
        answer.put("endsAt", entry.endsAt().toString());
        return answer;
    }
}
