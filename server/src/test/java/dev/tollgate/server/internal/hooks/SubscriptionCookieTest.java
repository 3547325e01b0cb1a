package dev.tollgate.server.internal.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubscriptionCookieTest {
    static final String KEY = "AbCdEfGhIjKlMnOpQrStUv";
    final SubscriptionCookie cookie = new SubscriptionCookie(filled(1));

    static byte[] filled(int value) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) value);
        return key;
    }

    @Test
    void verifyWhenTheValueIsThisServersForTheDirectoryThenItNamesTheSession() {
        String value = cookie.value(KEY, "/hls/app/news/");

        assertThat(cookie.verify(value, "/hls/app/news/")).contains(KEY);
    }

    @Test
    void verifyWhenTheValueIsUsedForAnotherStreamThenItIsRefused() {
        String value = cookie.value(KEY, "/hls/app/news/");

        assertThat(cookie.verify(value, "/hls/app/sports/")).isEmpty();
    }

    @Test
    void verifyWhenTheValueWasMadeUnderAnotherKeyOrAlteredThenItIsRefused() {
        String other = new SubscriptionCookie(filled(2)).value(KEY, "/hls/app/news/");
        String value = cookie.value(KEY, "/hls/app/news/");
        String swapped = "ZbCdEfGhIjKlMnOpQrStUv" + value.substring(KEY.length());

        assertThat(cookie.verify(other, "/hls/app/news/")).isEmpty();
        assertThat(cookie.verify(swapped, "/hls/app/news/")).isEmpty();
        assertThat(cookie.verify(value.substring(0, value.length() - 1), "/hls/app/news/"))
                .isEmpty();
        assertThat(cookie.verify("", "/hls/app/news/")).isEmpty();
        assertThat(cookie.verify(KEY + ".!!!", "/hls/app/news/")).isEmpty();
        assertThat(cookie.verify("short.abc", "/hls/app/news/")).isEmpty();
    }

    @Test
    void headerWhenSetThenItIsHttpOnlyLaxAndScopedToTheStreamsDirectory() {
        assertThat(cookie.header(KEY, "/hls/app/news/", false))
                .isEqualTo("tollgate-hls=" + cookie.value(KEY, "/hls/app/news/")
                        + "; Path=/hls/app/news/; HttpOnly; SameSite=Lax");
        assertThat(cookie.header(KEY, "/hls/app/news/", true)).endsWith("; Secure");
    }

    @Test
    void valuesWhenTheCookieHeaderHoldsSeveralCookiesThenOnlyOursAreRead() {
        assertThat(SubscriptionCookie.values(List.of("a=1; tollgate-hls=v1;tollgate-hlsx=no", "tollgate-hls=v2")))
                .containsExactly("v1", "v2");
        assertThat(SubscriptionCookie.values(List.of())).isEmpty();
    }

    @Test
    void constructorWhenTheKeyIsShortThenItIsAProgrammingError() {
        assertThatThrownBy(() -> new SubscriptionCookie(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }
}
