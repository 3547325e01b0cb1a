package dev.tollgate.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.token.Rejected;
import dev.tollgate.token.SecretResolver;
import dev.tollgate.token.TokenBuilder;
import dev.tollgate.token.TokenVerifier;
import dev.tollgate.token.Verification;
import java.io.DataInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tollgate-token} and {@code tollgate-client} compile for Java 17 so that Java 17 backends can embed them (the
 * server and the CLI need 21). A regression to a Java 21 API or class file would only show on a user's Java 17
 * runtime, never on the build's JDK: so this compiles a Java 17 backend's code with {@code --release 17} against the
 * built classes, runs it on a real JDK 17 when one is installed, and reads the class files' versions. The classes
 * compiled from {@code src/main/java21} for embedded edges (which run on 21, like the edge module they plug into) are
 * the one exception.
 */
class WhenAJava17BackendEmbedsTheSdk {
    /** Class-file major version of Java 17 (JVMS §4.1). */
    private static final int JAVA_17 = 61;

    private static final Pattern JAVA_17_RELEASE = Pattern.compile("JAVA_VERSION=\"17(\\.[^\"]*)?\"");

    private static final String SECRET = "java-17-secret";

    /** What a Java 17 backend writes: only Java 17 language and APIs, so a Java 21 dependency shows as an error. */
    private static final String BACKEND = """
            import dev.tollgate.client.Explanation;
            import dev.tollgate.client.TokenListener;
            import dev.tollgate.client.TokenSession;
            import dev.tollgate.client.TollgateClient;
            import dev.tollgate.client.VerifyRequest;
            import dev.tollgate.token.Rejected;
            import dev.tollgate.token.SecretResolver;
            import dev.tollgate.token.TokenBuilder;
            import dev.tollgate.token.TokenVerifier;
            import dev.tollgate.token.Verification;
            import dev.tollgate.token.Verified;
            import java.time.Duration;
            import java.time.Instant;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.CountDownLatch;
            import java.util.concurrent.TimeUnit;

            public class Java17Backend {
                public static void main(String[] args) throws Exception {
                    String baseUrl = args[0];
                    String secret = args[1];
                    String token = new TokenBuilder()
                            .withApplicationId("my-app").withSecret(secret)
                            .expiresIn(Duration.ofHours(1))
                            .forChannelAlias("news").forStreamingOnly()
                            .build();

                    Verification result = TokenVerifier.builder()
                            .secrets(SecretResolver.of("my-app", secret))
                            .build()
                            .verify(token);
                    if (result instanceof Verified verified) {
                        System.out.println("offline: " + verified.claims().requiredTag().orElseThrow().raw());
                    } else if (result instanceof Rejected rejected) {
                        System.out.println("offline: " + rejected.code().code());
                    }

                    try (TollgateClient tollgate = TollgateClient.builder().baseUrl(baseUrl).build()) {
                        Explanation decision = tollgate.verify(token, VerifyRequest.tokenOnly());
                        System.out.println("server: " + decision.code());

                        // Already expired: the session asks its refresher at once, on a thread of its own.
                        String expired = new TokenBuilder()
                                .withApplicationId("my-app").withSecret(secret)
                                .expiresAt(Instant.now().minusSeconds(10))
                                .build();
                        CountDownLatch refreshed = new CountDownLatch(1);
                        TokenListener listener = new TokenListener() {
                            @Override
                            public void onTokenRefreshed(String next) {
                                refreshed.countDown();
                            }
                        };
                        try (TokenSession session = TokenSession.builder()
                                .client(tollgate)
                                .listener(listener)
                                .initialize(expired, isExpired -> {
                                    Thread thread = Thread.currentThread();
                                    System.out.println("refresher: " + thread.getName()
                                            + " daemon=" + thread.isDaemon() + " isExpired=" + isExpired);
                                    return CompletableFuture.completedFuture(token);
                                })) {
                            boolean replaced = refreshed.await(10, TimeUnit.SECONDS) && session.token().equals(token);
                            System.out.println("refreshed: " + replaced);
                        }
                    }
                    System.out.println("java " + System.getProperty("java.specification.version"));
                }
            }
            """;

    @TempDir
    Path directory;

    private LocalServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyClassFileOfTheTokenAndClientModulesTargetsJava17() throws Exception {
        Map<String, Integer> versions = new LinkedHashMap<>();
        for (Path location : sdkLocations()) {
            versions.putAll(classFileVersions(location));
        }

        // Both modules were read, not an empty directory that would pass for anything.
        assertThat(versions)
                .containsKey("dev/tollgate/token/TokenBuilder.class")
                .containsKey("dev/tollgate/client/TokenSession.class");
        // The one exception: what src/main/java21 holds for embedded edges (the revocation feed client implements the
        // edge module's interface, and that module is Java 21's). Only naming it loads it; a backend never does.
        List<String> forEmbeddedEdges = embeddedEdgeTypes();
        assertThat(forEmbeddedEdges).contains("dev/tollgate/client/RevocationFeedClient");
        Map<String, Integer> newer = versions.entrySet().stream()
                .filter(entry -> entry.getValue() != JAVA_17)
                .filter(entry -> forEmbeddedEdges.stream()
                        .noneMatch(type -> entry.getKey().equals(type + ".class")
                                || entry.getKey().startsWith(type + "$")))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(newer).as("class files that a Java 17 runtime cannot load").isEmpty();
    }

    /** The top-level types compiled for Java 21 from src/main/java21, as class-file paths without {@code .class}. */
    private static List<String> embeddedEdgeTypes() throws IOException {
        Path sources = Path.of(System.getProperty("tollgate.root"), "client", "src", "main", "java21");
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .map(file -> sources.relativize(file).toString().replace(File.separatorChar, '/'))
                    .map(name -> name.substring(0, name.length() - ".java".length()))
                    .toList();
        }
    }

    @Test
    void itsCodeCompilesWithRelease17AgainstTheSdkAndJacksonAlone() throws Exception {
        List<Diagnostic<? extends JavaFileObject>> problems = compileBackend();

        assertThat(problems).as(describe(problems)).isEmpty();
        assertThat(directory.resolve("Java17Backend.class")).exists();
    }

    @Test
    void itRunsOnAJava17RuntimeMintingVerifyingCallingTheServerAndRefreshing() throws Exception {
        Optional<Path> jdk17 = jdk17();
        Assumptions.assumeTrue(
                jdk17.isPresent(),
                "no JDK 17 found (a release file with JAVA_VERSION=\"17…\" under /usr/lib/jvm or for the java on PATH):"
                        + " the Java 17 run is skipped; compiling with --release 17 is still checked");
        List<Diagnostic<? extends JavaFileObject>> problems = compileBackend();
        assertThat(problems).as(describe(problems)).isEmpty();
        server = LocalServer.start((exchange, n) -> {
            String token = new ObjectMapper()
                    .readTree(exchange.getRequestBody())
                    .path("token")
                    .asText();
            Verification result = TokenVerifier.builder()
                    .secrets(SecretResolver.of("my-app", SECRET))
                    .build()
                    .verify(token);
            String answer = result instanceof Rejected rejected
                    ? "{\"decision\":\"denied\",\"code\":\"" + rejected.code().code() + "\",\"trace\":[]}"
                    : "{\"decision\":\"allowed\",\"code\":\"allowed\",\"trace\":[]}";
            LocalServer.reply(exchange, 200, answer);
        });

        List<String> classPath = new ArrayList<>();
        classPath.add(directory.toString());
        sdkAndJackson().forEach(location -> classPath.add(location.toString()));
        Path output = directory.resolve("output.txt");
        Process java = new ProcessBuilder(
                        jdk17.get().resolve("bin/java").toString(),
                        "-cp",
                        String.join(File.pathSeparator, classPath),
                        "Java17Backend",
                        server.url(),
                        SECRET)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
            assertThat(java.waitFor(60, TimeUnit.SECONDS))
                    .as("the Java 17 backend finished")
                    .isTrue();
        } finally {
            java.destroyForcibly();
        }

        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(java.exitValue()).as(printed).isZero();
        assertThat(printed.lines())
                .as(printed)
                .containsExactly(
                        "offline: channelAlias:news",
                        "server: allowed",
                        "refresher: tollgate-token-refresher daemon=true isExpired=true",
                        "refreshed: true",
                        "java 17");
        // The token the backend minted reached the server and passed its verification there.
        assertThat(server.requests()).isEqualTo(1);
    }

    /** Compiles {@link #BACKEND} as a Java 17 user would, seeing only the SDK's and Jackson's classes. */
    private List<Diagnostic<? extends JavaFileObject>> compileBackend() throws IOException, URISyntaxException {
        Path source = directory.resolve("Java17Backend.java");
        Files.writeString(source, BACKEND, StandardCharsets.UTF_8);
        String classPath = sdkAndJackson().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files =
                compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            boolean compiled = compiler.getTask(
                            null,
                            files,
                            diagnostics,
                            List.of("--release", "17", "-classpath", classPath, "-d", directory.toString()),
                            null,
                            files.getJavaFileObjects(source))
                    .call();
            List<Diagnostic<? extends JavaFileObject>> problems = diagnostics.getDiagnostics().stream()
                    .filter(diagnostic -> diagnostic.getKind() != Diagnostic.Kind.NOTE)
                    .collect(Collectors.toList());
            assertThat(compiled || !problems.isEmpty())
                    .as("a failed compilation says why")
                    .isTrue();
            return problems;
        }
    }

    private static String describe(List<Diagnostic<? extends JavaFileObject>> problems) {
        return problems.stream()
                .map(problem ->
                        problem.getKind() + " line " + problem.getLineNumber() + ": " + problem.getMessage(null))
                .collect(Collectors.joining("\n"));
    }

    /** Where the build put the token and client classes: a directory in a reactor build, a jar from a repository. */
    private static List<Path> sdkLocations() throws URISyntaxException {
        return List.of(locationOf(TokenBuilder.class), locationOf(TollgateClient.class));
    }

    /** Everything a Java 17 backend needs on its class path: the two modules and jackson-databind's three jars. */
    private static List<Path> sdkAndJackson() throws URISyntaxException {
        Set<Path> locations = new LinkedHashSet<>(sdkLocations());
        locations.add(locationOf(ObjectMapper.class));
        locations.add(locationOf(JsonFactory.class));
        locations.add(locationOf(JsonProperty.class));
        return List.copyOf(locations);
    }

    private static Path locationOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** Class-file major version of every class under a directory or in a jar, by its path inside. */
    private static Map<String, Integer> classFileVersions(Path location) throws IOException {
        Map<String, Integer> versions = new LinkedHashMap<>();
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.walk(location)) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".class")).collect(Collectors.toList())) {
                    try (InputStream in = Files.newInputStream(file)) {
                        versions.put(location.relativize(file).toString().replace(File.separatorChar, '/'), major(in));
                    }
                }
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                    JarEntry entry = entries.nextElement();
                    if (entry.getName().endsWith(".class")) {
                        try (InputStream in = jar.getInputStream(entry)) {
                            versions.put(entry.getName(), major(in));
                        }
                    }
                }
            }
        }
        return versions;
    }

    /** JVMS §4.1: u4 magic, u2 minor_version, u2 major_version. */
    private static int major(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        assertThat(data.readInt()).as("class file magic").isEqualTo(0xCAFEBABE);
        data.readUnsignedShort();
        return data.readUnsignedShort();
    }

    /**
     * A JDK 17 home: the installed JDKs under {@code /usr/lib/jvm} and the one the {@code java} on {@code PATH}
     * belongs to, recognised by the {@code JAVA_VERSION} line of their {@code release} file.
     */
    private static Optional<Path> jdk17() throws IOException {
        List<Path> homes = new ArrayList<>();
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path java = Path.of(entry.isEmpty() ? "." : entry, "java");
            if (Files.isExecutable(java)) {
                Path bin = java.toRealPath().getParent();
                if (bin != null && bin.getParent() != null) {
                    homes.add(bin.getParent());
                }
            }
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> installed = Files.list(jvms)) {
                installed.sorted().forEach(homes::add);
            }
        }
        for (Path home : homes) {
            Path release = home.resolve("release");
            if (Files.isExecutable(home.resolve("bin/java"))
                    && Files.isRegularFile(release)
                    && Files.readAllLines(release, StandardCharsets.UTF_8).stream()
                            .anyMatch(line -> JAVA_17_RELEASE.matcher(line).matches())) {
                return Optional.of(home);
            }
        }
        return Optional.empty();
    }
}
