package dev.tollgate.cli;

import dev.tollgate.client.Credentials;
import dev.tollgate.client.TollgateClient;
import dev.tollgate.client.TollgateException;
import dev.tollgate.server.ServerConfig;
import dev.tollgate.server.TollgateServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Where the running server is and the admin credential to call it with: {@code --url} ({@code --server} is an alias)
 * or {@code TOLLGATE_URL} ({@code TOLLGATE_SERVER}), else {@code server.url} in the data directory;
 * {@code TOLLGATE_ADMIN_TOKEN} else {@code admin.token} in the data directory. So {@code tollgate app create} works
 * right after {@code tollgate serve} on the same machine. The calls themselves go through the Java SDK ({@link
 * TollgateClient}), with its error codes and retry rules; this class only finds the server and the credential, and
 * turns what went wrong into the command's one line.
 */
final class AdminClient {
    /** As long as a store under load may take to answer; the SDK's 10 s default suits a backend, not a person. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "The server's data directory (env TOLLGATE_DATA_DIR, default ./data).")
    Path dataDirectory;

    // --server and TOLLGATE_SERVER were the first names; scripts written against them keep working.
    @Option(
            names = {"--url", "--server"},
            paramLabel = "URL",
            description = "The server URL (env TOLLGATE_URL; --server and TOLLGATE_SERVER are aliases;"
                    + " default: server.url in the data directory).")
    String url;

    /** A server answer that is not a success, or no answer at all. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message);
        }
    }

    /**
     * The server to call and where its URL came from.
     *
     * @param source the flag, the variable or the {@code server.url} file that named it
     * @param fromDataDirectory whether nobody named it: the user is told which server answered
     */
    record Server(URI url, String source, boolean fromDataDirectory) {
        /** The URL, with the file it was read from when it came from a data directory. */
        String described() {
            return fromDataDirectory ? url + " (from " + source + ")" : url.toString();
        }
    }

    /**
     * Makes {@code call} with the SDK against the server found, with the admin credential found. Whatever the server
     * answered, success or refusal, the user is then told which server it was when nobody named it; a refusal, or no
     * answer, is a {@link Failure} with the one line to print.
     */
    <T> T call(Function<String, String> environment, BiFunction<TollgateClient, Credentials.Admin, T> call) {
        Path directory = directory(environment);
        Server server = server(directory, environment);
        String credential = env(environment, "TOLLGATE_ADMIN_TOKEN").orElseGet(() -> {
            Path file = directory.resolve(TollgateServer.ADMIN_CREDENTIAL_FILE);
            return read(
                    file,
                    reason -> "no admin credential: " + shown(file) + " " + reason
                            + "; set TOLLGATE_ADMIN_TOKEN or give the --data-dir of the server");
        });
        try (TollgateClient client =
                TollgateClient.builder().baseUrl(server.url()).timeout(TIMEOUT).build()) {
            T answer = call.apply(client, Credentials.admin(credential));
            answered(server);
            return answer;
        } catch (TollgateException e) {
            if (e.status().isPresent()) {
                answered(server);
            }
            throw failure(server, e);
        }
    }

    // Only once a server has answered: with two servers on one machine, the user sees which one it was, and a failure
    // to connect is not reported twice.
    private void answered(Server server) {
        if (server.fromDataDirectory()) {
            PrintWriter err = command.commandLine().getErr();
            err.println("using " + server.described());
            err.flush();
        }
    }

    private static Failure failure(Server server, TollgateException e) {
        if (e.status().isPresent()) {
            // The SDK's own codes for an answer without Tollgate's JSON: a proxy's page, another service on the port.
            if (e.code().equals(TollgateException.BAD_RESPONSE) || e.code().startsWith("http-")) {
                return new Failure(
                        server.described() + " answered " + e.status().get() + " without Tollgate's JSON ("
                                + e.getMessage() + "): is it a Tollgate server?");
            }
            return new Failure(e.code() + ": " + e.getMessage());
        }
        if (e.code().equals(TollgateException.TIMEOUT)) {
            return new Failure("no answer from " + server.described() + " within " + TIMEOUT.toSeconds() + " s");
        }
        if (e.getCause() instanceof ConnectException || e.getCause() instanceof HttpConnectTimeoutException) {
            // The usual cause is a server.url left behind by a server that was killed, or a server not started yet.
            return new Failure("cannot connect to " + server.described() + ": is 'tollgate serve' running?");
        }
        if (e.getCause() instanceof InterruptedException) {
            return new Failure("interrupted");
        }
        String reason = e.getCause() == null || e.getCause().getMessage() == null
                ? e.getMessage()
                : e.getCause().getMessage();
        return new Failure("cannot reach " + server.described() + ": " + reason);
    }

    /** {@code --data-dir}, else {@code TOLLGATE_DATA_DIR}, else {@code ./data}. */
    Path directory(Function<String, String> environment) {
        return Optional.ofNullable(dataDirectory)
                .or(() -> env(environment, "TOLLGATE_DATA_DIR").map(Path::of))
                .orElse(ServerConfig.DEFAULT_DATA_DIRECTORY);
    }

    /** The flag, then the variables, then the data directory's {@code server.url}. */
    Server server(Path directory, Function<String, String> environment) {
        if (url != null) {
            return new Server(httpUrl(url, "--url"), "--url", false);
        }
        for (String variable : List.of("TOLLGATE_URL", "TOLLGATE_SERVER")) {
            Optional<String> value = env(environment, variable);
            if (value.isPresent()) {
                return new Server(httpUrl(value.get(), variable), variable, false);
            }
        }
        Path file = directory.resolve(TollgateServer.URL_FILE);
        String source = shown(file);
        String text = read(
                file,
                reason ->
                        "no running server found: " + source + " " + reason + "; start 'tollgate serve' or give --url");
        return new Server(httpUrl(text, source), source, true);
    }

    private static URI httpUrl(String text, String source) {
        URI parsed;
        try {
            parsed = new URI(text);
        } catch (URISyntaxException e) {
            throw new UsageException(source + ": '" + text + "' is not a URL: " + e.getReason());
        }
        // "localhost:8080" parses as a URI with the scheme "localhost"; say so rather than let the HTTP client guess.
        if (!("http".equalsIgnoreCase(parsed.getScheme()) || "https".equalsIgnoreCase(parsed.getScheme()))
                || parsed.getHost() == null) {
            throw new UsageException(
                    source + ": '" + text + "' is not an http:// or https:// URL, e.g. http://127.0.0.1:8080");
        }
        // A scheme is case-insensitive (RFC 3986 §3.1); the SDK takes only the lower-case one.
        String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals(parsed.getScheme())
                ? parsed
                : URI.create(
                        scheme + parsed.toString().substring(parsed.getScheme().length()));
    }

    /**
     * The file's text, stripped; else a usage error whose one line {@code problem} writes around what is wrong with the
     * file ("does not exist"), so it names the file, what is wrong and how to fix it.
     */
    private static String read(Path file, Function<String, String> problem) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            throw new UsageException(problem.apply("does not exist"));
        } catch (AccessDeniedException e) {
            throw new UsageException(problem.apply("cannot be read (permission denied)"));
        } catch (IOException e) {
            throw new UsageException(problem.apply("cannot be read (" + e.getMessage() + ")"));
        }
        if (text.isEmpty()) {
            throw new UsageException(problem.apply("is empty"));
        }
        return text;
    }

    // "./data/server.url" rather than "data/server.url": it reads as a path, relative to where the user stands.
    private static String shown(Path file) {
        return file.isAbsolute() || file.startsWith(".") || file.startsWith("..") ? file.toString() : "./" + file;
    }

    private static Optional<String> env(Function<String, String> environment, String name) {
        String value = environment.apply(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
