package dev.tollgate.server.internal.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.server.internal.http.ErrorCode;
import dev.tollgate.server.internal.http.FormEncoding;
import dev.tollgate.server.internal.http.Plumbing;
import dev.tollgate.server.internal.http.Rejection;
import dev.tollgate.server.internal.http.RequestBody;
import dev.tollgate.server.internal.http.StrictUtf8;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Coverage-guided fuzz targets for each media server hook's request reader (nginx-rtmp's form, nginx's {@code
 * auth_request} URI and cookie, Icecast's form, MediaMTX's and SRS's JSON, the hook URL's own query): whatever a media
 * server or a client behind it sends, the reader answers with a call or a 4xx {@link Rejection}, never another
 * exception. Corpora: {@code src/test/resources/dev/tollgate/server/internal/hooks/WhenFuzzingTheHookReadersInputs/}
 * (docs/reliability.md).
 */
class WhenFuzzingTheHookReaders {
    private static final ObjectMapper MAPPER =
            Plumbing.create(Clock.systemUTC()).mapper();
    private static final HookQuery NAMED = HookQuery.parse("application=app&kind=room", 400);
    private static final SubscriptionCookie COOKIE = new SubscriptionCookie(new byte[32]);

    @FuzzTest
    void anyHookUrlQueryIsReadOrRefused(@NotNull String query) {
        refusedAsClientErrorOr(() -> HookQuery.parse(query, 400));
        refusedAsClientErrorOr(() -> HookQuery.parse(query, 403));
    }

    @FuzzTest
    void anyNginxRtmpFormIsReadOrRefused(@NotNull byte[] body) {
        refusedAsClientErrorOr(() -> {
            NginxRtmpForm form = NginxRtmpForm.parse(body);
            form.value("token");
            form.value("addr");
            form.value("session");
            return form.required("app") + form.required("name") + form.required("clientid");
        });
    }

    @FuzzTest
    void anyOriginalUriAndCookieOfAnHlsFetchIsReadOrRefused(@NotNull String uri) {
        for (boolean withApplication : new boolean[] {true, false}) {
            refusedAsClientErrorOr(() -> {
                HlsPath path = HlsPath.parse(uri, withApplication);
                assertThat(path.directory()).startsWith("/").endsWith("/");
                return path;
            });
        }
        // The same text as a Cookie header: any value is either this server's MAC for the directory or nothing.
        for (String value : SubscriptionCookie.values(List.of(uri))) {
            assertThat(COOKIE.verify(value, "/live/app/news/")).isEmpty();
        }
    }

    @FuzzTest
    void anyIcecastFormIsReadOrRefused(@NotNull byte[] body) {
        for (HookQuery hook : new HookQuery[] {NAMED, HookQuery.DEFAULT}) {
            refusedAsClientErrorOr(() -> {
                String text = StrictUtf8.decode(body)
                        .orElseThrow(() -> Rejection.badRequest(ErrorCode.MALFORMED_FORM, "not UTF-8"));
                return IcecastHook.read(FormEncoding.fields(text, ErrorCode.MALFORMED_FORM, "the form body"), hook);
            });
        }
    }

    @FuzzTest
    void anyMediaMtxBodyIsReadOrRefused(@NotNull byte[] body) {
        for (HookQuery hook : new HookQuery[] {NAMED, HookQuery.DEFAULT}) {
            refusedAsClientErrorOr(() -> MediaMtxHook.read(RequestBody.jsonObject(body, MAPPER), hook));
        }
    }

    @FuzzTest
    void anySrsBodyIsReadOrRefused(@NotNull byte[] body) {
        Optional<ObjectNode> node = refusedAsClientErrorOr(() -> RequestBody.jsonObject(body, MAPPER));
        if (node.isEmpty()) {
            return;
        }
        for (String event : SrsHook.EVENTS) {
            for (HookQuery hook : new HookQuery[] {NAMED, HookQuery.DEFAULT}) {
                refusedAsClientErrorOr(() -> SrsHook.read(event, node.get(), hook));
            }
        }
    }

    /** What {@code read} returns, or empty when it refused with a 4xx and a stable code; anything else fails. */
    private static <T> Optional<T> refusedAsClientErrorOr(java.util.function.Supplier<T> read) {
        try {
            return Optional.of(read.get());
        } catch (Rejection refused) {
            assertThat(refused.status()).as(refused.code()).isBetween(400, 499);
            assertThat(refused.code()).matches("[a-z0-9]+(-[a-z0-9]+)*");
            assertThat(refused.getMessage().getBytes(StandardCharsets.UTF_8).length)
                    .isLessThan(1024);
            return Optional.empty();
        }
    }
}
