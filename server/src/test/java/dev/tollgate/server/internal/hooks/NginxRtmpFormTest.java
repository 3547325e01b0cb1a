package dev.tollgate.server.internal.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.server.internal.http.Rejection;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NginxRtmpFormTest {
    /** What nginx-rtmp 1.2.2 posts to on_play, with the client's query appended raw. */
    static final String PLAY = "call=play&addr=127.0.0.1&clientid=7&app=live&flashver=LNX%209%2C0%2C124%2C2"
            + "&swfurl=&tcurl=rtmp%3A%2F%2F127.0.0.1%3A1935%2Flive&pageurl=&name=news&start=-2&duration=0&reset=0"
            + "&token=tgr_AbCdEfGhIjKlMnOpQrStUv&session=s-1";

    static NginxRtmpForm parse(String body) {
        return NginxRtmpForm.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parseWhenNginxPostsPlayThenItsFieldsAndTheClientsQueryAreRead() {
        NginxRtmpForm form = parse(PLAY);

        assertThat(form.required("app")).isEqualTo("live");
        assertThat(form.required("name")).isEqualTo("news");
        assertThat(form.required("clientid")).isEqualTo("7");
        assertThat(form.value("addr")).contains("127.0.0.1");
        assertThat(form.value("tcurl")).contains("rtmp://127.0.0.1:1935/live");
        assertThat(form.value("token")).contains("tgr_AbCdEfGhIjKlMnOpQrStUv");
        assertThat(form.value("session")).contains("s-1");
    }

    @Test
    void parseWhenTheClientRepeatsNginxsFieldsThenNginxsFirstValuesWin() {
        NginxRtmpForm form = parse(PLAY + "&addr=10.9.9.9&app=other&clientid=1&token=second");

        assertThat(form.value("addr")).contains("127.0.0.1");
        assertThat(form.required("app")).isEqualTo("live");
        assertThat(form.required("clientid")).isEqualTo("7");
        assertThat(form.value("token")).contains("tgr_AbCdEfGhIjKlMnOpQrStUv");
    }

    @Test
    void valueWhenAFieldIsEmptyOrAbsentThenItIsEmpty() {
        NginxRtmpForm form = parse("app=live&swfurl=&token=");

        assertThat(form.value("swfurl")).isEmpty();
        assertThat(form.value("token")).isEmpty();
        assertThat(form.value("session")).isEmpty();
    }

    @Test
    void requiredWhenNginxsFieldIsMissingThenItIsABadRequest() {
        NginxRtmpForm form = parse("app=live&name=");

        assertThatThrownBy(() -> form.required("name")).isInstanceOfSatisfying(Rejection.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("missing-parameter");
        });
        assertThatThrownBy(() -> form.required("clientid")).isInstanceOf(Rejection.class);
    }

    @Test
    void parseWhenThePercentEscapeIsMalformedThenItIsABadRequest() {
        assertThatThrownBy(() -> parse("app=live&token=%zz")).isInstanceOfSatisfying(Rejection.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("malformed-form");
        });
    }

    @Test
    void parseWhenTheBytesAreNotUtf8ThenItIsABadRequest() {
        assertThatThrownBy(() -> NginxRtmpForm.parse(new byte[] {'a', '=', (byte) 0xff}))
                .isInstanceOfSatisfying(
                        Rejection.class, e -> assertThat(e.code()).isEqualTo("malformed-form"));
        assertThatThrownBy(() -> parse("app=%ff"))
                .isInstanceOfSatisfying(
                        Rejection.class, e -> assertThat(e.code()).isEqualTo("malformed-form"));
    }

    @Test
    void parseWhenATokenCarriesAPlusThenItDecodesToASpaceAsTheFormRulesSay() {
        // Why a full DIGEST token in an RTMP URL breaks, and a tgr_ reference does not (docs/media-servers.md).
        assertThat(parse("token=ab+cd%2B").value("token")).contains("ab cd+");
    }
}
