package io.chargeclear.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.chargeclear.testkit.KafkaTestClient;
import io.chargeclear.testkit.partner.Answer;
import io.chargeclear.testkit.partner.OcpiPartner;
import io.chargeclear.testkit.partner.Received;
import io.chargeclear.testkit.partner.Target;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The hub routing between two CPOs and two eMSPs, each a real OCPI platform on a loopback port that connected
 * through the credentials handshake, across the five real services. Agreements: CPO 1 and CPO 2 roam with eMSP 1;
 * eMSP 2 roams with CPO 2 only, so it must see and receive nothing of CPO 1.
 */
@ExtendWith(SharedHub.class)
class RoutingScenarioEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration FIRST_RECORDS = Duration.ofMinutes(3);

    private static RunningHub hub;
    private static OcpiPartner cpo1;
    private static OcpiPartner cpo2;
    private static OcpiPartner emsp1;
    private static OcpiPartner emsp2;

    @BeforeAll
    static void connectPartners(RunningHub running) {
        hub = running;
        cpo1 = connect(OcpiPartner.cpo("NL", "RC1", "rc1-token-b"));
        cpo2 = connect(OcpiPartner.cpo("NL", "RC2", "rc2-token-b"));
        emsp1 = connect(OcpiPartner.emsp("DE", "RE1", "re1-token-b"));
        emsp2 = connect(OcpiPartner.emsp("DE", "RE2", "re2-token-b"));
        List<String> agreements = List.of(agree(cpo1, emsp1), agree(cpo2, emsp1), agree(cpo2, emsp2));
        await("agreements reach the gateway").atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            List<String> known = gatewayAdmin().get("/admin/routing/agreements").then().statusCode(200)
                    .extract().path("agreements.id");
            return known.containsAll(agreements);
        });
    }

    @AfterAll
    static void stopPartners() {
        for (OcpiPartner partner : new OcpiPartner[] {cpo1, cpo2, emsp1, emsp2}) {
            if (partner != null) {
                partner.close();
            }
        }
    }

    @Test
    void aBroadcastLocationAndTariffReachOnlyTheEmspsWithAnAgreement() {
        Answer put = cpo1.call("PUT", "locations", "RECEIVER", "NL/RC1/LOC-B1", location("RC1", "LOC-B1", "AVAILABLE"),
                Target.hub());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(1000);
        assertThat(put.header("OCPI-from-party-id")).isEqualTo(cpo1.hubPartyId());

        Received atEmsp1 = emsp1.awaitReceived("PUT", "/NL/RC1/LOC-B1", WAIT);
        assertThat(atEmsp1.header("OCPI-from-party-id")).as("broadcast: FROM = the hub").isEqualTo(cpo1.hubPartyId());
        assertThat(atEmsp1.header("OCPI-to-party-id")).isEqualTo("RE1");
        assertThat(atEmsp1.header("Authorization")).isEqualTo("Token " + HubPartners.b64("re1-token-b"));
        assertThat(atEmsp1.json().path("id").asText()).isEqualTo("LOC-B1");

        cpo1.call("PUT", "tariffs", "RECEIVER", "NL/RC1/TAR-B1", tariff("RC1", "TAR-B1"), Target.hub());
        emsp1.awaitReceived("PUT", "/NL/RC1/TAR-B1", WAIT);

        // CPO 2's location reaches both eMSPs; by then CPO 1's pushes would have reached eMSP 2 too, had they gone
        cpo2.call("PUT", "locations", "RECEIVER", "NL/RC2/LOC-B2", location("RC2", "LOC-B2", "AVAILABLE"), Target.hub());
        emsp1.awaitReceived("PUT", "/NL/RC2/LOC-B2", WAIT);
        emsp2.awaitReceived("PUT", "/NL/RC2/LOC-B2", WAIT);
        assertThat(emsp2.received(null, "/NL/RC1/")).as("eMSP 2 has no agreement with CPO 1").isEmpty();

        // an EVSE update reaches the eMSP as it was sent, and the hub's copy of the location follows it
        String later = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(60).toString();
        Answer patch = cpo1.call("PATCH", "locations", "RECEIVER", "NL/RC1/LOC-B1/EVSE-1",
                "{\"status\": \"CHARGING\", \"last_updated\": \"" + later + "\"}", Target.hub());
        assertThat(patch.statusCode()).as(patch.body()).isEqualTo(1000);
        assertThat(emsp1.awaitReceived("PATCH", "/NL/RC1/LOC-B1/EVSE-1", WAIT).json().path("status").asText())
                .isEqualTo("CHARGING");
        JsonNode copy = emsp1.call("GET", "locations", "SENDER", "LOC-B1", null, Target.hub()).data();
        assertThat(copy.path("evses").get(0).path("status").asText()).isEqualTo("CHARGING");
        assertThat(copy.path("last_updated").asText()).as("parent last_updated follows the EVSE").isEqualTo(later);

        // eMSP 2 cannot read CPO 1's location from the hub either
        assertThat(emsp2.call("GET", "locations", "SENDER", "LOC-B1", null, Target.hub()).http()).isEqualTo(404);
    }

    @Test
    void getAllIsServedFromTheHubsStorePageByPage() {
        for (int i = 1; i <= 5; i++) {
            Answer put = cpo2.call("PUT", "locations", "RECEIVER", "NL/RC2/LOC-P" + i,
                    location("RC2", "LOC-P" + i, "AVAILABLE"), Target.hub());
            assertThat(put.statusCode()).as(put.body()).isEqualTo(1000);
        }
        cpo1.call("PUT", "locations", "RECEIVER", "NL/RC1/LOC-P9", location("RC1", "LOC-P9", "AVAILABLE"), Target.hub());

        List<String> ids = new ArrayList<>();
        Answer page = emsp2.call("GET", "locations", "SENDER", "?limit=2", null, Target.hub());
        int total = Integer.parseInt(page.header("X-Total-Count"));
        assertThat(page.header("X-Limit")).isEqualTo("100");
        int pages = 0;
        while (true) {
            assertThat(page.statusCode()).as(page.body()).isEqualTo(1000);
            page.data().forEach(location -> ids.add(location.path("id").asText()));
            pages++;
            String link = page.header("Link");
            if (link == null) {
                break;
            }
            assertThat(page.data().size()).isEqualTo(2);
            page = emsp2.get(link.substring(link.indexOf('<') + 1, link.indexOf('>')), Target.hub());
        }
        assertThat(ids).hasSize(total).doesNotHaveDuplicates()
                .contains("LOC-P1", "LOC-P2", "LOC-P3", "LOC-P4", "LOC-P5")
                .as("nothing of CPO 1, with which eMSP 2 has no agreement").doesNotContain("LOC-P9", "LOC-B1");
        assertThat(pages).isEqualTo((total + 1) / 2);

        Answer sessions = emsp2.call("GET", "sessions", "SENDER", "", null, Target.hub());
        assertThat(sessions.statusCode()).as("sessions list requires date_from").isEqualTo(2001);
    }

    @Test
    void tokensAreBroadcastAndRealTimeAuthorizationIsRoutedToTheTokensEmsp() {
        emsp1.call("PUT", "tokens", "RECEIVER", "DE/RE1/TOK-ALLOWED?type=RFID", token("RE1", "TOK-ALLOWED"), Target.hub());
        emsp1.call("PUT", "tokens", "RECEIVER", "DE/RE1/TOK-BLOCKED?type=RFID", token("RE1", "TOK-BLOCKED"), Target.hub());
        emsp2.call("PUT", "tokens", "RECEIVER", "DE/RE2/TOK-OTHER?type=RFID", token("RE2", "TOK-OTHER"), Target.hub());
        cpo1.awaitReceived("PUT", "/DE/RE1/TOK-ALLOWED", WAIT);
        cpo2.awaitReceived("PUT", "/DE/RE1/TOK-BLOCKED", WAIT);
        cpo2.awaitReceived("PUT", "/DE/RE2/TOK-OTHER", WAIT);
        assertThat(cpo1.received(null, "/DE/RE2/")).as("CPO 1 has no agreement with eMSP 2").isEmpty();
        emsp1.authorizes("TOK-ALLOWED", "ALLOWED").authorizes("TOK-BLOCKED", "BLOCKED");

        String where = "{\"location_id\": \"LOC-B1\"}";
        Answer allowed = cpo1.call("POST", "tokens", "SENDER", "TOK-ALLOWED/authorize?type=RFID", where, Target.none());
        assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(1000);
        assertThat(allowed.data().path("allowed").asText()).isEqualTo("ALLOWED");
        assertThat(allowed.header("OCPI-from-party-id")).as("answered by the eMSP").isEqualTo("RE1");
        Received asked = emsp1.awaitReceived("POST", "TOK-ALLOWED/authorize", WAIT);
        assertThat(asked.header("OCPI-from-party-id")).isEqualTo("RC1");
        assertThat(asked.json().path("location_id").asText()).isEqualTo("LOC-B1");

        Answer blocked = cpo1.call("POST", "tokens", "SENDER", "TOK-BLOCKED/authorize", where, Target.none());
        assertThat(blocked.data().path("allowed").asText()).isEqualTo("BLOCKED");

        Answer unknown = cpo1.call("POST", "tokens", "SENDER", "TOK-NOBODY/authorize", where, Target.none());
        assertThat(unknown.http()).isEqualTo(404);
        assertThat(unknown.statusCode()).isEqualTo(2004);

        Answer noAgreement = cpo1.call("POST", "tokens", "SENDER", "TOK-OTHER/authorize", where, Target.none());
        assertThat(noAgreement.http()).as(noAgreement.body()).isEqualTo(403);
        assertThat(noAgreement.json().path("status_message").asText()).contains("no roaming agreement");

        emsp1.authorizationDelay(Duration.ofSeconds(4));
        try {
            Answer late = cpo1.call("POST", "tokens", "SENDER", "TOK-ALLOWED/authorize", where, Target.none());
            assertThat(late.statusCode()).as(late.body()).isEqualTo(4002);
        } finally {
            emsp1.authorizationDelay(Duration.ZERO);
        }
    }

    @Test
    void startSessionReachesTheCpoAndItsResultComesBackToTheEmsp() {
        cpo1.call("PUT", "locations", "RECEIVER", "NL/RC1/LOC-C1", location("RC1", "LOC-C1", "AVAILABLE"), Target.hub());
        emsp1.awaitReceived("PUT", "/NL/RC1/LOC-C1", WAIT);
        String responseUrl = emsp1.endpointUrl("commands") + "/START_SESSION/cmd-42";
        String start = """
                {"response_url": "%s", "token": %s, "location_id": "LOC-C1", "evse_uid": "EVSE-1"}"""
                .formatted(responseUrl, token("RE1", "TOK-APP"));

        Answer accepted = emsp1.call("POST", "commands", "RECEIVER", "START_SESSION", start, Target.none());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(1000);
        assertThat(accepted.data().path("result").asText()).isEqualTo("ACCEPTED");
        Received atCpo = cpo1.awaitReceived("POST", "START_SESSION", WAIT);
        String rewritten = atCpo.json().path("response_url").asText();
        assertThat(rewritten).as("response_url points at the hub").startsWith(hub.url("ocpi-gateway"))
                .isNotEqualTo(responseUrl);

        Received result = emsp1.awaitReceived("POST", "/START_SESSION/cmd-42", WAIT);
        assertThat(result.json().path("result").asText()).isEqualTo("ACCEPTED");
        assertThat(result.header("OCPI-from-party-id")).isEqualTo("RC1");
        assertThat(result.header("OCPI-to-party-id")).isEqualTo("RE1");

        String foreignToken = """
                {"response_url": "%s", "token": %s, "location_id": "LOC-C1"}""".formatted(responseUrl,
                token("RE2", "TOK-OTHER"));
        Answer refused = emsp1.call("POST", "commands", "RECEIVER", "START_SESSION", foreignToken, Target.none());
        assertThat(refused.statusCode()).as("an eMSP may only use its own tokens").isEqualTo(2001);
    }

    @Test
    void aSessionAndItsCdrReachOnlyTheEmspOfTheTokenAndTheCdrIsRated() {
        // the location (whose connector names the tariff) and the tariff the CDR is rated with
        cpo1.call("PUT", "locations", "RECEIVER", "NL/RC1/LOC-B1", location("RC1", "LOC-B1", "AVAILABLE"), Target.hub());
        cpo1.call("PUT", "tariffs", "RECEIVER", "NL/RC1/TAR-B1", tariff("RC1", "TAR-B1"), Target.hub());
        Answer put = cpo1.call("PUT", "sessions", "RECEIVER", "NL/RC1/SES-1", session("SES-1", "ACTIVE", "RE1"),
                Target.none());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(1000);
        Received session = emsp1.awaitReceived("PUT", "/NL/RC1/SES-1", WAIT);
        assertThat(session.header("OCPI-from-party-id")).as("party to party: FROM unchanged").isEqualTo("RC1");

        Answer cdr = cpo1.call("POST", "cdrs", "RECEIVER", "", cdr("CDR-1", "SES-1", "RE1"), Target.none());
        assertThat(cdr.statusCode()).as(cdr.body()).isEqualTo(1000);
        String location = cdr.header("Location");
        assertThat(location).startsWith(hub.url("ocpi-gateway"));
        assertThat(emsp1.awaitReceived("POST", "/cdrs/", WAIT).json().path("id").asText()).isEqualTo("CDR-1");
        assertThat(cpo1.get(location, Target.hub()).data().path("id").asText()).isEqualTo("CDR-1");

        Answer again = cpo1.call("POST", "cdrs", "RECEIVER", "", cdr("CDR-1", "SES-1", "RE1"), Target.none());
        assertThat(again.statusCode()).as("CDRs are immutable").isEqualTo(2001);
        assertThat(emsp2.received(null, "SES-1")).isEmpty();
        Answer emsp2Cdrs = emsp2.call("GET", "cdrs", "SENDER", "", null, Target.hub());
        assertThat(emsp2Cdrs.data().findValuesAsText("id")).doesNotContain("CDR-1");
        Answer emsp1Cdrs = emsp1.call("GET", "cdrs", "SENDER", "", null, Target.hub());
        assertThat(emsp1Cdrs.data().findValuesAsText("id")).contains("CDR-1");

        Answer toEmsp2 = cpo1.call("PUT", "sessions", "RECEIVER", "NL/RC1/SES-2", session("SES-2", "ACTIVE", "RE2"),
                Target.none());
        assertThat(toEmsp2.http()).as("no agreement between CPO 1 and eMSP 2").isEqualTo(403);

        // cdr-rating re-rates it: 11 kWh at 0.30 + 21 % VAT = 3.99, as the CPO said; the hub fee is 2.5 % of 3.30
        // the first records of rating's consumers: as long as the other e2e waits for a consumer's first record on a
        // loaded machine (a consumer may join its group long after the service started)
        await("CDR-1 rated").atMost(FIRST_RECORDS).pollInterval(Duration.ofMillis(300))
                .until(() -> ratingAdmin().get("/admin/rating/cdrs/NL/RC1/CDR-1").asString(),
                        rating -> rating.contains("\"status\":\"RATED\""));
        ratingAdmin().get("/admin/rating/cdrs/NL/RC1/CDR-1").then().statusCode(200)
                .body("total_cost.incl_vat", org.hamcrest.Matchers.equalTo("3.99"))
                .body("hub_fee", org.hamcrest.Matchers.equalTo("0.08"))
                .body("emsp_payable", org.hamcrest.Matchers.equalTo("3.99"))
                .body("cpo_receivable", org.hamcrest.Matchers.equalTo("3.91"))
                .body("tariff_id", org.hamcrest.Matchers.equalTo("TAR-B1"));

        // settlement books it: the eMSP owes the hub 3.99, the hub owes the CPO 3.91 and keeps 0.08
        await("CDR-1 booked in the ledger").atMost(FIRST_RECORDS).pollInterval(Duration.ofMillis(300)).until(() ->
                settlementAdmin().get("/admin/settlement/journal/NL/RC1/CDR-1").then().extract()
                        .<List<Object>>path("$").size() == 1);
        settlementAdmin().queryParam("party", "NL*RC1").get("/admin/settlement/balances").then().statusCode(200)
                .body("find { it.account == 'NL*RC1:payable' }.balance", org.hamcrest.Matchers.equalTo("-3.91"));

        // the day of its session is settled (daily periods here): a statement per pair and net positions that add
        // up, on Kafka for analysts and as CSV for the parties
        JsonPath run = settlementAdmin().contentType(ContentType.JSON)
                .body(Map.of("period_start", "2026-01-01T00:00:00Z", "period_end", "2026-01-02T00:00:00Z"))
                .post("/admin/settlement/runs").then().statusCode(201).extract().jsonPath();
        Map<String, Object> statement = run.getMap("statements.find { it.cpo.party_id == 'RC1'"
                + " && it.emsp.party_id == 'RE1' }");
        assertThat(statement).isNotNull();
        String statementId = (String) statement.get("statement_id");
        List<String> cdrs = settlementAdmin().get("/admin/settlement/statements/" + statementId).then().statusCode(200)
                .extract().path("entries.cdr_id");
        assertThat(cdrs).contains("CDR-1");
        BigDecimal nets = run.<String>getList("net_positions.net.amount").stream().map(BigDecimal::new)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal fees = run.<String>getList("hub_fee_revenue.amount").stream().map(BigDecimal::new)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(nets.add(fees)).as("net positions + hub fee revenue").isZero();
        String csv = settlementAdmin().accept("text/csv").queryParam("period_start", "2026-01-01T00:00:00Z")
                .queryParam("period_end", "2026-01-02T00:00:00Z").get("/admin/settlement/statements").then()
                .statusCode(200).extract().asString();
        assertThat(csv).contains(statementId + ",").contains(",NL*RC1,DE*RE1,");
        try (KafkaTestClient kafka = new KafkaTestClient(hub.kafkaBootstrap())) {
            var issued = kafka.awaitRecord("settlement.statement.v1", r -> statementId.equals(r.key()), WAIT);
            assertThat(KafkaTestClient.header(issued, "ce_type")).isEqualTo("settlement.statement.issued.v1");
            kafka.awaitRecord("settlement.net-position.v1", r -> r.key().startsWith("DE*RE1*2026-01-01T00:00:00Z*"),
                    WAIT);
        }
    }

    @Test
    void updatesDeletesStopSessionAndChargingProfilesFlowThroughTheHub() {
        cpo2.call("PUT", "sessions", "RECEIVER", "NL/RC2/SES-U1", session("SES-U1", "ACTIVE", "RE2").replace(
                "\"party_id\": \"RC1\"", "\"party_id\": \"RC2\""), Target.none());
        emsp2.awaitReceived("PUT", "/NL/RC2/SES-U1", WAIT);
        Answer periods = cpo2.call("PATCH", "sessions", "RECEIVER", "NL/RC2/SES-U1", """
                {"kwh": 7.5, "charging_periods": [{"start_date_time": "2026-01-01T10:00:00Z",
                  "dimensions": [{"type": "ENERGY", "volume": 7.5}]}], "last_updated": "2026-01-01T10:45:00Z"}""",
                Target.none());
        assertThat(periods.statusCode()).as(periods.body()).isEqualTo(1000);
        emsp2.awaitReceived("PATCH", "/NL/RC2/SES-U1", WAIT);
        JsonNode copy = cpo2.call("GET", "sessions", "RECEIVER", "NL/RC2/SES-U1", null, Target.hub()).data();
        assertThat(copy.path("kwh").decimalValue()).isEqualByComparingTo("7.5");
        assertThat(copy.path("charging_periods")).hasSize(1);

        // charging profile: the CPO gets a hub response_url, the eMSP gets the result at its own
        String ownUrl = emsp2.endpointUrl("chargingprofiles") + "/result/set-1";
        Answer set = emsp2.call("PUT", "chargingprofiles", "RECEIVER", "SES-U1", """
                {"charging_profile": {"charging_rate_unit": "W", "charging_profile_period": [
                  {"start_period": 0, "limit": 11000.0}]}, "response_url": "%s"}""".formatted(ownUrl), Target.none());
        assertThat(set.statusCode()).as(set.body()).isEqualTo(1000);
        Received atCpo = cpo2.awaitReceived("PUT", "/SES-U1", WAIT);
        assertThat(atCpo.json().path("response_url").asText()).startsWith(hub.url("ocpi-gateway"));
        assertThat(emsp2.awaitReceived("POST", "/result/set-1", WAIT).json().path("result").asText())
                .isEqualTo("ACCEPTED");
        Answer active = cpo2.call("PUT", "chargingprofiles", "SENDER", "SES-U1", """
                {"start_date_time": "2026-01-01T10:00:00Z", "charging_profile": {"charging_rate_unit": "W",
                  "charging_profile_period": [{"start_period": 0, "limit": 7400.0}]}}""", Target.none());
        assertThat(active.statusCode()).as(active.body()).isEqualTo(1000);
        emsp2.awaitReceived("PUT", "chargingprofiles/sender/SES-U1", WAIT);

        // STOP_SESSION finds its CPO from the session the eMSP received
        String stop = "{\"response_url\": \"" + emsp2.endpointUrl("commands") + "/STOP_SESSION/stop-1\","
                + " \"session_id\": \"SES-U1\"}";
        Answer stopped = emsp2.call("POST", "commands", "RECEIVER", "STOP_SESSION", stop, Target.none());
        assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(1000);
        cpo2.awaitReceived("POST", "STOP_SESSION", WAIT);
        emsp2.awaitReceived("POST", "/STOP_SESSION/stop-1", WAIT);

        // a token update reaches the CPOs; a deleted tariff is deleted at the eMSPs
        emsp2.call("PUT", "tokens", "RECEIVER", "DE/RE2/TOK-U1", token("RE2", "TOK-U1"), Target.hub());
        Answer invalidated = emsp2.call("PATCH", "tokens", "RECEIVER", "DE/RE2/TOK-U1",
                "{\"valid\": false, \"last_updated\": \"2026-01-02T10:00:00Z\"}", Target.hub());
        assertThat(invalidated.statusCode()).as(invalidated.body()).isEqualTo(1000);
        assertThat(cpo2.awaitReceived("PATCH", "/DE/RE2/TOK-U1", WAIT).json().path("valid").asBoolean()).isFalse();
        cpo2.call("PUT", "tariffs", "RECEIVER", "NL/RC2/TAR-U1", tariff("RC2", "TAR-U1"), Target.hub());
        emsp2.awaitReceived("PUT", "/NL/RC2/TAR-U1", WAIT);
        Answer deleted = cpo2.call("DELETE", "tariffs", "RECEIVER", "NL/RC2/TAR-U1", null, Target.hub());
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(1000);
        emsp2.awaitReceived("DELETE", "/NL/RC2/TAR-U1", WAIT);
        assertThat(emsp2.call("GET", "tariffs", "SENDER", "", null, Target.hub()).data().findValuesAsText("id"))
                .doesNotContain("TAR-U1");
    }

    @Test
    void anOfflineEmspGetsEveryPushInOrderWhenItReturns() {
        cpo2.call("PUT", "locations", "RECEIVER", "NL/RC2/LOC-O1", location("RC2", "LOC-O1", "AVAILABLE"), Target.hub());
        emsp2.awaitReceived("PUT", "/NL/RC2/LOC-O1", WAIT);
        emsp2.online(false);
        List<String> sent = new ArrayList<>();
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String[] statuses = {"CHARGING", "AVAILABLE", "BLOCKED", "CHARGING", "AVAILABLE"};
        for (int i = 0; i < statuses.length; i++) {
            Answer patch = cpo2.call("PATCH", "locations", "RECEIVER", "NL/RC2/LOC-O1/EVSE-1",
                    "{\"status\": \"" + statuses[i] + "\", \"last_updated\": \"" + at.plusSeconds(i + 1) + "\"}",
                    Target.hub());
            assertThat(patch.statusCode()).as("the hub accepts while the receiver is down").isEqualTo(1000);
            sent.add(statuses[i]);
        }
        await("the hub retries the offline receiver").atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() ->
                emsp2.received().stream().anyMatch(r -> !r.online() && r.path().contains("LOC-O1/EVSE-1")));
        // the failed attempt is recorded just after the receiver answered it, so the count is awaited too
        await("the failed attempts are counted").atMost(WAIT).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            List<Map<String, Object>> receivers = gatewayAdmin().get("/admin/deliveries/receivers").then()
                    .statusCode(200).extract().path("$");
            assertThat(receivers).anySatisfy(r -> assertThat((Integer) r.get("consecutive_failures")).isPositive());
        });

        emsp2.online(true);
        await("every push arrives once the receiver is back").atMost(WAIT).pollInterval(Duration.ofMillis(300))
                .until(() -> emsp2.received("PATCH", "LOC-O1/EVSE-1").size() >= statuses.length);
        List<String> arrived = emsp2.received("PATCH", "LOC-O1/EVSE-1").stream()
                .map(r -> r.json().path("status").asText()).toList();
        assertThat(arrived).as("in the order the CPO sent them").containsExactlyElementsOf(sent);
    }

    @Test
    void routingHeadersAndBodiesAreChecked() {
        Answer spoofed = cpo1.call("PUT", "locations", "RECEIVER", "NL/RC2/LOC-X", location("RC2", "LOC-X", "AVAILABLE"),
                Target.hub(), Map.of("OCPI-from-party-id", "RC2"));
        assertThat(spoofed.http()).as("FROM names another platform's party").isEqualTo(403);
        assertThat(spoofed.json().path("status_message").asText()).contains("not a party of your platform");

        Answer foreignObject = cpo1.call("PUT", "locations", "RECEIVER", "NL/RC2/LOC-X",
                location("RC2", "LOC-X", "AVAILABLE"), Target.hub());
        assertThat(foreignObject.http()).as("URL owner is not the sender").isEqualTo(403);

        Answer unknownReceiver = cpo1.call("PUT", "locations", "RECEIVER", "NL/RC1/LOC-X",
                location("RC1", "LOC-X", "AVAILABLE"), Target.party("FR", "ZZZ"));
        assertThat(unknownReceiver.statusCode()).isEqualTo(4001);

        Answer malformed = cpo1.call("PUT", "locations", "RECEIVER", "NL/RC1/LOC-X", "{\"id\": ", Target.hub());
        assertThat(malformed.http()).isEqualTo(400);
        assertThat(malformed.statusCode()).isEqualTo(2001);

        Answer missing = cpo1.call("PUT", "locations", "RECEIVER", "NL/RC1/LOC-X",
                location("RC1", "LOC-X", "AVAILABLE").replace("\"city\": \"Utrecht\",", ""), Target.hub());
        assertThat(missing.statusCode()).isEqualTo(2001);
        assertThat(missing.json().path("status_message").asText()).contains("city");

        Answer badEnum = cpo1.call("PUT", "locations", "RECEIVER", "NL/RC1/LOC-X",
                location("RC1", "LOC-X", "SLEEPING"), Target.hub());
        assertThat(badEnum.statusCode()).isEqualTo(2001);
        assertThat(badEnum.json().path("status_message").asText()).contains("evses[0].status");

        Map<String, String> withoutFrom = new HashMap<>();
        withoutFrom.put("OCPI-from-country-code", null);
        withoutFrom.put("OCPI-from-party-id", null);
        Answer noFrom = cpo1.call("GET", "locations", "SENDER", "", null, Target.hub(), withoutFrom);
        assertThat(noFrom.statusCode()).isEqualTo(2001);
        assertThat(noFrom.json().path("status_message").asText()).contains("OCPI-from-country-code");
    }

    private static OcpiPartner connect(OcpiPartner partner) {
        return HubPartners.connect(hub, partner);
    }

    private static String agree(OcpiPartner cpo, OcpiPartner emsp) {
        return registryAdmin().body("""
                        {"cpo": {"country_code": "%s", "party_id": "%s"}, "emsp": {"country_code": "%s", "party_id": "%s"},
                         "valid_from": "%s", "hub_fee": {"percent": "2.5"}}"""
                        // in effect since before the sessions of the scenario (dated early 2026), which rating checks
                        .formatted(cpo.countryCode(), cpo.partyId(), emsp.countryCode(), emsp.partyId(),
                                "2025-01-01T00:00:00Z"))
                .post("/admin/agreements").then().statusCode(201).extract().path("id");
    }

    private static RequestSpecification registryAdmin() {
        return HubPartners.admin(hub, "party-registry");
    }

    private static RequestSpecification settlementAdmin() {
        return HubPartners.admin(hub, "settlement");
    }

    private static RequestSpecification ratingAdmin() {
        return HubPartners.admin(hub, "cdr-rating");
    }

    private static RequestSpecification gatewayAdmin() {
        return HubPartners.admin(hub, "ocpi-gateway");
    }

    private static String location(String partyId, String id, String evseStatus) {
        return """
                {"country_code": "NL", "party_id": "%s", "id": "%s", "publish": true,
                 "address": "Oudegracht 1", "city": "Utrecht", "postal_code": "3511", "country": "NLD",
                 "coordinates": {"latitude": "52.090737", "longitude": "5.121420"},
                 "evses": [{"uid": "EVSE-1", "evse_id": "NL*%s*E1", "status": "%s",
                   "connectors": [{"id": "1", "standard": "IEC_62196_T2", "format": "SOCKET", "power_type": "AC_3_PHASE",
                     "max_voltage": 230, "max_amperage": 32, "tariff_ids": ["TAR-B1"],
                     "last_updated": "2026-01-01T10:00:00Z"}],
                   "last_updated": "2026-01-01T10:00:00Z"}],
                 "time_zone": "Europe/Amsterdam", "last_updated": "2026-01-01T10:00:00Z"}"""
                .formatted(partyId, id, partyId, evseStatus);
    }

    private static String tariff(String partyId, String id) {
        return """
                {"country_code": "NL", "party_id": "%s", "id": "%s", "currency": "EUR",
                 "elements": [{"price_components": [{"type": "ENERGY", "price": 0.30, "vat": 21.0, "step_size": 1}]}],
                 "last_updated": "2026-01-01T10:00:00Z"}""".formatted(partyId, id);
    }

    private static String token(String partyId, String uid) {
        return """
                {"country_code": "DE", "party_id": "%s", "uid": "%s", "type": "RFID", "contract_id": "DE-%s-C%s",
                 "issuer": "eMSP %s", "valid": true, "whitelist": "ALLOWED", "last_updated": "2026-01-01T10:00:00Z"}"""
                .formatted(partyId, uid, partyId, uid.hashCode() & 0xffff, partyId);
    }

    private static String session(String id, String status, String emspPartyId) {
        return """
                {"country_code": "NL", "party_id": "RC1", "id": "%s", "start_date_time": "2026-01-01T10:00:00Z",
                 "kwh": 5.5, "cdr_token": {"country_code": "DE", "party_id": "%s", "uid": "TOK-ALLOWED", "type": "RFID",
                   "contract_id": "DE-%s-C1"},
                 "auth_method": "AUTH_REQUEST", "location_id": "LOC-B1", "evse_uid": "EVSE-1", "connector_id": "1",
                 "currency": "EUR", "status": "%s", "last_updated": "2026-01-01T10:30:00Z"}"""
                .formatted(id, emspPartyId, emspPartyId, status);
    }

    private static String cdr(String id, String sessionId, String emspPartyId) {
        return """
                {"country_code": "NL", "party_id": "RC1", "id": "%s", "start_date_time": "2026-01-01T10:00:00Z",
                 "end_date_time": "2026-01-01T11:00:00Z", "session_id": "%s",
                 "cdr_token": {"country_code": "DE", "party_id": "%s", "uid": "TOK-ALLOWED", "type": "RFID",
                   "contract_id": "DE-%s-C1"},
                 "auth_method": "AUTH_REQUEST",
                 "cdr_location": {"id": "LOC-B1", "address": "Oudegracht 1", "city": "Utrecht", "country": "NLD",
                   "coordinates": {"latitude": "52.090737", "longitude": "5.121420"}, "evse_uid": "EVSE-1",
                   "evse_id": "NL*RC1*E1", "connector_id": "1", "connector_standard": "IEC_62196_T2",
                   "connector_format": "SOCKET", "connector_power_type": "AC_3_PHASE"},
                 "currency": "EUR",
                 "charging_periods": [{"start_date_time": "2026-01-01T10:00:00Z",
                   "dimensions": [{"type": "ENERGY", "volume": 11.0}]}],
                 "total_cost": {"excl_vat": 3.30, "incl_vat": 3.99}, "total_energy": 11.0, "total_time": 1.0,
                 "last_updated": "2026-01-01T11:05:00Z"}""".formatted(id, sessionId, emspPartyId, emspPartyId);
    }
}
