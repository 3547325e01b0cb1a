package dev.tollgate.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.token.TokenBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Builds random tokens and requests from a fixed seed and checks each decision against a plain restatement of the
 * seed's rules, written without the policy's code.
 */
class WhenDecidingRandomRequests {
    private static final long SEED = 0x7011_6a7eL;
    private static final int CASES = 4_000;

    private static final Target.Channel NEWS = Fixtures.CHANNEL;
    private static final Target.Channel SPORTS = Target.channel("us-east#mycompany.com#sports.9z", "sports");
    private static final Target.Room LOBBY = Fixtures.ROOM;
    private static final Target.OriginStream NEWS_STREAM = Fixtures.STREAM;
    private static final Target.OriginStream OTHER_STREAM =
            Target.originStream("us-east#mycompany.com#stream.0000", Set.of("channelAlias:sports", "vip"));
    private static final List<Target> TARGETS = List.of(NEWS, SPORTS, LOBBY, NEWS_STREAM, OTHER_STREAM);

    /** The fixture city database, restated: address → country, postal code ("" when none). */
    private static final Map<String, String[]> WHERE = Map.of(
            Fixtures.US_CHICAGO, new String[] {"US", "60609"},
            Fixtures.DE_BERLIN, new String[] {"DE", "10115"},
            Fixtures.IN_NO_POSTAL, new String[] {"IN", ""},
            Fixtures.US_V6, new String[] {"US", "60616"},
            Fixtures.UNMAPPED, new String[] {"??", ""});

    private static final List<String> CLIENTS =
            new ArrayList<>(WHERE.keySet().stream().sorted().toList());

    /** remoteAddress claims and the pool clients each admits. */
    private static final Map<String, Set<String>> ADDRESS_CLAIMS = Map.of(
            "203.0.113.10", Set.of(Fixtures.US_CHICAGO),
            "203.0.113.0/24", Set.of(Fixtures.US_CHICAGO),
            "::ffff:198.51.100.7", Set.of(Fixtures.DE_BERLIN),
            "2001:db8:1:0:0:0:0:42", Set.of(Fixtures.US_V6),
            "2001:db8::/32", Set.of(Fixtures.US_V6),
            "10.0.0.0/8", Set.of(Fixtures.UNMAPPED),
            "edge.example.com", Set.of());

    private static final List<String> COUNTRIES = List.of("US", "DE", "IN", "FR", "??");
    private static final List<String> POSTAL_CODES = List.of("60609", "10115", "60616", "01748");

    private final EdgePolicy withCity = Fixtures.policy();
    private final EdgePolicy withCountryOnly = Fixtures.policy(Fixtures.countryLocator());
    private final EdgePolicy withoutLocation = Fixtures.policyWithoutLocation();

    @Test
    void everyDecisionFollowsTheRules() {
        Random random = new Random(SEED);
        Map<String, Integer> seen = new java.util.TreeMap<>();
        for (int i = 0; i < CASES; i++) {
            Case c = randomCase(random);
            Decision decision = c.policy.decide(c.token, c.request);
            String actual = Fixtures.outcome(decision);
            assertThat(actual)
                    .as("case %d: %s%n%s", i, c.description, decision.explain())
                    .isEqualTo(c.expected);
            assertThat(decision.trace()).isNotEmpty();
            if (decision instanceof Denied) {
                assertThat(decision.trace().getLast().outcome()).isEqualTo(Check.Outcome.FAIL);
            } else {
                assertThat(decision.trace()).noneMatch(check -> check.outcome() == Check.Outcome.FAIL);
            }
            seen.merge(actual, 1, Integer::sum);
        }
        // The generator reaches every outcome the rules can give here.
        assertThat(seen.keySet())
                .contains(
                        "allowed",
                        "expired",
                        "bad-digest",
                        "wrong-token-type",
                        "application-mismatch",
                        "no-designation",
                        "designation-mismatch",
                        "remote-address-mismatch",
                        "session-mismatch",
                        "origin-stream-mismatch",
                        "country-not-allowed",
                        "country-denied",
                        "postal-code-not-allowed",
                        "postal-code-denied",
                        "location-unavailable");
    }

    private record Case(EdgePolicy policy, String token, AccessRequest request, String expected, String description) {}

    private Case randomCase(Random random) {
        StringBuilder description = new StringBuilder();
        TokenBuilder token = Fixtures.token();

        // Signature and expiry.
        boolean forged = random.nextInt(25) == 0;
        if (forged) {
            token.withSecret("not-the-secret");
        }
        boolean expired = random.nextInt(12) == 0;
        Instant presented = Fixtures.NOW;
        if (expired) {
            token.expiresAt(presented.minusSeconds(61 + random.nextInt(3600)));
        } else {
            token.expiresAt(presented.plusSeconds(random.nextInt(3600)).minusSeconds(59));
        }

        // Type.
        int type = random.nextInt(4); // 0 edge, 1 auth, 2 stream, 3 publish
        switch (type) {
            case 1 -> token.forAuthenticationOnly();
            case 2 -> token.forStreamingOnly();
            case 3 -> token.forPublishingOnly();
            default -> {}
        }

        // Designation.
        String designation = switch (random.nextInt(8)) {
            case 0 -> null;
            case 1 -> "channelId:" + pick(random, List.of(NEWS.id(), SPORTS.id(), LOBBY.id()));
            case 2 -> "channelAlias:" + pick(random, List.of("news", "sports", "lobby"));
            case 3 -> "roomId:" + pick(random, List.of(LOBBY.id(), NEWS.id()));
            case 4 -> "roomAlias:" + pick(random, List.of("lobby", "news"));
            case 5 -> pick(random, List.of("customer:acme", "vip", "nobody"));
            default -> "channelId:" + NEWS.id();
        };
        if (designation != null) {
            token.forTag(designation);
        }

        // User and stream constraints.
        String addressClaim = random.nextInt(4) == 0 ? pick(random, sorted(ADDRESS_CLAIMS.keySet())) : null;
        if (addressClaim != null) {
            token.forRemoteAddress(addressClaim);
        }
        String sessionClaim = random.nextInt(6) == 0 ? pick(random, List.of("s1", "s2")) : null;
        if (sessionClaim != null) {
            token.forSession(sessionClaim);
        }
        String originClaim = random.nextInt(6) == 0 ? pick(random, List.of(NEWS_STREAM.id(), OTHER_STREAM.id())) : null;
        if (originClaim != null) {
            token.forOriginStream(originClaim);
        }

        // Location constraints.
        Set<String> countryAllow = random.nextInt(4) == 0 ? some(random, COUNTRIES) : null;
        Set<String> countryDeny = random.nextInt(5) == 0 ? some(random, COUNTRIES) : null;
        Set<String> postalAllow = random.nextInt(6) == 0 ? some(random, POSTAL_CODES) : null;
        Set<String> postalDeny = random.nextInt(6) == 0 ? some(random, POSTAL_CODES) : null;
        if (countryAllow != null) {
            token.allowCountries(countryAllow.toArray(String[]::new));
        }
        if (countryDeny != null) {
            token.denyCountries(countryDeny.toArray(String[]::new));
        }
        if (postalAllow != null) {
            token.allowPostalCodes(postalAllow.toArray(String[]::new));
        }
        if (postalDeny != null) {
            token.denyPostalCodes(postalDeny.toArray(String[]::new));
        }

        // Request.
        Action action = pick(random, List.of(Action.values()));
        Target target = pick(random, TARGETS);
        String requestApp = random.nextInt(10) == 0 ? Fixtures.OTHER_APP : Fixtures.APP;
        String client = random.nextInt(10) == 0 ? null : pick(random, CLIENTS);
        String session = random.nextInt(3) == 0 ? null : pick(random, List.of("s1", "s2"));
        AccessRequest.Builder request =
                AccessRequest.builder().action(action).applicationId(requestApp).time(presented);
        if (action != Action.AUTHENTICATE || random.nextBoolean()) {
            request.target(target);
        }
        if (client != null) {
            request.remoteAddress(client);
        }
        if (session != null) {
            request.sessionId(session);
        }
        int database = random.nextInt(10); // 0 none, 1 country only, else city
        EdgePolicy policy = database == 0 ? withoutLocation : database == 1 ? withCountryOnly : withCity;

        description
                .append("type=")
                .append(type)
                .append(" designation=")
                .append(designation)
                .append(" address=")
                .append(addressClaim)
                .append(" session=")
                .append(sessionClaim)
                .append(" origin=")
                .append(originClaim)
                .append(" allow=")
                .append(countryAllow)
                .append(" deny=")
                .append(countryDeny)
                .append(" postalAllow=")
                .append(postalAllow)
                .append(" postalDeny=")
                .append(postalDeny)
                .append(" | ")
                .append(action)
                .append(' ')
                .append(target.describe())
                .append(" app=")
                .append(requestApp)
                .append(" client=")
                .append(client)
                .append(" session=")
                .append(session)
                .append(" db=")
                .append(database);

        String expected = expected(
                forged,
                expired,
                type,
                designation,
                addressClaim,
                sessionClaim,
                originClaim,
                countryAllow,
                countryDeny,
                postalAllow,
                postalDeny,
                action,
                target,
                requestApp,
                client,
                session,
                database);
        return new Case(policy, token.build(), request.build(), expected, description.toString());
    }

    /** The rules of "Using EdgeAuth", restated plainly, in the documented order. */
    private static String expected(
            boolean forged,
            boolean expired,
            int type,
            String designation,
            String addressClaim,
            String sessionClaim,
            String originClaim,
            Set<String> countryAllow,
            Set<String> countryDeny,
            Set<String> postalAllow,
            Set<String> postalDeny,
            Action action,
            Target target,
            String requestApp,
            String client,
            String session,
            int database) {
        if (forged) {
            return "bad-digest";
        }
        if (expired) {
            return "expired";
        }
        boolean typeOk = switch (action) {
            case AUTHENTICATE -> type == 0 || type == 1;
            case SUBSCRIBE -> type == 0 || type == 2;
            case PUBLISH -> type == 3;
        };
        if (!typeOk) {
            return "wrong-token-type";
        }
        if (!requestApp.equals(Fixtures.APP)) {
            return "application-mismatch";
        }
        if (action != Action.AUTHENTICATE) {
            if (designation == null) {
                return "no-designation";
            }
            if (!names(designation, target)) {
                return "designation-mismatch";
            }
        }
        if (addressClaim != null
                && (client == null || !ADDRESS_CLAIMS.get(addressClaim).contains(client))) {
            return "remote-address-mismatch";
        }
        if (sessionClaim != null && !sessionClaim.equals(session)) {
            return "session-mismatch";
        }
        if (originClaim != null
                && action != Action.AUTHENTICATE
                && !(target instanceof Target.OriginStream s && s.id().equals(originClaim))) {
            return "origin-stream-mismatch";
        }
        boolean constrained = countryAllow != null || countryDeny != null || postalAllow != null || postalDeny != null;
        if (!constrained) {
            return "allowed";
        }
        if (database == 0 || client == null) {
            return "location-unavailable";
        }
        String country = WHERE.get(client)[0];
        String postal = WHERE.get(client)[1];
        if (database == 1) {
            // The country fixture holds US, DE and IN over IPv4 only; the IPv6 range is not in it.
            if (client.equals(Fixtures.US_V6) || client.equals(Fixtures.UNMAPPED)) {
                country = "??";
            }
        }
        if (countryAllow != null && !countryAllow.contains(country)) {
            return "country-not-allowed";
        }
        if (countryDeny != null && countryDeny.contains(country)) {
            return "country-denied";
        }
        if (postalAllow != null || postalDeny != null) {
            if (database == 1) {
                return "location-unavailable";
            }
            if (postalAllow != null && !postalAllow.contains(postal)) {
                return "postal-code-not-allowed";
            }
            if (postalDeny != null) {
                if (postal.isEmpty()) {
                    return "location-unavailable";
                }
                if (postalDeny.contains(postal)) {
                    return "postal-code-denied";
                }
            }
        }
        return "allowed";
    }

    private static boolean names(String designation, Target target) {
        return switch (target) {
            case Target.Channel c ->
                designation.equals("channelId:" + c.id())
                        || c.alias()
                                .map(a -> designation.equals("channelAlias:" + a))
                                .orElse(false);
            case Target.Room r ->
                designation.equals("roomId:" + r.id())
                        || r.alias()
                                .map(a -> designation.equals("roomAlias:" + a))
                                .orElse(false);
            case Target.OriginStream s -> s.tags().contains(designation);
        };
    }

    private static <T> T pick(Random random, List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    private static List<String> sorted(Set<String> items) {
        return items.stream().sorted().toList();
    }

    private static Set<String> some(Random random, List<String> items) {
        Set<String> chosen = new java.util.LinkedHashSet<>();
        int count = 1 + random.nextInt(2);
        while (chosen.size() < count) {
            chosen.add(pick(random, items));
        }
        return chosen;
    }
}
