package dev.tollgate.server.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StaticAssetTest {
    @Test
    void contentTypeOfWhenANameEndsInDtsThenTypeScriptNotJavaScript() {
        assertThat(StaticAsset.contentTypeOf("/web-sdk/tollgate.d.ts"))
                .isEqualTo("application/typescript; charset=utf-8");
        assertThat(StaticAsset.contentTypeOf("/web-sdk/tollgate.js")).isEqualTo("text/javascript; charset=utf-8");
        assertThat(StaticAsset.contentTypeOf("/dashboard/style.css")).isEqualTo("text/css; charset=utf-8");
    }

    @Test
    void contentTypeOfWhenTheEndingIsUnknownThenRefused() {
        assertThatThrownBy(() -> StaticAsset.contentTypeOf("/dashboard/data.bin"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("data.bin");
    }

    @Test
    void loadWhenTheResourceIsMissingThenAStartupFaultNamingIt() {
        assertThatThrownBy(() -> StaticAsset.load("/web-sdk/missing.js"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/web-sdk/missing.js");
        assertThatThrownBy(() -> StaticAsset.load("web-sdk/tollgate.js")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withHeaderWhenGivenThenACopyThatAddsItAndTheOriginalUnchanged() {
        StaticAsset plain = StaticAsset.load("/web-sdk/tollgate.js");

        StaticAsset guarded = plain.withHeader("Content-Security-Policy", "default-src 'none'")
                .withCacheControl("public, max-age=60");

        assertThat(guarded.header("content-security-policy")).contains("default-src 'none'");
        assertThat(guarded.header("Cache-Control")).contains("public, max-age=60");
        assertThat(plain.header("Content-Security-Policy")).isEmpty();
        assertThat(plain.header("Cache-Control")).contains(StaticAsset.REVALIDATE);
        assertThat(guarded.etag()).isEqualTo(plain.etag()).startsWith("\"" + ServerVersion.current() + "-");
    }

    @Test
    void withHeaderWhenItWouldReplaceTheContentTypeOrETagThenRefused() {
        StaticAsset asset = StaticAsset.load("/web-sdk/tollgate.js");

        assertThatThrownBy(() -> asset.withHeader("content-type", "text/plain"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> asset.withHeader("ETag", "\"x\"")).isInstanceOf(IllegalArgumentException.class);
    }
}
