package dev.tollgate.server.internal.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.server.internal.http.Rejection;
import org.junit.jupiter.api.Test;

class HlsPathTest {

    @Test
    void parseWhenAPlaylistIsFetchedWithATokenThenTheStreamAndTokenAreRead() {
        HlsPath path = HlsPath.parse("/hls/app_1/news/index.m3u8?token=tgr_abc&session=s-1", false);

        assertThat(path.application()).contains("app_1");
        assertThat(path.name()).isEqualTo("news");
        assertThat(path.directory()).isEqualTo("/hls/app_1/news/");
        assertThat(path.token()).contains("tgr_abc");
        assertThat(path.session()).contains("s-1");
    }

    @Test
    void parseWhenASegmentIsFetchedWithoutAQueryThenItHasNoTokenAndTheSameDirectory() {
        HlsPath path = HlsPath.parse("/hls/app_1/news/3.ts", false);

        assertThat(path.directory()).isEqualTo("/hls/app_1/news/");
        assertThat(path.name()).isEqualTo("news");
        assertThat(path.token()).isEmpty();
    }

    @Test
    void parseWhenTheHookUrlNamesTheApplicationThenThePathNamesOnlyTheStream() {
        HlsPath path = HlsPath.parse("/live/news/index.m3u8", true);

        assertThat(path.application()).isEmpty();
        assertThat(path.name()).isEqualTo("news");
        assertThat(path.directory()).isEqualTo("/live/news/");
    }

    @Test
    void parseWhenTheNameIsPercentEncodedThenItIsDecodedAsNginxDoesAndAPlusStaysAPlus() {
        HlsPath path = HlsPath.parse("/hls/app/n%65ws+1/index.m3u8?token=a%2Bb", false);

        assertThat(path.name()).isEqualTo("news+1");
        assertThat(path.token()).contains("a+b");
    }

    @Test
    void parseWhenTheTokenIsRepeatedThenTheFirstWins() {
        assertThat(HlsPath.parse("/hls/app/news/index.m3u8?token=first&token=second", false)
                        .token())
                .contains("first");
    }

    @Test
    void parseWhenThePathClimbsOutOfItsDirectoryThenItIsRefusedWith403() {
        for (String uri : new String[] {
            "/hls/app/news/../other/index.m3u8",
            "/hls/app/news/%2e%2e/index.m3u8",
            "/hls/app/a%2Fb/index.m3u8",
            "/hls/app/news/",
            "/news/index.m3u8",
            "hls/app/news/index.m3u8",
            "",
            "/hls/app/news/%zz.ts",
            "/hls/app/news/%ff.ts",
            "/hls/app/news/index.m3u8?token=%z"
        }) {
            assertThatThrownBy(() -> HlsPath.parse(uri, false)).as(uri).isInstanceOfSatisfying(Rejection.class, e -> {
                assertThat(e.status()).isEqualTo(403);
                assertThat(e.code()).isEqualTo("bad-original-uri");
            });
        }
    }
}
