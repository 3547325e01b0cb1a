package dev.tollgate.server.internal.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.edge.Action;
import dev.tollgate.server.internal.http.ErrorCode;
import dev.tollgate.server.internal.http.FormEncoding;
import dev.tollgate.server.internal.http.Rejection;
import dev.tollgate.server.internal.registry.Channel;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The forms Icecast 2.4.4 (Debian {@code icecast2} 2.4.4-4) posts, in the shapes of its {@code auth_url.c} format
 * strings as the installed binary holds them ({@code strings /usr/bin/icecast2 | grep action=}), e.g. {@code
 * action=listener_add&server=%s&port=%d&client=%lu&mount=%s&user=%s&pass=%s&ip=%s&agent=%s}, every value
 * percent-escaped by {@code util_url_escape} in lower-case hex. The first listener and source forms are recorded from the real
 * {@code icecast2} on this machine (an ffmpeg source and a curl listener against a recording hook); {@code server} is
 * Icecast's {@code <hostname>}.
 */
class IcecastHookTest {
    private static final HookQuery APP = HookQuery.parse("application=app-1", 400);

    private static StreamEvent read(String form) {
        return IcecastHook.read(FormEncoding.fields(form, ErrorCode.MALFORMED_FORM, "the form body"), APP);
    }

    private static StreamCall admitted(String form) {
        StreamEvent event = read(form);
        assertThat(event).isInstanceOf(StreamEvent.Admit.class);
        return ((StreamEvent.Admit) event).call();
    }

    @Test
    void readWhenAListenerAddsWithATokenInItsMountThenItSubscribesToTheAliasTheMountNames() {
        StreamCall call = admitted("action=listener_add&server=127%2e0%2e0%2e1&port=18098&client=17"
                + "&mount=%2fnews%2eogg%3ftoken%3dtgr%5fabc%2dd%26session%3ds%2d1&user=&pass=&ip=127%2e0%2e0%2e1"
                + "&agent=curl%2f7%2e88%2e1");

        assertThat(call.mediaServer()).isEqualTo("icecast");
        assertThat(call.action()).isEqualTo(Action.SUBSCRIBE);
        assertThat(call.applicationId()).isEqualTo("app-1");
        assertThat(call.kind()).isEqualTo(Channel.Kind.CHANNEL);
        assertThat(IcecastHook.read(
                        FormEncoding.fields(
                                "action=listener_add&server=h&port=1&client=2&mount=%2fstudio",
                                ErrorCode.MALFORMED_FORM, "the form body"),
                        HookQuery.parse("application=app-1&kind=room", 400)))
                .isEqualTo(new StreamEvent.Admit(new StreamCall(
                        "icecast",
                        "h:1#2",
                        Action.SUBSCRIBE,
                        "app-1",
                        Channel.Kind.ROOM,
                        "studio",
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty())));
        assertThat(call.name()).isEqualTo("news");
        assertThat(call.token()).contains("tgr_abc-d");
        assertThat(call.sessionId()).contains("s-1");
        assertThat(call.clientAddress()).contains("127.0.0.1");
        assertThat(call.clientKey()).isEqualTo("127.0.0.1:18098#17");
    }

    @Test
    void readWhenTheListenersQueryRepeatsTheTokenThenTheFirstWins() {
        StreamCall call = admitted("action=listener_add&server=h&port=1&client=2"
                + "&mount=%2Fnews%3Ftoken%3Dfirst%26token%3Dsecond&action=stream_auth&ip=10%2E0%2E0%2E9");

        assertThat(call.action()).isEqualTo(Action.SUBSCRIBE);
        assertThat(call.token()).contains("first");
        assertThat(call.name()).isEqualTo("news");
    }

    @Test
    void readWhenATokenInTheMountIsPercentEncodedThenItArrivesDecodedOnce() {
        // The listener sent ?token=a%2Bb%2Fc (a DIGEST token's + and /); Icecast escapes the raw URI again.
        StreamCall call =
                admitted("action=listener_add&server=h&port=1&client=2&mount=%2Fnews%2Eogg%3Ftoken%3Da%252Bb%252Fc");

        assertThat(call.token()).contains("a+b/c");
    }

    @Test
    void readWhenAListenerSendsNoTokenThenItIsAskedToBeAdmittedWithoutOne() {
        StreamCall call = admitted("action=listener_add&server=h&port=1&client=2&mount=%2Fnews%2Eogg&user=&pass=");

        assertThat(call.token()).isEmpty();
        assertThat(call.sessionId()).isEmpty();
    }

    @Test
    void readWhenASourceAuthenticatesThenItPublishesWithItsPasswordAsTheToken() {
        StreamCall call = admitted("action=stream_auth&mount=%2fnews%2eogg&ip=127%2e0%2e0%2e1&server=127%2e0%2e0%2e1"
                + "&port=18098&user=source&pass=tgr%5fXYZ");

        assertThat(call.action()).isEqualTo(Action.PUBLISH);
        assertThat(call.name()).isEqualTo("news");
        assertThat(call.token()).contains("tgr_XYZ");
        assertThat(call.clientKey()).isEqualTo("127.0.0.1:18098/news.ogg");
    }

    @Test
    void readWhenASourceHasNoPasswordThenTheTokenInItsMountQueryIsUsed() {
        StreamCall call =
                admitted("action=stream_auth&mount=%2Fnews%3Ftoken%3Dq&ip=&server=h&port=1&user=source&pass=");

        assertThat(call.token()).contains("q");
        assertThat(call.clientAddress()).isEmpty();
        assertThat(call.clientKey()).isEqualTo("h:1/news");
    }

    @Test
    void readWhenAListenerLeavesThenItsSessionEndsByServerPortAndClient() {
        StreamEvent event = read("action=listener_remove&server=localhost&port=8000&client=17"
                + "&mount=%2Fnews%2Eogg%3Ftoken%3Dt&user=&pass=&duration=42&ip=127%2E0%2E0%2E1&agent=x");

        assertThat(event).isEqualTo(new StreamEvent.End("icecast", "localhost:8000#17"));
    }

    @Test
    void readWhenAMountIsRemovedThenTheSourcesSessionEndsUnderTheKeyItsStreamAuthOpened() {
        StreamEvent removed = read("action=mount_remove&mount=%2Fnews%2Eogg&server=localhost&port=8000");
        StreamCall source = admitted("action=stream_auth&mount=%2Fnews%2Eogg&ip=127%2E0%2E0%2E1&server=localhost"
                + "&port=8000&user=source&pass=p");

        assertThat(removed).isEqualTo(new StreamEvent.End("icecast", source.clientKey()));
    }

    @Test
    void readWhenAMountIsAddedThenItIsOnlyAcknowledged() {
        assertThat(read("action=mount_add&mount=%2Fnews%2Eogg&server=localhost&port=8000"))
                .isEqualTo(new StreamEvent.Acknowledge("mount_add"));
    }

    @Test
    void readWhenTheHookUrlNamesNoApplicationThenTheCallIsRefusedAsMisconfigured() {
        assertThatThrownBy(() -> IcecastHook.read(
                        FormEncoding.fields(
                                "action=listener_add&server=h&port=1&client=2&mount=%2Fa",
                                ErrorCode.MALFORMED_FORM, "s"),
                        HookQuery.DEFAULT))
                .isInstanceOfSatisfying(Rejection.class, r -> {
                    assertThat(r.status()).isEqualTo(400);
                    assertThat(r.code()).isEqualTo("invalid-hook-url");
                });
    }

    @Test
    void readWhenTheActionIsUnknownOrMissingThenTheCallIsABadRequest() {
        assertThatThrownBy(() -> read("action=listener_touch&mount=%2Fa"))
                .isInstanceOfSatisfying(
                        Rejection.class, r -> assertThat(r.code()).isEqualTo("unknown-action"));
        assertThatThrownBy(() -> read("mount=%2Fa"))
                .isInstanceOfSatisfying(
                        Rejection.class, r -> assertThat(r.code()).isEqualTo("missing-field"));
        assertThatThrownBy(() -> read("action=listener_add&server=h&port=1&mount=%2Fa"))
                .isInstanceOfSatisfying(
                        Rejection.class, r -> assertThat(r.code()).isEqualTo("missing-field"));
    }

    @Test
    void readWhenTheMountsQueryIsMalformedThenTheCallIsABadRequest() {
        assertThatThrownBy(() -> read("action=listener_add&server=h&port=1&client=2&mount=%2Fa%3Ftoken%3D%25zz"))
                .isInstanceOfSatisfying(
                        Rejection.class, r -> assertThat(r.code()).isEqualTo("invalid-parameter"));
    }

    @Test
    void aliasWhenTheMountHasAnExtensionThenOneIsDropped() {
        assertThat(IcecastHook.alias("/news.ogg")).isEqualTo("news");
        assertThat(IcecastHook.alias("/news")).isEqualTo("news");
        assertThat(IcecastHook.alias("/news.hd.mp3")).isEqualTo("news.hd");
        assertThat(IcecastHook.alias("/.ogg")).isEqualTo(".ogg");
    }
}
