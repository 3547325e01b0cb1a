package dev.tollgate.edge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralsTest {

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3.4", "255.255.255.255", "0.0.0.0", "::1", "2001:db8::1", "::ffff:1.2.3.4", "[::1]"})
    void parseWhenLiteralThenAddress(String literal) {
        assertThat(IpLiterals.parse(literal)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "localhost",
                "example.com",
                "1.2.3",
                "1",
                "256.1.1.1",
                "01.2.3.4",
                "1.2.3.4.5",
                "",
                ":::",
                "2001:db8::g",
                "fe80::1%eth0",
                " 1.2.3.4"
            })
    void parseWhenNotALiteralThenEmptyWithoutLookup(String text) {
        assertThat(IpLiterals.parse(text)).isEmpty();
    }

    @Test
    void parseWhenNullThenEmpty() {
        assertThat(IpLiterals.parse(null)).isEmpty();
    }

    @Test
    void normaliseWhenIpv4MappedThenIpv4() throws Exception {
        InetAddress mapped = InetAddress.getByAddress(
                new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 1, 2, 3, 4});

        assertThat(IpLiterals.normalise(mapped)).isInstanceOf(Inet4Address.class);
        assertThat(IpLiterals.normalise(mapped).getHostAddress()).isEqualTo("1.2.3.4");
    }

    @Test
    void admitsWhenInsideBlockThenTrue() throws Exception {
        assertThat(IpLiterals.admits("10.0.0.0/8", InetAddress.getByName("10.255.0.1")))
                .isTrue();
        assertThat(IpLiterals.admits("10.0.0.0/8", InetAddress.getByName("11.0.0.1")))
                .isFalse();
        assertThat(IpLiterals.admits("10.1.2.3/32", InetAddress.getByName("10.1.2.3")))
                .isTrue();
        assertThat(IpLiterals.admits("2001:db8::/127", InetAddress.getByName("2001:db8::1")))
                .isTrue();
        assertThat(IpLiterals.admits("2001:db8::/128", InetAddress.getByName("2001:db8::1")))
                .isFalse();
        assertThat(IpLiterals.admits("10.0.0.0/-1", InetAddress.getByName("10.0.0.1")))
                .isFalse();
        assertThat(IpLiterals.admits("10.0.0.0/", InetAddress.getByName("10.0.0.1")))
                .isFalse();
        assertThat(IpLiterals.admits("/8", InetAddress.getByName("10.0.0.1"))).isFalse();
    }
}
