package dev.tollgate.cli;

import dev.tollgate.client.Channel;
import dev.tollgate.client.ChannelDetails;
import dev.tollgate.client.OriginStream;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tollgate channel} and {@code tollgate room}: an application's channels and rooms on the running server
 * ({@code /v1/channels}, {@code /v1/rooms}), through the SDK, with the server and the admin credential found as for
 * {@code tollgate usage} and the application named by {@code --application}. Each prints the server's answer as one
 * JSON line. Exit 0 done, 1 refused (with the server's code, e.g. {@code alias-taken}), 2 usage.
 */
final class ChannelCommand {
    private ChannelCommand() {}

    @Command(
            name = "channel",
            mixinStandardHelpOptions = true,
            description = "Manage an application's channels (create, list, show, streams, delete).",
            subcommands = {
                CreateChannel.class,
                ListChannels.class,
                ShowChannel.class,
                ChannelStreams.class,
                DeleteChannel.class
            })
    static final class Channels {}

    @Command(
            name = "room",
            mixinStandardHelpOptions = true,
            description = "Manage an application's rooms (create, list, show, streams, delete).",
            subcommands = {CreateRoom.class, ListRooms.class, ShowRoom.class, RoomStreams.class, DeleteRoom.class})
    static final class Rooms {}

    /** What every subcommand shares: the application, and whether it acts on rooms. */
    abstract static class Base extends AppCommand.ForApplication {
        /** Whether the command acts on rooms rather than channels. */
        abstract boolean rooms();

        String plural() {
            return rooms() ? "rooms" : "channels";
        }
    }

    /** {@code create --alias ALIAS}. */
    abstract static class Create extends Base {
        @Option(
                names = "--alias",
                required = true,
                paramLabel = "ALIAS",
                description = "1 to 128 of A-Z a-z 0-9 . _ - (it is the RTMP stream name), unique in the application.")
        String alias;

        @Override
        void run(PrintWriter out) {
            Channel channel = client.call(
                    System::getenv,
                    (sdk, admin) -> rooms()
                            ? sdk.createRoom(admin, application(sdk, admin), alias)
                            : sdk.createChannel(admin, application(sdk, admin), alias));
            out.println(json(described(channel)));
        }
    }

    /** {@code list}. */
    abstract static class ListAll extends Base {
        @Override
        void run(PrintWriter out) {
            List<Channel> channels = client.call(
                    System::getenv,
                    (sdk, admin) -> rooms()
                            ? sdk.rooms(admin, application(sdk, admin))
                            : sdk.channels(admin, application(sdk, admin)));
            out.println(json(Map.of(
                    plural(), channels.stream().map(ChannelCommand::described).toList())));
        }
    }

    /** {@code show ID|ALIAS}. */
    abstract static class Show extends Base {
        @Parameters(paramLabel = "ID|ALIAS", description = "The ID (us-northeast#…) or the alias.")
        String idOrAlias;

        @Override
        void run(PrintWriter out) {
            ChannelDetails details = client.call(
                    System::getenv,
                    (sdk, admin) -> rooms()
                            ? sdk.room(admin, application(sdk, admin), idOrAlias)
                            : sdk.channel(admin, application(sdk, admin), idOrAlias));
            Map<String, Object> answer = described(details.channel());
            answer.put(
                    "liveStreams",
                    details.liveStreams().stream()
                            .map(ChannelCommand::described)
                            .toList());
            out.println(json(answer));
        }
    }

    /** {@code streams ID|ALIAS}. */
    abstract static class Streams extends Base {
        @Parameters(paramLabel = "ID|ALIAS", description = "The ID (us-northeast#…) or the alias.")
        String idOrAlias;

        @Override
        void run(PrintWriter out) {
            List<OriginStream> streams = client.call(
                    System::getenv,
                    (sdk, admin) -> rooms()
                            ? sdk.roomStreams(admin, application(sdk, admin), idOrAlias)
                            : sdk.channelStreams(admin, application(sdk, admin), idOrAlias));
            out.println(json(Map.of(
                    "streams", streams.stream().map(ChannelCommand::described).toList())));
        }
    }

    /** {@code delete ID|ALIAS}. */
    abstract static class Delete extends Base {
        @Parameters(paramLabel = "ID|ALIAS", description = "The ID (us-northeast#…) or the alias.")
        String idOrAlias;

        @Override
        void run(PrintWriter out) {
            client.call(System::getenv, (sdk, admin) -> {
                if (rooms()) {
                    sdk.deleteRoom(admin, application(sdk, admin), idOrAlias);
                } else {
                    sdk.deleteChannel(admin, application(sdk, admin), idOrAlias);
                }
                return idOrAlias;
            });
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("id", idOrAlias);
            answer.put("deleted", true);
            out.println(json(answer));
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a channel; prints it.")
    static final class CreateChannel extends Create {
        @Override
        boolean rooms() {
            return false;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the channels, oldest first.")
    static final class ListChannels extends ListAll {
        @Override
        boolean rooms() {
            return false;
        }
    }

    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description = "Show a channel with the IDs of its live origin streams (for forOriginStream tokens).")
    static final class ShowChannel extends Show {
        @Override
        boolean rooms() {
            return false;
        }
    }

    @Command(
            name = "streams",
            mixinStandardHelpOptions = true,
            description = "List a channel's origin streams, live and ended, newest first.")
    static final class ChannelStreams extends Streams {
        @Override
        boolean rooms() {
            return false;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a channel and its streams.")
    static final class DeleteChannel extends Delete {
        @Override
        boolean rooms() {
            return false;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a room; prints it.")
    static final class CreateRoom extends Create {
        @Override
        boolean rooms() {
            return true;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the rooms, oldest first.")
    static final class ListRooms extends ListAll {
        @Override
        boolean rooms() {
            return true;
        }
    }

    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description = "Show a room with the IDs of its live origin streams (for forOriginStream tokens).")
    static final class ShowRoom extends Show {
        @Override
        boolean rooms() {
            return true;
        }
    }

    @Command(
            name = "streams",
            mixinStandardHelpOptions = true,
            description = "List a room's origin streams, live and ended, newest first.")
    static final class RoomStreams extends Streams {
        @Override
        boolean rooms() {
            return true;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a room and its streams.")
    static final class DeleteRoom extends Delete {
        @Override
        boolean rooms() {
            return true;
        }
    }

    /** As the server writes a channel or room. */
    static Map<String, Object> described(Channel channel) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", channel.id());
        answer.put("alias", channel.alias());
        answer.put("kind", channel.kind());
        answer.put("applicationId", channel.applicationId());
        answer.put("createdAt", channel.createdAt().toString());
        return answer;
    }

    /** As the server writes a stream. */
    static Map<String, Object> described(OriginStream stream) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", stream.id());
        answer.put("startedAt", stream.startedAt().toString());
        answer.put("endedAt", stream.endedAt().map(Instant::toString).orElse(null));
        answer.put("live", stream.isLive());
        return answer;
    }
}
