package dev.tollgate.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonTextTest {
    @Test
    void escapedJsonUtf8WhenTheTextIsWrittenJsonThenEqualsTheGeneralEscape() {
        Random random = new Random(3);
        String alphabet = "ab\"\\/{}:,\u0000\u0001\n\t\u001f\u007fé€\ud83d\ude00\ud800";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder value = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                value.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String json = "{" + JsonText.string("k") + ":" + JsonText.string(value.toString()) + "}";

            assertThat(JsonText.escapedJsonUtf8(json.getBytes(StandardCharsets.UTF_8)))
                    .as("%s", json)
                    .isEqualTo(JsonText.escapedUtf8(json));
        }
    }

    @Test
    void escapedJsonUtf8WhenTheBytesHoldARawControlCharacterThenEscapesItAsTheReference() {
        byte[] raw = "a\nb\"".getBytes(StandardCharsets.UTF_8);

        assertThat(new String(JsonText.escapedJsonUtf8(raw), StandardCharsets.UTF_8))
                .isEqualTo("a\\nb\\\"");
    }
}
