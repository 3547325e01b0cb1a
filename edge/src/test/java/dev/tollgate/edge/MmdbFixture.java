package dev.tollgate.edge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small MaxMind DB writer for test fixtures (no Java writer is published). It writes the format of the MaxMind DB
 * File Format Specification 2.0: a binary search tree with 24-bit records, a 16-byte zero separator, a data section of
 * maps, strings and unsigned integers, then the metadata marker and map. IPv6 databases hold IPv4 networks at
 * {@code ::/96}, as the specification says readers expect. Public for the server's media-server tests (this module's
 * test-jar). Not thread-safe: build and write it in one thread.
 */
public final class MmdbFixture {
    private static final byte[] METADATA_MARKER = concat(
            new byte[] {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF}, "MaxMind.com".getBytes(StandardCharsets.US_ASCII));

    private final String databaseType;
    private final int ipVersion;
    private final Instant buildTime;
    private final Map<String, Map<String, Object>> networks = new LinkedHashMap<>();

    private MmdbFixture(String databaseType, int ipVersion, Instant buildTime) {
        this.databaseType = databaseType;
        this.ipVersion = ipVersion;
        this.buildTime = buildTime;
    }

    public static MmdbFixture ipv6(String databaseType, Instant buildTime) {
        return new MmdbFixture(databaseType, 6, buildTime);
    }

    public static MmdbFixture ipv4(String databaseType, Instant buildTime) {
        return new MmdbFixture(databaseType, 4, buildTime);
    }

    /** A record for a network in CIDR notation, e.g. {@code 203.0.113.0/24} or {@code 2001:db8::/32}. */
    public MmdbFixture network(String cidr, Map<String, Object> record) {
        networks.put(cidr, record);
        return this;
    }

    /** A GeoIP2 City style record. */
    public static Map<String, Object> city(String isoCode, String postalCode) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("country", Map.of("iso_code", isoCode, "geoname_id", 6252001L));
        if (postalCode != null) {
            record.put("postal", Map.of("code", postalCode));
        }
        return record;
    }

    /** A GeoIP2 Country style record. */
    public static Map<String, Object> country(String isoCode) {
        return Map.of("country", Map.of("iso_code", isoCode), "registered_country", Map.of("iso_code", isoCode));
    }

    /** An ip-location-db style record. */
    public static Map<String, Object> countryCode(String code) {
        return Map.of("country_code", code);
    }

    public Path writeTo(Path file) {
        try {
            Files.write(file, bytes());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] bytes() {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        Node root = new Node();
        for (Map.Entry<String, Map<String, Object>> network : networks.entrySet()) {
            int offset = data.size();
            encode(network.getValue(), data);
            insert(root, network.getKey(), offset);
        }
        List<Node> nodes = new ArrayList<>();
        number(root, nodes);
        int nodeCount = nodes.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Node node : nodes) {
            writeRecord(out, node.left, nodeCount);
            writeRecord(out, node.right, nodeCount);
        }
        out.writeBytes(new byte[16]);
        out.writeBytes(data.toByteArray());
        out.writeBytes(METADATA_MARKER);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("node_count", new Uint(nodeCount, 6));
        metadata.put("record_size", new Uint(24, 5));
        metadata.put("ip_version", new Uint(ipVersion, 5));
        metadata.put("database_type", databaseType);
        metadata.put("languages", List.of("en"));
        metadata.put("binary_format_major_version", new Uint(2, 5));
        metadata.put("binary_format_minor_version", new Uint(0, 5));
        metadata.put("build_epoch", new Uint(buildTime.getEpochSecond(), 9));
        metadata.put("description", Map.of("en", "Tollgate test fixture " + databaseType));
        encode(metadata, out);
        return out.toByteArray();
    }

    private void insert(Node root, String cidr, int dataOffset) {
        int slash = cidr.indexOf('/');
        InetAddress address;
        try {
            address = InetAddress.getByName(cidr.substring(0, slash));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(cidr, e);
        }
        int prefix = Integer.parseInt(cidr.substring(slash + 1));
        byte[] bytes = address.getAddress();
        if (ipVersion == 6 && address instanceof Inet4Address) {
            byte[] wide = new byte[16];
            System.arraycopy(bytes, 0, wide, 12, 4);
            bytes = wide;
            prefix += 96;
        } else if (ipVersion == 4 && bytes.length != 4) {
            throw new IllegalArgumentException("an IPv4 database cannot hold " + cidr);
        }
        if (prefix < 1) {
            throw new IllegalArgumentException("prefix must be at least 1: " + cidr);
        }
        Node node = root;
        for (int bit = 0; bit < prefix; bit++) {
            boolean right = (bytes[bit / 8] & (0x80 >>> (bit % 8))) != 0;
            Object child = right ? node.right : node.left;
            if (bit == prefix - 1) {
                if (child != null) {
                    throw new IllegalArgumentException("overlapping network " + cidr);
                }
                if (right) {
                    node.right = dataOffset;
                } else {
                    node.left = dataOffset;
                }
            } else {
                if (child instanceof Integer) {
                    throw new IllegalArgumentException("overlapping network " + cidr);
                }
                if (child == null) {
                    child = new Node();
                    if (right) {
                        node.right = child;
                    } else {
                        node.left = child;
                    }
                }
                node = (Node) child;
            }
        }
    }

    private static void number(Node node, List<Node> nodes) {
        node.index = nodes.size();
        nodes.add(node);
        if (node.left instanceof Node left) {
            number(left, nodes);
        }
        if (node.right instanceof Node right) {
            number(right, nodes);
        }
    }

    private static void writeRecord(ByteArrayOutputStream out, Object child, int nodeCount) {
        long value;
        if (child == null) {
            value = nodeCount; // no data
        } else if (child instanceof Node node) {
            value = node.index;
        } else {
            value = nodeCount + 16L + (Integer) child;
        }
        out.write((int) (value >>> 16) & 0xff);
        out.write((int) (value >>> 8) & 0xff);
        out.write((int) value & 0xff);
    }

    private static void encode(Object value, ByteArrayOutputStream out) {
        switch (value) {
            case String text -> {
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                control(out, 2, bytes.length);
                out.writeBytes(bytes);
            }
            case Map<?, ?> map -> {
                control(out, 7, map.size());
                map.forEach((key, item) -> {
                    encode((String) key, out);
                    encode(item, out);
                });
            }
            case List<?> list -> {
                control(out, 11, list.size());
                list.forEach(item -> encode(item, out));
            }
            case Long number -> encode(new Uint(number, 6), out);
            case Uint uint -> {
                byte[] bytes = BigInteger.valueOf(uint.value()).toByteArray();
                int start = bytes[0] == 0 ? 1 : 0;
                int length = bytes.length - start;
                if (uint.value() == 0) {
                    length = 0;
                }
                control(out, uint.type(), length);
                out.write(bytes, start, length);
            }
            default -> throw new IllegalArgumentException("cannot encode " + value.getClass());
        }
    }

    private static void control(ByteArrayOutputStream out, int type, int size) {
        int sizeBits;
        byte[] extra;
        if (size < 29) {
            sizeBits = size;
            extra = new byte[0];
        } else if (size < 285) {
            sizeBits = 29;
            extra = new byte[] {(byte) (size - 29)};
        } else {
            int rest = size - 285;
            sizeBits = 30;
            extra = new byte[] {(byte) (rest >>> 8), (byte) rest};
        }
        if (type <= 7) {
            out.write((type << 5) | sizeBits);
        } else {
            out.write(sizeBits);
            out.write(type - 7);
        }
        out.writeBytes(extra);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** An unsigned integer of a given MaxMind type: 5 uint16, 6 uint32, 9 uint64. */
    private record Uint(long value, int type) {}

    private static final class Node {
        Object left;
        Object right;
        int index;
    }
}
