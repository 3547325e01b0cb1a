package dev.tollgate.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * The golden vectors of the reference EdgeAuth implementation, read from {@code testdata/vectors} at the repository
 * root (a copy of the project's shared vectors, taken from the PhenixRTS/EdgeAuth test suites; see the file's
 * {@code source} field), so a bare clone tests with nothing beside it.
 */
final class Vectors {
    private Vectors() {}

    static Path directory() {
        String configured = System.getProperty("tollgate.vectors");
        Path path = configured != null ? Path.of(configured) : Path.of("..", "testdata", "vectors");
        if (!Files.isDirectory(path)) {
            throw new IllegalStateException("golden vectors not found at " + path.toAbsolutePath()
                    + ": run the tests from the repository (./mvnw verify), which sets tollgate.vectors");
        }
        return path;
    }

    static List<JsonNode> upstream() {
        try {
            JsonNode root = new ObjectMapper()
                    .readTree(directory().resolve("edgeauth-upstream.json").toFile());
            List<JsonNode> vectors = new ArrayList<>();
            root.get("vectors").forEach(vectors::add);
            return vectors;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replays a vector's builder calls on a fresh builder. */
    static TokenBuilder replay(JsonNode calls) {
        TokenBuilder builder = new TokenBuilder();
        for (JsonNode call : calls) {
            String method = call.get(0).asText();
            JsonNode argument = call.size() > 1 ? call.get(1) : null;
            switch (method) {
                case "withApplicationId" -> builder.withApplicationId(argument.asText());
                case "withSecret" -> builder.withSecret(argument.asText());
                case "withUri" -> builder.withUri(argument.asText());
                case "expiresAt" -> builder.expiresAt(new Date(argument.asLong()));
                case "expiresInSeconds" -> builder.expiresInSeconds(argument.asLong());
                case "forAuthenticationOnly" -> builder.forAuthenticationOnly();
                case "forStreamingOnly" -> builder.forStreamingOnly();
                case "forPublishingOnly" -> builder.forPublishingOnly();
                case "withCapability" -> builder.withCapability(argument.asText());
                case "forSession" -> builder.forSession(argument.asText());
                case "forRemoteAddress" -> builder.forRemoteAddress(argument.asText());
                case "forOriginStream" -> builder.forOriginStream(argument.asText());
                case "forChannel" -> builder.forChannel(argument.asText());
                case "forChannelAlias" -> builder.forChannelAlias(argument.asText());
                case "forRoom" -> builder.forRoom(argument.asText());
                case "forRoomAlias" -> builder.forRoomAlias(argument.asText());
                case "forTag" -> builder.forTag(argument.asText());
                case "applyTag" -> builder.applyTag(argument.asText());
                default -> throw new IllegalArgumentException("vector calls an unknown builder method: " + method);
            }
        }
        return builder;
    }
}
