package io.chargeclear.e2e;

import io.chargeclear.e2e.AttackClient.Reply;
import io.chargeclear.e2e.AttackClient.Tally;
import io.chargeclear.testkit.partner.OcpiPartner;
import io.chargeclear.testkit.partner.Received;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.chargeclear.e2e.AttackFixture.LOCATION;
import static io.chargeclear.e2e.AttackFixture.TARIFF;
import static io.chargeclear.e2e.AttackFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hostile ids and bodies from a connected CPO (AC1, roaming with AE1) and eMSP (AE1): ids that would change the
 * receiver's URL, values downstream services cannot store, JSON that a strict parser refuses, an oversized object,
 * {@code response_url}s that point elsewhere, and a session addressed to one eMSP for another eMSP's token. Each is
 * refused with HTTP 4xx and an OCPI 2xxx envelope (2001 naming the field where the body is at fault) and reaches no
 * partner; an id that is accepted arrives exactly as sent. Afterwards every service is still ready and still
 * processing: a normal push arrives and a normal CDR is rated.
 */
@ExtendWith(SharedHub.class)
@Order(AttackFixture.AFTER_THE_FLOWS + 1)
class AttackHostileInputEndToEndTest {

    private static RunningHub hub;
    private static AttackFixture f;
    private static Tally tally;

    @BeforeAll
    static void connect(RunningHub running) {
        hub = running;
        f = AttackFixture.of(running);
        tally = AttackClient.tally("5 hostile ids and bodies");
    }

    @AfterAll
    static void figures() {
        AttackClient.writeFigures();
    }

    @Test
    void hostileInputIsRefusedReachesNobodyAndStopsNothing() {
        List<String> refusedMarkers = new ArrayList<>();

        // ids that would change the receiver's URL, or that no URL or database can carry
        for (String id : List.of("../../DE/AE2/ATKH-TRAV", "ATKH-QUERY?x=1", "ATKH-HASH#frag", "ATKH-PCT%41",
                "ATKH-CRLF\r\nX-A: 1", "ATKH-NULID\u0000", "ATKH-NONASCII\u00e9", "ATKH-CYR\u0410\u0422\u041a",
                "ATKH-TAB\tX")) {
            java.util.regex.Matcher found = java.util.regex.Pattern.compile("ATKH-[A-Z]+").matcher(id);
            assertThat(found.find()).isTrue();
            String marker = found.group();
            Reply put = ocpi(f.cpo1, "PUT", "locations", "RECEIVER", "NL/AC1/" + encode(id),
                    AttackFixture.Bodies.location("AC1", jsonEscape(id), TARIFF).getBytes(StandardCharsets.UTF_8));
            AttackClient.expectRefused(tally, "PUT location id " + printable(id), true, put, false);
            Reply get = ocpi(f.cpo1, "GET", "locations", "RECEIVER", "NL/AC1/" + encode(id), null);
            AttackClient.expectRefused(tally, "GET location id " + printable(id), true, get, false);
            refusedMarkers.add(marker);
        }

        // bodies a strict reader refuses, each marked by its own id
        String base = AttackFixture.Bodies.location("AC1", "%s", TARIFF);
        body("ATKH-DUP", "duplicate key", base.replace("\"city\": \"Utrecht\"", "\"city\": \"Utrecht\", \"city\": \"Gent\""),
                null, refusedMarkers);
        body("ATKH-ORD", "enum ordinal", base.replace("\"status\": \"AVAILABLE\"", "\"status\": 0"), "status",
                refusedMarkers);
        body("ATKH-PAD", "padded enum", base.replace("\"status\": \"AVAILABLE\"", "\"status\": \" AVAILABLE \""),
                "status", refusedMarkers);
        body("ATKH-NUM", "number in a string field", base.replace("\"city\": \"Utrecht\"", "\"city\": 12345"), "city",
                refusedMarkers);
        body("ATKH-BOOL", "string for a boolean", base.replace("\"publish\": true", "\"publish\": \"true\""), "publish",
                refusedMarkers);
        body("ATKH-SUR", "lone surrogate", base.replace("\"Utrecht\"", "\"Utr\\uD800echt\""), "city", refusedMarkers);
        body("ATKH-NULF", "NUL in a field", base.replace("\"Utrecht\"", "\"Utr\\u0000echt\""), "city", refusedMarkers);
        ByteArrayOutputStream malformed = new ByteArrayOutputStream();
        String[] around = base.formatted("ATKH-UTF").split("Utrecht", 2);
        malformed.writeBytes(around[0].getBytes(StandardCharsets.UTF_8));
        malformed.writeBytes(new byte[] {'U', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, 't'});
        malformed.writeBytes(around[1].getBytes(StandardCharsets.UTF_8));
        raw("ATKH-UTF", "malformed UTF-8", malformed.toByteArray(), refusedMarkers);
        StringBuilder evses = new StringBuilder();
        for (int i = 0; i < 4200; i++) {
            evses.append(i == 0 ? "" : ",").append("""
                    {"uid": "E%d", "status": "AVAILABLE", "connectors": [{"id": "1", "standard": "IEC_62196_T2",
                     "format": "SOCKET", "power_type": "AC_3_PHASE", "max_voltage": 230, "max_amperage": 32,
                     "last_updated": "2026-01-01T10:00:00Z"}], "last_updated": "2026-01-01T10:00:00Z"}""".formatted(i));
        }
        String small = base.formatted("ATKH-BIG");
        String big = small.substring(0, small.indexOf("\"evses\": [")) + "\"evses\": [" + evses + "], "
                + small.substring(small.indexOf("\"time_zone\""));
        assertThat(big.length()).as("an object over 1 MB").isGreaterThan(1_100_000);
        Reply oversized = ocpi(f.cpo1, "PUT", "locations", "RECEIVER", "NL/AC1/ATKH-BIG",
                big.getBytes(StandardCharsets.UTF_8));
        if (oversized.http() == 413 && (oversized.body() == null || oversized.body().isBlank())) {
            tally.refused.incrementAndGet();
        } else {
            AttackClient.expectRefused(tally, "PUT a location of " + big.length() + " bytes", true, oversized, false);
        }
        refusedMarkers.add("ATKH-BIG");

        // values the services downstream cannot apply
        String nulSession = AttackFixture.Bodies.session("AC1", "ATKH-SES-NUL", "AE1", "ATK-LOC\\u0000X");
        expect400Naming(ocpi(f.cpo1, "PUT", "sessions", "RECEIVER", "NL/AC1/ATKH-SES-NUL", bytes(nulSession)),
                "session with NUL in location_id", "location_id");
        refusedMarkers.add("ATKH-SES-NUL");
        String negative = AttackFixture.Bodies.cdr("AC1", "ATKH-CDR-NEG", AttackFixture.SESSION, "AE1", LOCATION)
                .replace("\"dimensions\": [{\"type\": \"ENERGY\", \"volume\": 11.0}]",
                        "\"dimensions\": [{\"type\": \"ENERGY\", \"volume\": 11.0}, {\"type\": \"TIME\", \"volume\": -2}]");
        assertThat(negative).contains("-2");
        expect400Naming(ocpi(f.cpo1, "POST", "cdrs", "RECEIVER", "", bytes(negative)), "CDR with volume -2", "volume");
        refusedMarkers.add("ATKH-CDR-NEG");

        // routing that cannot disagree: addressed to AE1, for the token of AE2 (no agreement with AC1)
        Reply mismatch = ocpi(f.cpo1, "PUT", "sessions", "RECEIVER", "NL/AC1/ATKH-SES-MIX",
                bytes(AttackFixture.Bodies.session("AC1", "ATKH-SES-MIX", "AE2", LOCATION)), "DE", "AE1");
        AttackClient.expectRefused(tally, "session TO AE1 with the cdr_token of AE2", true, mismatch, false);
        Reply mismatchCdr = ocpi(f.cpo1, "POST", "cdrs", "RECEIVER", "",
                bytes(AttackFixture.Bodies.cdr("AC1", "ATKH-CDR-MIX", "ATKH-SES-MIX", "AE2", LOCATION)), "DE", "AE1");
        AttackClient.expectRefused(tally, "CDR TO AE1 with the cdr_token of AE2", true, mismatchCdr, false);
        refusedMarkers.add("ATKH-SES-MIX");
        refusedMarkers.add("ATKH-CDR-MIX");

        // response_url only to the eMSP's own registered hosts
        for (String[] target : List.of(new String[] {"ATKH-CMD-FILE", "file:///etc/passwd"},
                new String[] {"ATKH-CMD-OTHER", f.emsp2.endpointUrl("commands") + "/START_SESSION/stolen"},
                new String[] {"ATKH-CMD-ADMIN", hub.url("party-registry") + "/admin/platforms"})) {
            String start = """
                    {"response_url": "%s", "token": %s, "location_id": "%s", "evse_uid": "EVSE-1",
                     "authorization_reference": "%s"}"""
                    .formatted(target[1], AttackFixture.Bodies.token("AE1", AttackFixture.TOKEN), LOCATION, target[0]);
            Reply command = ocpi(f.emsp1, "POST", "commands", "RECEIVER", "START_SESSION", bytes(start));
            AttackClient.expectRefused(tally, "START_SESSION with response_url " + target[1], true, command, false);
            refusedMarkers.add(target[0]);
        }

        // ids a URL can carry once encoded are accepted and arrive exactly as sent
        for (String id : List.of("ATKH SPACE", "ATKH+.~_!$&'()*,;=:@")) {
            Reply put = ocpi(f.cpo1, "PUT", "locations", "RECEIVER", "NL/AC1/" + encode(id),
                    bytes(AttackFixture.Bodies.location("AC1", jsonEscape(id), TARIFF)));
            if (put.http() >= 400 && put.http() < 500 && put.isEnvelope()) {
                tally.refused.incrementAndGet();
                refusedMarkers.add(id);
                continue;
            }
            if (put.http() != 200 || put.ocpiStatus() != 1000) {
                tally.violation("PUT location id '" + id + "' -> neither accepted nor refused: " + put);
                continue;
            }
            tally.accepted.incrementAndGet();
            try {
                Received arrived = f.emsp1.awaitReceived("PUT", "/NL/AC1/" + id, WAIT);
                if (!arrived.path().endsWith("/NL/AC1/" + id) || !id.equals(arrived.json().path("id").asText())) {
                    tally.violation("id '" + id + "' arrived as " + arrived.path() + " with id "
                            + arrived.json().path("id"));
                }
            } catch (AssertionError | RuntimeException notDelivered) {
                tally.violation("accepted id '" + id + "' never reached the eMSP: " + notDelivered.getMessage());
            }
        }

        // still ready, still processing: a push behind the hostile ones arrives, a normal CDR is rated
        f.cpo1.call("PUT", "locations", "RECEIVER", "NL/AC1/ATKH-AFTER",
                AttackFixture.Bodies.location("AC1", "ATKH-AFTER", TARIFF), io.chargeclear.testkit.partner.Target.hub());
        f.cpo1.call("PUT", "sessions", "RECEIVER", "NL/AC1/ATKH-SES-OK",
                AttackFixture.Bodies.session("AC1", "ATKH-SES-OK", "AE1", LOCATION),
                io.chargeclear.testkit.partner.Target.none());
        f.cpo1.call("POST", "cdrs", "RECEIVER", "", AttackFixture.Bodies.cdr("AC1", "ATKH-CDR-OK", "ATKH-SES-OK", "AE1",
                LOCATION), io.chargeclear.testkit.partner.Target.none());
        List<String> stalled = new ArrayList<>();
        try {
            f.emsp1.awaitReceived("PUT", "/NL/AC1/ATKH-AFTER", WAIT);
            f.emsp1.awaitReceived("POST", "/cdrs", WAIT);
        } catch (AssertionError notDelivered) {
            stalled.add("AE1's delivery queue: " + notDelivered.getMessage());
        }
        try {
            await("a normal CDR after the hostile ones is rated").atMost(WAIT).pollInterval(Duration.ofMillis(500))
                    .until(() -> AttackFixture.admin(hub, "cdr-rating").get("/admin/rating/cdrs/NL/AC1/ATKH-CDR-OK")
                            .statusCode() == 200);
        } catch (AssertionError | RuntimeException notRated) {
            stalled.add("rating: ATKH-CDR-OK not rated: " + notRated.getMessage());
        }
        try {
            await("session tracking follows a normal session").atMost(WAIT).pollInterval(Duration.ofMillis(500))
                    .until(() -> AttackFixture.admin(hub, "session-tracking")
                            .get("/admin/tracking/sessions/NL/AC1/ATKH-SES-OK").statusCode() == 200);
        } catch (AssertionError | RuntimeException notTracked) {
            stalled.add("tracking: ATKH-SES-OK not tracked: " + notTracked.getMessage());
        }

        List<String> leaked = new ArrayList<>();
        for (OcpiPartner partner : f.partners()) {
            for (Received r : partner.received()) {
                for (String marker : refusedMarkers) {
                    if (r.path().contains(marker) || r.body().contains(marker)
                            || r.path().contains("/DE/AE2/") && partner != f.cpo2 && partner != f.cpo1) {
                        leaked.add(partner.partyId() + " received " + r.method() + " " + printable(r.path())
                                + " (" + printable(marker) + ")");
                    }
                }
            }
        }
        leaked.stream().distinct().forEach(tally::violation);
        stalled.forEach(tally::violation);
        Map<String, String> readiness = AttackFixture.readiness(hub);
        readiness.forEach((service, state) -> {
            if (!state.equals("UP")) {
                tally.violation(service + " not ready after the hostile input: " + state);
            }
        });
        assertThat(tally.violations).as(tally.report(60)).isEmpty();
    }

    /** A location body with {@code %s} for its id that must be refused with 2001, naming {@code field} if given. */
    private static void body(String id, String what, String template, String field, List<String> markers) {
        Reply reply = ocpi(f.cpo1, "PUT", "locations", "RECEIVER", "NL/AC1/" + id, bytes(template.formatted(id)));
        if (field == null) {
            AttackClient.expectRefused(tally, what + " (" + id + ")", true, reply, false);
        } else {
            expect400Naming(reply, what + " (" + id + ")", field);
        }
        markers.add(id);
    }

    private static void raw(String id, String what, byte[] body, List<String> markers) {
        Reply reply = ocpi(f.cpo1, "PUT", "locations", "RECEIVER", "NL/AC1/" + id, body);
        AttackClient.expectRefused(tally, what + " (" + id + ")", true, reply, false);
        markers.add(id);
    }

    private static void expect400Naming(Reply reply, String what, String field) {
        if (AttackClient.expectRefused(tally, what, true, reply, false)) {
            String message = reply.json().map(j -> j.path("status_message").asText("")).orElse("");
            if (reply.http() != 400 || reply.ocpiStatus() != 2001 || !message.contains(field)) {
                tally.refused.decrementAndGet();
                tally.violation(what + " -> expected HTTP 400, OCPI 2001 naming '" + field + "': " + reply);
            }
        }
    }

    private static Reply ocpi(OcpiPartner from, String method, String module, String role, String suffix, byte[] body) {
        return ocpi(from, method, module, role, suffix, body, null, null);
    }

    private static Reply ocpi(OcpiPartner from, String method, String module, String role, String suffix, byte[] body,
                              String toCountry, String toParty) {
        String url = OcpiPartnerUrls.join(from.hubUrl(module, role), suffix);
        Map<String, String> headers = AttackClient.headers("Authorization", AttackClient.tokenHeader(from.tokenC()),
                "X-Request-ID", "atk-hostile-" + tally.requests.get(), "X-Correlation-ID", "atk-hostile",
                "OCPI-from-country-code", from.countryCode(), "OCPI-from-party-id", from.partyId());
        boolean hubItself = toCountry == null && !module.equals("sessions") && !module.equals("cdrs")
                && !module.equals("commands");
        if (hubItself) {
            headers.put("OCPI-to-country-code", from.hubCountryCode());
            headers.put("OCPI-to-party-id", from.hubPartyId());
        } else if (toCountry != null) {
            headers.put("OCPI-to-country-code", toCountry);
            headers.put("OCPI-to-party-id", toParty);
        }
        return AttackClient.send(tally, method, url, headers, body);
    }

    static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String jsonEscape(String value) {
        StringBuilder escaped = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c < 0x20 || c == '"' || c == '\\') {
                escaped.append(String.format("\\u%04x", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static String printable(String value) {
        return jsonEscape(value);
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    /** Joins a hub endpoint URL and a suffix the way the test kit's partner does. */
    static final class OcpiPartnerUrls {
        private OcpiPartnerUrls() {
        }

        static String join(String url, String suffix) {
            if (suffix == null || suffix.isEmpty()) {
                return url;
            }
            String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
            return base + "/" + (suffix.startsWith("/") ? suffix.substring(1) : suffix);
        }
    }
}
