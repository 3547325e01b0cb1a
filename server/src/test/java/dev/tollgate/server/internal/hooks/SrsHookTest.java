package dev.tollgate.server.internal.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.edge.Action;
import dev.tollgate.server.internal.http.Rejection;
import org.junit.jupiter.api.Test;

/**
 * The JSON SRS posts to its {@code http_hooks}, in the shape {@code SrsHttpHooks::on_publish}/{@code on_play}/{@code
 * on_unpublish}/{@code on_stop} build it (ossrs/srs at 101382a, trunk/src/app/srs_app_http_hooks.cpp): every value a
 * string, {@code client_id} the connection's context id, {@code param} the client's query with its {@code ?}, {@code
 * stream_id} only when the stream is known; the values as in SRS's wiki (HTTP Callback).
 */
class SrsHookTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode body(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String hook(String action, String param) {
        return "{\"server_id\":\"vid-0xk989d\",\"service_id\":\"4ps5lr7m\",\"action\":\"" + action + "\","
                + "\"client_id\":\"341w361a\",\"ip\":\"127.0.0.1\",\"vhost\":\"__defaultVhost__\",\"app\":\"app-1\","
                + "\"tcUrl\":\"rtmp://127.0.0.1:1935/app-1\",\"stream\":\"news\",\"param\":\"" + param + "\","
                + "\"stream_url\":\"/app-1/news\",\"stream_id\":\"vid-124q9y3\"}";
    }

    private static StreamEvent read(String event, String json) {
        return SrsHook.read(event, body(json), HookQuery.DEFAULT);
    }

    @Test
    void readWhenAClientPublishesWithATokenInItsParamThenItPublishesToTheStreamsAliasInTheRtmpApp() {
        StreamEvent event = read("on_publish", hook("on_publish", "?token=tgr_abc&session=s-1&token=second"));

        assertThat(event).isInstanceOf(StreamEvent.Admit.class);
        StreamCall call = ((StreamEvent.Admit) event).call();
        assertThat(call.mediaServer()).isEqualTo("srs");
        assertThat(call.action()).isEqualTo(Action.PUBLISH);
        assertThat(call.applicationId()).isEqualTo("app-1");
        assertThat(call.name()).isEqualTo("news");
        assertThat(call.token()).contains("tgr_abc");
        assertThat(call.sessionId()).contains("s-1");
        assertThat(call.clientAddress()).contains("127.0.0.1");
        assertThat(call.clientKey()).isEqualTo("vid-0xk989d/341w361a");
    }

    @Test
    void readWhenAClientPlaysThenItSubscribesAndThePageUrlSrsAddsIsAccepted() {
        String json = hook("on_play", "?token=t").replace("}", ",\"pageUrl\":\"http://www.test.com/live.html\"}");

        StreamCall call = ((StreamEvent.Admit) read("on_play", json)).call();

        assertThat(call.action()).isEqualTo(Action.SUBSCRIBE);
        assertThat(call.token()).contains("t");
    }

    @Test
    void readWhenTheHookUrlNamesTheApplicationThenTheRtmpAppIsNotUsed() {
        StreamEvent event =
                SrsHook.read("on_play", body(hook("on_play", "")), HookQuery.parse("application=app-9", 400));

        StreamCall call = ((StreamEvent.Admit) event).call();
        assertThat(call.applicationId()).isEqualTo("app-9");
        assertThat(call.token()).isEmpty();
    }

    @Test
    void readWhenAPublisherOrAPlayerStopsThenItsSessionEndsUnderTheKeyItWasAdmittedWith() {
        assertThat(read("on_unpublish", hook("on_unpublish", "?token=t")))
                .isEqualTo(new StreamEvent.End("srs", "vid-0xk989d/341w361a"));
        assertThat(read("on_stop", hook("on_stop", "?token=t")))
                .isEqualTo(new StreamEvent.End("srs", "vid-0xk989d/341w361a"));
    }

    @Test
    void readWhenTheBodysActionIsNotThePathsEventThenItIsABadRequest() {
        assertThatThrownBy(() -> read("on_play", hook("on_publish", "?token=t")))
                .isInstanceOfSatisfying(
                        Rejection.class, r -> assertThat(r.code()).isEqualTo("invalid-value"));
    }

    @Test
    void readWhenALaterSrsAddsAFieldThenItIsIgnoredButKnownFieldsStayStrict() {
        String json = hook("on_play", "?token=t").replace("}", ",\"tenant\":\"x\"}");

        assertThat(read("on_play", json)).isInstanceOf(StreamEvent.Admit.class);
        assertThatThrownBy(() ->
                        read("on_play", hook("on_play", "?token=t").replace("\"stream\":\"news\"", "\"stream\":1")))
                .isInstanceOfSatisfying(
                        Rejection.class, r -> assertThat(r.code()).isEqualTo("wrong-type"));
        assertThatThrownBy(
                        () -> read("on_play", hook("on_play", "?token=t").replace("\"client_id\":\"341w361a\",", "")))
                .isInstanceOfSatisfying(
                        Rejection.class, r -> assertThat(r.code()).isEqualTo("missing-field"));
    }
}
