package io.chargeclear.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.chargeclear.e2e.AttackClient.Reply;
import io.chargeclear.e2e.AttackClient.Tally;
import io.chargeclear.testkit.partner.Answer;
import io.chargeclear.testkit.partner.OcpiPartner;
import io.chargeclear.testkit.partner.Target;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.chargeclear.e2e.AttackFixture.CDR;
import static io.chargeclear.e2e.AttackFixture.LOCATION;
import static io.chargeclear.e2e.AttackFixture.SESSION;
import static io.chargeclear.e2e.AttackFixture.TARIFF;
import static io.chargeclear.e2e.AttackFixture.TOKEN;
import static io.chargeclear.e2e.AttackFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Partners against each other's objects: every connected party, with its own token C, reads, writes, patches and
 * deletes objects of other parties on the hub's sender and receiver interfaces, with OCPI-to headers naming others
 * and OCPI-from spoofed, and reads the party APIs. Refused as OCPI says (a 4xx with an OCPI envelope and a 2xxx
 * code) and never another party's data; lists show only what an agreement allows; nothing written by the wrong
 * party reaches anyone.
 */
@ExtendWith(SharedHub.class)
@Order(AttackFixture.AFTER_THE_FLOWS)
class AttackPartnerMatrixEndToEndTest {

    private static final String HIJACK = "HIJACKED-BY-ANOTHER-PARTY";

    private static RunningHub hub;
    private static AttackFixture f;

    @BeforeAll
    static void connect(RunningHub running) {
        hub = running;
        f = AttackFixture.of(running);
    }

    @AfterAll
    static void figures() {
        AttackClient.writeFigures();
    }

    @Test
    void noPartyReachesAnotherPartysObjects() {
        Tally tally = AttackClient.tally("4 partner matrix");
        String loc = "NL/AC1/" + LOCATION;
        String hijackedLocation = AttackFixture.Bodies.location("AC1", LOCATION, TARIFF)
                .replace("\"address\": \"Oudegracht 1\"", "\"address\": \"" + HIJACK + "\"");
        String hijackedSession = AttackFixture.Bodies.session("AC1", SESSION, "AE1", LOCATION)
                .replace("\"kwh\": 5.5", "\"kwh\": 999.0, \"authorization_reference\": \"" + HIJACK + "\"");
        String hijackedToken = AttackFixture.Bodies.token("AE1", TOKEN).replace("eMSP AE1", HIJACK);
        Map<String, String> asCpo1 = Map.of("OCPI-from-country-code", "NL", "OCPI-from-party-id", "AC1");
        Map<String, String> asEmsp1 = Map.of("OCPI-from-country-code", "DE", "OCPI-from-party-id", "AE1");
        String patch = "{\"address\": \"" + HIJACK + "\", \"last_updated\": \"2026-06-01T10:00:00Z\"}";
        String evsePatch = "{\"status\": \"OUTOFORDER\", \"last_updated\": \"2026-06-01T10:00:00Z\"}";

        // another CPO (AC2, roaming with AE1 too) against AC1's objects, as itself and spoofing AC1
        for (Map<String, String> from : List.of(Map.<String, String>of(), asCpo1)) {
            String as = from.isEmpty() ? "AC2" : "AC2 spoofing FROM AC1";
            refused(tally, f.cpo2, as, "GET", "locations", "RECEIVER", loc, null, Target.hub(), from);
            refused(tally, f.cpo2, as, "PUT", "locations", "RECEIVER", loc, hijackedLocation, Target.hub(), from);
            refused(tally, f.cpo2, as, "PATCH", "locations", "RECEIVER", loc, patch, Target.hub(), from);
            refused(tally, f.cpo2, as, "PATCH", "locations", "RECEIVER", loc + "/EVSE-1", evsePatch, Target.hub(), from);
            refused(tally, f.cpo2, as, "PATCH", "locations", "RECEIVER", loc + "/EVSE-1/1", evsePatch, Target.hub(), from);
            refused(tally, f.cpo2, as, "GET", "tariffs", "RECEIVER", "NL/AC1/" + TARIFF, null, Target.hub(), from);
            refused(tally, f.cpo2, as, "PUT", "tariffs", "RECEIVER", "NL/AC1/" + TARIFF,
                    AttackFixture.Bodies.tariff("AC1", TARIFF).replace("0.30", "99.0"), Target.hub(), from);
            refused(tally, f.cpo2, as, "DELETE", "tariffs", "RECEIVER", "NL/AC1/" + TARIFF, null, Target.hub(), from);
            refused(tally, f.cpo2, as, "GET", "sessions", "RECEIVER", "NL/AC1/" + SESSION, null, Target.hub(), from);
            refused(tally, f.cpo2, as, "PUT", "sessions", "RECEIVER", "NL/AC1/" + SESSION, hijackedSession,
                    Target.party("DE", "AE1"), from);
            refused(tally, f.cpo2, as, "PATCH", "sessions", "RECEIVER", "NL/AC1/" + SESSION,
                    "{\"kwh\": 999.0, \"last_updated\": \"2026-06-01T10:00:00Z\"}", Target.party("DE", "AE1"), from);
            refused(tally, f.cpo2, as, "GET", "cdrs", "RECEIVER", "NL/AC1/" + CDR, null, Target.hub(), from);
            refused(tally, f.cpo2, as, "POST", "cdrs", "RECEIVER", "",
                    AttackFixture.Bodies.cdr("AC1", "ATK-CDR-FORGED", SESSION, "AE1", LOCATION), Target.party("DE", "AE1"),
                    from);
            refused(tally, f.cpo2, as, "PUT", "tokens", "RECEIVER", "DE/AE1/" + TOKEN, hijackedToken, Target.hub(), from);
        }

        // the eMSP without an agreement with AC1 (AE2), as itself and spoofing AE1
        for (Map<String, String> from : List.of(Map.<String, String>of(), asEmsp1)) {
            String as = from.isEmpty() ? "AE2" : "AE2 spoofing FROM AE1";
            refused(tally, f.emsp2, as, "GET", "locations", "SENDER", LOCATION, null, Target.hub(), from);
            refused(tally, f.emsp2, as, "GET", "locations", "SENDER", LOCATION, null, Target.party("NL", "AC1"), from);
            refused(tally, f.emsp2, as, "GET", "locations", "SENDER", LOCATION + "/EVSE-1", null, Target.hub(), from);
            refused(tally, f.emsp2, as, "GET", "locations", "SENDER", LOCATION + "/EVSE-1/1", null, Target.hub(), from);
            refused(tally, f.emsp2, as, "GET", "tokens", "RECEIVER", "DE/AE1/" + TOKEN, null, Target.hub(), from);
            refused(tally, f.emsp2, as, "PUT", "tokens", "RECEIVER", "DE/AE1/" + TOKEN, hijackedToken, Target.hub(), from);
            refused(tally, f.emsp2, as, "PATCH", "tokens", "RECEIVER", "DE/AE1/" + TOKEN,
                    "{\"valid\": false, \"issuer\": \"" + HIJACK + "\", \"last_updated\": \"2026-06-01T10:00:00Z\"}",
                    Target.hub(), from);
            refused(tally, f.emsp2, as, "PUT", "chargingprofiles", "RECEIVER", SESSION, """
                    {"charging_profile": {"charging_rate_unit": "W", "charging_profile_period": [
                      {"start_period": 0, "limit": 1.0}]}, "response_url": "%s"}"""
                    .formatted(f.emsp2.endpointUrl("chargingprofiles") + "/result/x"), Target.none(), from);
            refused(tally, f.emsp2, as, "GET", "chargingprofiles", "RECEIVER", SESSION + "?duration=60&response_url="
                    + f.emsp2.endpointUrl("chargingprofiles") + "/result/y", null, Target.none(), from);
            refused(tally, f.emsp2, as, "DELETE", "chargingprofiles", "RECEIVER", SESSION + "?response_url="
                    + f.emsp2.endpointUrl("chargingprofiles") + "/result/z", null, Target.none(), from);
            refused(tally, f.emsp2, as, "POST", "commands", "RECEIVER", "STOP_SESSION", "{\"response_url\": \""
                    + f.emsp2.endpointUrl("commands") + "/STOP_SESSION/atk\", \"session_id\": \"" + SESSION + "\"}",
                    Target.none(), from);
            refused(tally, f.emsp2, as, "PUT", "sessions", "SENDER", SESSION + "/charging_preferences",
                    "{\"profile_type\": \"FAST\"}", Target.party("NL", "AC1"), from);
        }

        // the eMSP with an agreement (AE1) may read AC1's objects but never write them
        refused(tally, f.emsp1, "AE1", "PUT", "locations", "RECEIVER", loc, hijackedLocation, Target.hub(), Map.of());
        refused(tally, f.emsp1, "AE1 spoofing FROM AC1", "PUT", "locations", "RECEIVER", loc, hijackedLocation,
                Target.hub(), asCpo1);
        refused(tally, f.emsp1, "AE1", "DELETE", "tariffs", "RECEIVER", "NL/AC1/" + TARIFF, null, Target.hub(), Map.of());
        refused(tally, f.emsp1, "AE1 spoofing FROM AC1", "PATCH", "sessions", "RECEIVER", "NL/AC1/" + SESSION,
                "{\"kwh\": 999.0, \"last_updated\": \"2026-06-01T10:00:00Z\"}", Target.none(), asCpo1);
        // a CPO may not write an eMSP's token
        refused(tally, f.cpo1, "AC1", "PUT", "tokens", "RECEIVER", "DE/AE1/" + TOKEN, hijackedToken, Target.hub(), Map.of());
        refused(tally, f.cpo1, "AC1 spoofing FROM AE1", "PATCH", "tokens", "RECEIVER", "DE/AE1/" + TOKEN,
                "{\"valid\": false, \"last_updated\": \"2026-06-01T10:00:00Z\"}", Target.hub(), asEmsp1);

        // lists: only what an agreement allows
        List<String> ofAc1 = List.of(LOCATION, TARIFF, SESSION, CDR);
        absent(tally, f.emsp2, "AE2", "locations", "", ofAc1);
        absent(tally, f.emsp2, "AE2", "tariffs", "", ofAc1);
        absent(tally, f.emsp2, "AE2", "sessions", "?date_from=2020-01-01T00:00:00Z", ofAc1);
        absent(tally, f.emsp2, "AE2", "cdrs", "", ofAc1);
        absent(tally, f.emsp2, "AE2", "tokens", "", List.of(TOKEN));
        absent(tally, f.cpo2, "AC2", "sessions", "?date_from=2020-01-01T00:00:00Z", ofAc1);
        absent(tally, f.cpo2, "AC2", "cdrs", "", ofAc1);

        // party APIs with token C
        for (OcpiPartner other : List.of(f.cpo2, f.emsp2)) {
            String authorization = AttackClient.tokenHeader(other.tokenC());
            String tracking = hub.url("session-tracking");
            Reply one = AttackClient.send(tally, "GET", tracking + "/party/tracking/sessions/NL/AC1/" + SESSION,
                    Map.of("Authorization", authorization), (String) null);
            AttackClient.expectRefused(tally, other.partyId() + " GET /party/tracking/sessions/NL/AC1/" + SESSION,
                    false, one, false);
            Reply list = AttackClient.send(tally, "GET", tracking + "/party/tracking/sessions",
                    Map.of("Authorization", authorization), (String) null);
            if (list.http() != 200 || list.body().contains(SESSION)) {
                tally.violation(other.partyId() + " GET /party/tracking/sessions -> " + list);
            }
        }

        // nothing the wrong party wrote reached anyone: barriers behind the attempts arrive, the hijacks never do
        f.cpo1.call("PUT", "locations", "RECEIVER", "NL/AC1/ATK-LOC-BARRIER",
                AttackFixture.Bodies.location("AC1", "ATK-LOC-BARRIER", TARIFF), Target.hub());
        f.emsp1.awaitReceived("PUT", "/NL/AC1/ATK-LOC-BARRIER", WAIT);
        f.emsp1.call("PUT", "tokens", "RECEIVER", "DE/AE1/ATK-TOK-BARRIER", AttackFixture.Bodies.token("AE1",
                "ATK-TOK-BARRIER"), Target.hub());
        f.cpo1.awaitReceived("PUT", "/DE/AE1/ATK-TOK-BARRIER", WAIT);
        f.cpo2.awaitReceived("PUT", "/DE/AE1/ATK-TOK-BARRIER", WAIT);
        for (OcpiPartner partner : f.partners()) {
            partner.received().stream().filter(r -> r.body().contains(HIJACK) || r.body().contains("999.0")
                            || r.body().contains("ATK-CDR-FORGED") || r.path().contains(SESSION) && partner == f.emsp2
                            || partner == f.cpo1 && (r.path().contains("chargingprofiles") && r.path().contains(SESSION)
                            || r.path().contains("STOP_SESSION") && r.body().contains(SESSION)))
                    .forEach(r -> tally.violation(partner.partyId() + " received " + r.method() + " " + r.path()
                            + " from another party's attempt"));
        }
        JsonNode own = f.cpo1.call("GET", "locations", "RECEIVER", loc, null, Target.hub()).data();
        if (own.toString().contains(HIJACK)) {
            tally.violation("AC1's location at the hub was changed by another party: " + own);
        }
        assertThat(tally.violations).as(tally.report(60)).isEmpty();
    }

    private static void refused(Tally tally, OcpiPartner actor, String as, String method, String module, String role,
                                String suffix, String body, Target to, Map<String, String> headers) {
        tally.requests.incrementAndGet();
        Answer answer;
        try {
            answer = actor.call(method, module, role, suffix, body, to, headers);
        } catch (RuntimeException e) {
            tally.violation(as + " " + method + " " + module + " " + role + " " + suffix + " -> " + e);
            return;
        }
        Reply reply = new Reply(answer.http(), answer.body(), answer.headers());
        // OCPI 2.2.1 §transport_and_format: a client error (2xxx) may also come with HTTP 200; without data it refuses
        if (reply.http() == 200 && reply.isEnvelope() && reply.ocpiStatus() >= 2000 && reply.ocpiStatus() < 3000
                && !reply.hasData()) {
            tally.refused.incrementAndGet();
            return;
        }
        AttackClient.expectRefused(tally, as + " " + method + " " + module + "/" + role.toLowerCase() + "/" + suffix
                + " to " + to, true, reply, false);
    }

    /** A GET-all that may answer, but must list none of {@code ids}, on any page. */
    private static void absent(Tally tally, OcpiPartner actor, String as, String module, String query,
                               List<String> ids) {
        Answer page = actor.call("GET", module, "SENDER", query, null, Target.hub());
        tally.requests.incrementAndGet();
        List<String> seen = new ArrayList<>();
        for (int pages = 0; pages < 50; pages++) {
            if (page.http() >= 500 || page.statusCode() < 0) {
                tally.violation(as + " GET " + module + " list -> HTTP " + page.http() + " " + page.body());
                return;
            }
            if (page.statusCode() != 1000) {
                tally.refused.incrementAndGet();
                return;
            }
            page.data().forEach(object -> seen.add(object.path("id").asText(object.path("uid").asText())));
            String link = page.header("Link");
            if (link == null) {
                break;
            }
            page = actor.get(link.substring(link.indexOf('<') + 1, link.indexOf('>')), Target.hub());
            tally.requests.incrementAndGet();
        }
        List<String> leaked = seen.stream().filter(ids::contains).toList();
        if (!leaked.isEmpty()) {
            tally.violation(as + " GET " + module + " lists another party's " + leaked);
        }
    }
}
