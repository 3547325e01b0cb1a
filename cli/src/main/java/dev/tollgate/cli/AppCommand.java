package dev.tollgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tollgate app}: manage applications on the running server. Exit 0 done, 1 refused by the server, 2 usage. */
@Command(
        name = "app",
        mixinStandardHelpOptions = true,
        description = "Manage applications on the running server (create, list, rotate-secret, retire-secret, delete).",
        subcommands = {
            AppCommand.Create.class,
            AppCommand.ListApps.class,
            AppCommand.RotateSecret.class,
            AppCommand.RetireSecret.class,
            AppCommand.Delete.class
        })
final class AppCommand {

    /** Shared by the subcommands: prints one JSON line. */
    abstract static class Base implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AdminClient client;

        abstract JsonNode run();

        @Override
        public Integer call() {
            JsonNode answer;
            try {
                answer = run();
            } catch (AdminClient.Failure e) {
                spec.commandLine().getErr().println(spec.qualifiedName() + ": " + e.getMessage());
                return Tollgate.REJECTED;
            }
            PrintWriter out = spec.commandLine().getOut();
            print(answer, out);
            out.flush();
            return 0;
        }

        /** One JSON line; a subcommand may offer other formats. */
        void print(JsonNode answer, PrintWriter out) {
            out.println(AdminClient.json(answer));
        }
    }

    /** How {@code app create} prints the new credentials. */
    enum Format {
        json,
        env
    }

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Register an application; prints {\"applicationId\",\"secret\"}. The secret is shown once.")
    static final class Create extends Base {
        @Option(names = "--name", required = true, description = "A name for people.")
        String name;

        @Option(
                names = "--scope",
                paramLabel = "SCOPE",
                description = "An API scope the application may use; repeat for more (default: all).")
        List<String> scopes = new ArrayList<>();

        @Option(
                names = "--format",
                paramLabel = "FORMAT",
                description = "json (default): {\"applicationId\",\"secret\"}; env: APP_ID='…' and APP_SECRET='…'"
                        + " lines for eval \"$(tollgate app create … --format env)\" in a shell.")
        Format format = Format.json;

        @Override
        void print(JsonNode answer, PrintWriter out) {
            if (format == Format.json) {
                super.print(answer, out);
                return;
            }
            out.println("APP_ID=" + shellQuoted(answer.path("applicationId").asText()));
            out.println("APP_SECRET=" + shellQuoted(answer.path("secret").asText()));
        }

        /** POSIX single quotes: nothing inside is expanded; a quote itself is closed, escaped and reopened. */
        static String shellQuoted(String value) {
            return "'" + value.replace("'", "'\\''") + "'";
        }

        @Override
        JsonNode run() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            if (!scopes.isEmpty()) {
                body.put("scopes", scopes);
            }
            JsonNode created = client.call("POST", "/v1/admin/applications", AdminClient.json(body), System::getenv);
            Map<String, String> answer = new LinkedHashMap<>();
            answer.put("applicationId", created.path("applicationId").asText());
            answer.put("secret", created.path("secret").asText());
            return new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(answer);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List applications (never their secrets).")
    static final class ListApps extends Base {
        @Override
        JsonNode run() {
            return client.call("GET", "/v1/admin/applications", null, System::getenv);
        }
    }

    @Command(
            name = "rotate-secret",
            mixinStandardHelpOptions = true,
            description = "Add a new current secret; the old one stays valid until retire-secret. Prints the new"
                    + " secret once.")
    static final class RotateSecret extends Base {
        @Parameters(paramLabel = "APPLICATION_ID")
        String id;

        @Override
        JsonNode run() {
            return client.call(
                    "POST",
                    "/v1/admin/applications/" + AdminClient.segment(id) + "/rotate-secret",
                    null,
                    System::getenv);
        }
    }

    @Command(
            name = "retire-secret",
            mixinStandardHelpOptions = true,
            description = "Retire every secret but the newest.")
    static final class RetireSecret extends Base {
        @Parameters(paramLabel = "APPLICATION_ID")
        String id;

        @Override
        JsonNode run() {
            return client.call(
                    "POST",
                    "/v1/admin/applications/" + AdminClient.segment(id) + "/retire-secret",
                    null,
                    System::getenv);
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete an application and its secrets.")
    static final class Delete extends Base {
        @Parameters(paramLabel = "APPLICATION_ID")
        String id;

        @Override
        JsonNode run() {
            return client.call("DELETE", "/v1/admin/applications/" + AdminClient.segment(id), null, System::getenv);
        }
    }
}
