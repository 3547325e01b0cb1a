package dev.tollgate.server.internal.access;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * The key a client address is rate-limited under. An IPv6 address counts as its /64: one subscriber usually holds a
 * whole /64 (RFC 6177) and can pick any address in it, so per-address budgets keyed on the full address would give it
 * 2^64 budgets. IPv4 addresses (and IPv4-mapped IPv6) are their own key; anything unparsable is kept as it is.
 *
 * <p>Stateless and thread-safe.
 */
public final class AddressKey {
    // Only a literal reaches InetAddress.getByName, so it never resolves a name.
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    private AddressKey() {}

    /** The rate-limit key of a client address as {@link Credentials#clientAddress} gives it. */
    public static String of(String address) {
        String literal = address;
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        int zone = literal.indexOf('%');
        if (zone >= 0) {
            literal = literal.substring(0, zone);
        }
        if (literal.indexOf(':') < 0 || !IPV6_LITERAL.matcher(literal).matches()) {
            return address;
        }
        InetAddress parsed;
        try {
            parsed = InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            return address;
        }
        if (!(parsed instanceof Inet6Address)) {
            return parsed.getHostAddress();
        }
        byte[] bytes = parsed.getAddress();
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
            prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff)))
                    .append(':');
        }
        return prefix.append(":/64").toString();
    }
}
