package dev.tollgate.server.internal.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressKeyTest {
    @Test
    void ofWhenIpv6ThenItsSlash64() {
        assertThat(AddressKey.of("2001:db8:1:2:3:4:5:6")).isEqualTo("2001:db8:1:2::/64");
        assertThat(AddressKey.of("[2001:0DB8:1:2::7%eth0]")).isEqualTo("2001:db8:1:2::/64");
        assertThat(AddressKey.of("::1")).isEqualTo("0:0:0:0::/64");
    }

    @Test
    void ofWhenIpv4OrMappedThenTheAddressItself() {
        assertThat(AddressKey.of("198.51.100.7")).isEqualTo("198.51.100.7");
        assertThat(AddressKey.of("::ffff:198.51.100.7")).isEqualTo("198.51.100.7");
    }

    @Test
    void ofWhenNotAnAddressThenUnchanged() {
        assertThat(AddressKey.of("unknown")).isEqualTo("unknown");
        assertThat(AddressKey.of("example.com:80")).isEqualTo("example.com:80");
        assertThat(AddressKey.of("::zz")).isEqualTo("::zz");
    }
}
