package dev.tollgate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.client.Application;
import dev.tollgate.client.CreatedApplication;
import dev.tollgate.client.Credentials;
import dev.tollgate.client.RetiredSecrets;
import dev.tollgate.client.RotatedSecret;
import dev.tollgate.client.TollgateClient;
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

    /** Shared by the subcommands: one call through the SDK, then its answer on stdout. */
    abstract static class Base implements Callable<Integer> {
        private static final ObjectMapper JSON = new ObjectMapper();

        @Spec
        CommandSpec spec;

        @Mixin
        AdminClient client;

        /** Makes the call and prints its answer; a refusal is an {@link AdminClient.Failure}, before any output. */
        abstract void run(PrintWriter out);

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try {
                run(out);
            } catch (AdminClient.Failure e) {
                spec.commandLine().getErr().println(spec.qualifiedName() + ": " + e.getMessage());
                return Tollgate.REJECTED;
            }
            out.flush();
            return 0;
        }

        /**
         * One compact JSON line. The fields are those the server's answer had, in its order, so scripts written
         * against the CLI before it used the SDK read the same output.
         */
        static String json(Object value) {
            try {
                return JSON.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write the answer as JSON", e);
            }
        }
    }

    /**
     * A command that acts for one application ({@code channel}, {@code room}, {@code revoke}): {@code --application},
     * or the server's only one.
     */
    abstract static class ForApplication extends Base {
        @Option(
                names = "--application",
                paramLabel = "APPLICATION_ID",
                description = "The application that owns it; may be left out while the server has only one.")
        String applicationId;

        /**
         * The {@code --application} given, or the server's only application: the first steps of a newcomer (one
         * {@code app create}, then {@code channel create --alias news}) need not copy its ID. With none or several, a
         * one-line usage error says what to do.
         */
        String application(TollgateClient sdk, Credentials.Admin admin) {
            if (applicationId != null) {
                return applicationId;
            }
            List<Application> all = sdk.applications(admin);
            if (all.size() == 1) {
                return all.getFirst().applicationId();
            }
            if (all.isEmpty()) {
                throw new UsageException(
                        "the server has no application yet: create one with tollgate app create --name NAME");
            }
            throw new UsageException("the server has " + all.size() + " applications: give --application ID (one of "
                    + String.join(
                            ", ", all.stream().map(Application::applicationId).toList()) + ")");
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
        void run(PrintWriter out) {
            CreatedApplication created =
                    client.call(System::getenv, (sdk, admin) -> sdk.createApplication(admin, name, scopes));
            if (format == Format.json) {
                Map<String, String> answer = new LinkedHashMap<>();
                answer.put("applicationId", created.applicationId());
                answer.put("secret", created.secret());
                out.println(json(answer));
                return;
            }
            out.println("APP_ID=" + shellQuoted(created.applicationId()));
            out.println("APP_SECRET=" + shellQuoted(created.secret()));
        }

        /** POSIX single quotes: nothing inside is expanded; a quote itself is closed, escaped and reopened. */
        static String shellQuoted(String value) {
            return "'" + value.replace("'", "'\\''") + "'";
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List applications (never their secrets).")
    static final class ListApps extends Base {
        @Override
        void run(PrintWriter out) {
            List<Application> applications = client.call(System::getenv, (sdk, admin) -> sdk.applications(admin));
            List<Map<String, Object>> list = new ArrayList<>();
            for (Application application : applications) {
                Map<String, Object> described = new LinkedHashMap<>();
                described.put("applicationId", application.applicationId());
                described.put("name", application.name());
                described.put("scopes", application.scopes());
                described.put("activeSecrets", application.activeSecrets());
                described.put("createdAt", application.createdAt().toString());
                described.put("updatedAt", application.updatedAt().toString());
                list.add(described);
            }
            out.println(json(Map.of("applications", list)));
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
        void run(PrintWriter out) {
            RotatedSecret rotated = client.call(System::getenv, (sdk, admin) -> sdk.rotateSecret(admin, id));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("applicationId", rotated.applicationId());
            answer.put("secret", rotated.secret());
            answer.put("secretId", rotated.secretId());
            answer.put("activeSecrets", rotated.activeSecrets());
            out.println(json(answer));
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
        void run(PrintWriter out) {
            RetiredSecrets retired = client.call(System::getenv, (sdk, admin) -> sdk.retireOlderSecrets(admin, id));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("applicationId", retired.applicationId());
            answer.put("retired", retired.retired());
            answer.put("activeSecrets", retired.activeSecrets());
            out.println(json(answer));
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete an application and its secrets.")
    static final class Delete extends Base {
        @Parameters(paramLabel = "APPLICATION_ID")
        String id;

        @Override
        void run(PrintWriter out) {
            client.call(System::getenv, (sdk, admin) -> {
                sdk.deleteApplication(admin, id);
                return id;
            });
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("applicationId", id);
            answer.put("deleted", true);
            out.println(json(answer));
        }
    }
}
