package dev.tollgate.edge;

import static dev.tollgate.edge.Fixtures.CHANNEL;
import static dev.tollgate.edge.Fixtures.outcome;
import static dev.tollgate.edge.Fixtures.token;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WhenTheRemoteAddressDiffers {
    private final EdgePolicy policy = Fixtures.policy();

    private String decide(String claim, String client) {
        String token = token().forChannel(CHANNEL.id()).forRemoteAddress(claim).build();
        AccessRequest.Builder request = AccessRequest.builder()
                .applicationId(Fixtures.APP)
                .time(Fixtures.NOW)
                .subscribe(CHANNEL);
        if (client != null) {
            request.remoteAddress(client);
        }
        return outcome(policy.decide(token, request.build()));
    }

    @ParameterizedTest(name = "{0} admits {1}")
    @CsvSource({
        "203.0.113.10, 203.0.113.10",
        "::1, 0:0:0:0:0:0:0:1",
        "0:0:0:0:0:0:0:1, ::1",
        "2001:DB8::1, 2001:db8:0:0:0:0:0:1",
        "::ffff:198.51.100.7, 198.51.100.7",
        "198.51.100.7, ::ffff:198.51.100.7",
        "[2001:db8::1], 2001:db8::1",
        "203.0.113.0/24, 203.0.113.200",
        "2001:db8::/32, 2001:db8:ffff::1",
        "::ffff:203.0.113.0/120, 203.0.113.9",
        "0.0.0.0/0, 192.0.2.1"
    })
    void theSameAddressIsAllowed(String claim, String client) {
        assertThat(decide(claim, client)).isEqualTo("allowed");
    }

    @ParameterizedTest(name = "{0} refuses {1}")
    @CsvSource({
        "203.0.113.10, 203.0.113.11",
        "::1, ::2",
        "203.0.113.10, ::ffff:203.0.113.11",
        "203.0.113.0/24, 203.0.114.1",
        "2001:db8::/32, 2001:db9::1",
        "203.0.113.0/24, 2001:db8::1",
        "203.0.113.0/33, 203.0.113.1",
        "203.0.113.0/x, 203.0.113.1",
        "localhost, 127.0.0.1",
        "example.com, 93.184.215.14",
        "1.2.3, 1.2.0.3",
        "'', 203.0.113.10"
    })
    void anotherAddressIsDeniedAsRemoteAddressMismatch(String claim, String client) {
        assertThat(decide(claim, client)).isEqualTo("remote-address-mismatch");
    }

    @Test
    void anUnknownClientAddressIsDeniedAsRemoteAddressMismatch() {
        assertThat(decide("203.0.113.10", null)).isEqualTo("remote-address-mismatch");
    }

    @Test
    void theTraceShowsBothAddresses() {
        String token = token().forChannel(CHANNEL.id())
                .forRemoteAddress("203.0.113.10")
                .build();

        Decision decision = policy.decide(
                token,
                Fixtures.request()
                        .remoteAddress("198.51.100.7")
                        .subscribe(CHANNEL)
                        .build());

        assertThat(decision.trace().getLast().detail()).contains("203.0.113.10", "198.51.100.7");
    }

    @Test
    void aTokenMintedForAScopedIpv6AddressAdmitsThatAddress() throws Exception {
        // A link-local address as the JDK hands it to the minting backend: fe80:0:0:0:0:0:0:1%2.
        InetAddress scoped =
                Inet6Address.getByAddress(null, InetAddress.getByName("fe80::1").getAddress(), 2);
        String token = token().forChannel(CHANNEL.id()).forRemoteAddress(scoped).build();

        Decision decision = policy.decide(
                token,
                AccessRequest.builder()
                        .applicationId(Fixtures.APP)
                        .time(Fixtures.NOW)
                        .remoteAddress("fe80::1")
                        .subscribe(CHANNEL)
                        .build());

        assertThat(outcome(decision)).isEqualTo("allowed");
    }
}
