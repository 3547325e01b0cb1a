package dev.tollgate.server.internal.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Turns the bytes a client sent into text only when they are UTF-8. {@code new String(bytes, UTF_8)} replaces what is
 * malformed with U+FFFD, so a secret, a name or a JSON body could arrive altered instead of refused.
 *
 * <p>Stateless and thread-safe: a decoder is made per call, as {@link java.nio.charset.CharsetDecoder} is not.
 */
public final class StrictUtf8 {
    private StrictUtf8() {}

    /** The text, or empty when {@code bytes} are not well-formed UTF-8. */
    public static Optional<String> decode(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
