package dev.tollgate.edge.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads IP address literals and CIDR blocks from untrusted text without ever resolving a host name: a {@code
 * remoteAddress} claim that is a host name must never trigger a DNS lookup at the edge (it would be slow, and an
 * attacker could steer it), so it simply never matches.
 *
 * <p>Stateless and thread-safe.
 */
public final class IpLiterals {
    // Strict dotted quad: InetAddress also accepts "1.2.3" and "1" as IPv4, which no token should mean.
    private static final Pattern IPV4 = Pattern.compile("(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}"
            + "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
    // Hex groups, colons and an optional embedded dotted quad; InetAddress never resolves text with a colon.
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private IpLiterals() {}

    /**
     * Parses an IPv4 or IPv6 literal; IPv4-mapped IPv6 ({@code ::ffff:1.2.3.4}) becomes the IPv4 address.
     *
     * @return the address, or empty for anything else (host names included), never after a DNS lookup
     */
    public static Optional<InetAddress> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 47) {
            return Optional.empty();
        }
        String literal = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        boolean v4 = IPV4.matcher(literal).matches();
        boolean v6 = !v4 && literal.indexOf(':') >= 0 && IPV6.matcher(literal).matches();
        if (!v4 && !v6) {
            return Optional.empty();
        }
        try {
            return Optional.of(normalise(InetAddress.getByName(literal)));
        } catch (UnknownHostException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Maps an IPv4-mapped IPv6 address to its IPv4 address, so both spellings compare equal. */
    public static InetAddress normalise(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] bytes = address.getAddress();
            boolean mapped = true;
            for (int i = 0; i < 10 && mapped; i++) {
                mapped = bytes[i] == 0;
            }
            if (mapped && bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff) {
                try {
                    return Inet4Address.getByAddress(Arrays.copyOfRange(bytes, 12, 16));
                } catch (UnknownHostException e) {
                    throw new IllegalStateException("four bytes are always an IPv4 address", e);
                }
            }
        }
        return address;
    }

    /**
     * Whether a {@code remoteAddress} claim admits a client: the same address (compared as addresses, so {@code ::1}
     * equals {@code 0:0:0:0:0:0:0:1} and {@code ::ffff:1.2.3.4} equals {@code 1.2.3.4}), or, as a Tollgate extension,
     * an address inside a CIDR block such as {@code 203.0.113.0/24} or {@code 2001:db8::/32}.
     */
    public static boolean admits(String claim, InetAddress client) {
        InetAddress normalised = normalise(client);
        int slash = claim.indexOf('/');
        if (slash < 0) {
            return parse(claim)
                    .map(a -> Arrays.equals(a.getAddress(), normalised.getAddress()))
                    .orElse(false);
        }
        String base = claim.substring(0, slash);
        String bits = claim.substring(slash + 1);
        if (bits.isEmpty() || bits.length() > 3 || !bits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        int prefix = Integer.parseInt(bits);
        Optional<InetAddress> network = parse(base);
        if (network.isEmpty()) {
            return false;
        }
        byte[] block = network.get().getAddress();
        if (block.length == 4 && base.indexOf(':') >= 0) {
            // ::ffff:10.0.0.0/104 was written in IPv6 bits; it was normalised to IPv4, so count IPv4 bits.
            prefix -= 96;
        }
        if (prefix < 0 || prefix > block.length * 8) {
            return false;
        }
        byte[] address = normalised.getAddress();
        if (address.length != block.length) {
            return false;
        }
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((address[bit / 8] & mask) != (block[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
