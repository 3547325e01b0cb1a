package dev.tollgate.server.internal.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.edge.Action;
import dev.tollgate.server.internal.http.Rejection;
import org.junit.jupiter.api.Test;

/**
 * The JSON MediaMTX posts to {@code authHTTPAddress}, in the shape its {@code internal/auth/manager.go}
 * ({@code authenticateHTTP}, bluenviron/mediamtx at 3e09466, 2026-08) marshals and {@code
 * docs/2-features/06-authentication.md} documents: {@code {ip, user, password, token, action, path, protocol, id,
 * query, userAgent}}, {@code id} a UUID or null, {@code query} the raw URL query without {@code ?}.
 */
class MediaMtxHookTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode body(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static StreamCall read(String json) {
        return MediaMtxHook.read(body(json), HookQuery.DEFAULT);
    }

    @Test
    void readWhenAnRtmpClientReadsWithATokenInItsQueryThenItSubscribesToTheAliasInTheApplicationsPath() {
        StreamCall call =
                read("{\"ip\":\"127.0.0.1\",\"user\":\"\",\"password\":\"\",\"token\":\"\",\"action\":\"read\","
                        + "\"path\":\"app-1/news\",\"protocol\":\"rtmp\",\"id\":\"6a0c3c5a-3e4b-4b6f-9a5d-0f6b0d7b1c2e\","
                        + "\"query\":\"token=tgr_abc&session=s-1&token=second\",\"userAgent\":\"\"}");

        assertThat(call.mediaServer()).isEqualTo("mediamtx");
        assertThat(call.action()).isEqualTo(Action.SUBSCRIBE);
        assertThat(call.applicationId()).isEqualTo("app-1");
        assertThat(call.name()).isEqualTo("news");
        assertThat(call.token()).contains("tgr_abc");
        assertThat(call.sessionId()).contains("s-1");
        assertThat(call.clientAddress()).contains("127.0.0.1");
        assertThat(call.clientKey()).isEqualTo("6a0c3c5a-3e4b-4b6f-9a5d-0f6b0d7b1c2e");
    }

    @Test
    void readWhenTheHookUrlNamesTheApplicationThenTheWholePathIsTheAlias() {
        StreamCall call = MediaMtxHook.read(
                body("{\"action\":\"publish\",\"path\":\"news\",\"password\":\"tok\",\"id\":null}"),
                HookQuery.parse("application=app-2", 400));

        assertThat(call.action()).isEqualTo(Action.PUBLISH);
        assertThat(call.applicationId()).isEqualTo("app-2");
        assertThat(call.name()).isEqualTo("news");
        assertThat(call.token()).contains("tok");
        assertThat(call.clientKey()).startsWith("anonymous-");
    }

    @Test
    void readWhenTokenPasswordAndQueryAllCarryOneThenTheTokenFieldWinsThenThePassword() {
        assertThat(
                        read("{\"action\":\"read\",\"path\":\"a/b\",\"token\":\"t\",\"password\":\"p\",\"query\":\"token=q\"}")
                                .token())
                .contains("t");
        assertThat(
                        read("{\"action\":\"read\",\"path\":\"a/b\",\"token\":\"\",\"password\":\"p\",\"query\":\"token=q\"}")
                                .token())
                .contains("p");
        assertThat(read("{\"action\":\"playback\",\"path\":\"a/b\",\"query\":\"token=q%2Bw\"}")
                        .token())
                .contains("q+w");
    }

    @Test
    void readWhenAnRtspClientFirstAsksWithoutCredentialsThenNoTokenIsPresented() {
        // MediaMTX docs: "it's perfectly normal for the authentication server to receive requests with empty users
        // and passwords"; the gate's 401 makes MediaMTX ask the client for them.
        StreamCall call = read(
                "{\"ip\":\"10.0.0.7\",\"user\":\"\",\"password\":\"\",\"token\":\"\",\"action\":\"read\","
                        + "\"path\":\"a/news\",\"protocol\":\"rtsp\",\"id\":null,\"query\":\"\",\"userAgent\":\"ffmpeg\"}");

        assertThat(call.token()).isEmpty();
        assertThat(call.clientKey()).startsWith("anonymous-");
    }

    @Test
    void readWhenALaterMediaMtxAddsAFieldThenItIsIgnoredButKnownFieldsStayStrict() {
        StreamCall call = read("{\"action\":\"read\",\"path\":\"a/news\",\"token\":\"t\",\"tlsFingerprint\":\"x\"}");

        assertThat(call.name()).isEqualTo("news");
        assertThatThrownBy(() -> read("{\"action\":\"read\",\"path\":\"a/news\",\"token\":7}"))
                .isInstanceOfSatisfying(
                        Rejection.class, r -> assertThat(r.code()).isEqualTo("wrong-type"));
    }

    @Test
    void readWhenMediaMtxAsksForItsOwnEndpointsThenTheyAreRefusedAsUnsupported() {
        for (String action : new String[] {"api", "metrics", "pprof"}) {
            assertThatThrownBy(() -> read("{\"action\":\"" + action + "\",\"path\":\"\",\"token\":\"t\"}"))
                    .isInstanceOfSatisfying(Rejection.class, r -> {
                        assertThat(r.status()).isEqualTo(403);
                        assertThat(r.code()).isEqualTo("unsupported-action");
                    });
        }
        assertThatThrownBy(() -> read("{\"action\":\"delete\",\"path\":\"a/b\"}"))
                .isInstanceOfSatisfying(
                        Rejection.class, r -> assertThat(r.code()).isEqualTo("unknown-action"));
    }

    @Test
    void readWhenThePathNamesNoApplicationAndTheHookUrlNoneEitherThenItIsABadRequest() {
        for (String path : new String[] {"news", "/news", "app/", ""}) {
            assertThatThrownBy(() -> read("{\"action\":\"read\",\"path\":\"" + path + "\"}"))
                    .isInstanceOfSatisfying(
                            Rejection.class, r -> assertThat(r.code()).isEqualTo("invalid-value"));
        }
    }
}
