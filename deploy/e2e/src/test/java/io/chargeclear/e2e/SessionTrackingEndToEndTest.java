package io.chargeclear.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chargeclear.testkit.KafkaTestClient;
import io.chargeclear.testkit.partner.Answer;
import io.chargeclear.testkit.partner.OcpiPartner;
import io.chargeclear.testkit.partner.Target;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Session tracking across the five real services: a CPO and an eMSP, each a real OCPI platform on a loopback port,
 * run a session through the hub (command, real-time authorization, session updates, CDR) and tracking shows its
 * timeline; a second session's CDR is withheld, session tracking is restarted, its clock is moved past the
 * agreement's CDR deadline, and exactly one breach comes out on Kafka.
 */
@ExtendWith(SharedHub.class)
class SessionTrackingEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RunningHub hub;
    private static OcpiPartner cpo;
    private static OcpiPartner emsp;
    private static String agreementId;

    @BeforeAll
    static void connectPartners(RunningHub running) {
        hub = running;
        cpo = connect(OcpiPartner.cpo("NL", "TC1", "tc1-token-b"));
        emsp = connect(OcpiPartner.emsp("DE", "TE1", "te1-token-b"));
        agreementId = registryAdmin().body("""
                        {"cpo": {"country_code": "NL", "party_id": "TC1"}, "emsp": {"country_code": "DE", "party_id": "TE1"},
                         "valid_from": "2025-01-01T00:00:00Z", "hub_fee": {"percent": "2.5"},
                         "sla": {"cdr_within_hours": 24, "authorization_answer_within_ms": 5000}}""")
                .post("/admin/agreements").then().statusCode(201).extract().path("id");
        await("the agreement reaches the gateway").atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() ->
                gatewayAdmin().get("/admin/routing/agreements").then().statusCode(200).extract()
                        .<List<String>>path("agreements.id").contains(agreementId));
        await("the agreement's SLA reaches session tracking").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> trackingAdmin().get("/admin/tracking/terms/NL/TC1/DE/TE1").asString(),
                        terms -> terms.contains(agreementId));
        cpo.call("PUT", "locations", "RECEIVER", "NL/TC1/LOC-T1", location(), Target.hub());
        emsp.awaitReceived("PUT", "/NL/TC1/LOC-T1", WAIT);
        emsp.call("PUT", "tokens", "RECEIVER", "DE/TE1/TOK-T1?type=RFID", token("TOK-T1"), Target.hub());
        emsp.call("PUT", "tokens", "RECEIVER", "DE/TE1/TOK-T2?type=RFID", token("TOK-T2"), Target.hub());
        cpo.awaitReceived("PUT", "/DE/TE1/TOK-T2", WAIT);
        emsp.authorizes("TOK-T1", "ALLOWED").authorizes("TOK-T2", "ALLOWED");
    }

    @AfterAll
    static void stopPartners() {
        for (OcpiPartner partner : new OcpiPartner[] {cpo, emsp}) {
            if (partner != null) {
                partner.close();
            }
        }
    }

    @Test
    void theTimelineShowsCommandAuthorizationSessionUpdatesAndCdrAndAWithheldCdrBreachesOnceAfterARestart()
            throws Exception {
        // 1. the eMSP starts a session remotely; the CPO authorizes the token in real time and uses the reference
        String start = """
                {"response_url": "%s", "token": %s, "location_id": "LOC-T1", "evse_uid": "EVSE-1"}"""
                .formatted(emsp.endpointUrl("commands") + "/START_SESSION/t1", token("TOK-T1"));
        Answer accepted = emsp.call("POST", "commands", "RECEIVER", "START_SESSION", start, Target.none());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(1000);
        emsp.awaitReceived("POST", "/START_SESSION/t1", WAIT);
        Answer authorized = cpo.call("POST", "tokens", "SENDER", "TOK-T1/authorize?type=RFID",
                "{\"location_id\": \"LOC-T1\"}", Target.none());
        assertThat(authorized.statusCode()).as(authorized.body()).isEqualTo(1000);
        String reference = authorized.data().path("authorization_reference").asText();

        pushSession("S-T1", "ACTIVE", "2.5", reference, "TOK-T1");
        pushSession("S-T1", "COMPLETED", "11", reference, "TOK-T1");
        Answer cdr = cpo.call("POST", "cdrs", "RECEIVER", "", cdr("CDR-T1", "S-T1", reference, "TOK-T1"),
                Target.none());
        assertThat(cdr.statusCode()).as(cdr.body()).isEqualTo(1000);

        JsonNode view = awaitSession("S-T1", v -> v.path("state").asText().equals("CDR_RECEIVED")
                && !v.path("command_id").isNull() && !v.path("authorization_id").isNull()
                && kinds(v).contains("session.updated") && kinds(v).contains("command.result"));
        List<String> kinds = kinds(view);
        assertThat(kinds).as(view.toString()).containsSubsequence("command.requested", "authorization.decided",
                "session.updated", "session.updated", "cdr.received");
        assertThat(view.path("breaches")).isEmpty();
        assertThat(view.path("cdr_ids").toString()).isEqualTo("[\"CDR-T1\"]");

        // 2. a second session ends, its CDR is withheld; tracking restarts, then 25 hours pass on its clock
        pushSession("S-T2", "ACTIVE", "1.0", null, "TOK-T2");
        pushSession("S-T2", "COMPLETED", "4.0", null, "TOK-T2");
        JsonNode awaiting = awaitSession("S-T2", v -> v.path("state").asText().equals("AWAITING_CDR"));
        JsonNode deadline = deadline(awaiting, "CDR_OVERDUE");
        assertThat(deadline.path("status").asText()).isEqualTo("PENDING");
        assertThat(deadline.path("basis").asText()).isEqualTo("24 h (agreement " + agreementId + ")");
        hub.restart("session-tracking");
        JsonNode restarted = awaitSession("S-T2", v -> true);
        assertThat(restarted.path("breaches")).as("a restart raises nothing").isEmpty();
        assertThat(deadline(restarted, "CDR_OVERDUE")).as("the deadline outlives the process").isEqualTo(deadline);

        advance("PT25H");
        JsonNode breached = awaitSession("S-T2", v -> v.path("breaches").size() == 1);
        JsonNode breach = breached.path("breaches").get(0);
        assertThat(breach.path("kind").asText()).isEqualTo("CDR_OVERDUE");
        assertThat(breach.path("detail").asText()).contains("24 h (agreement " + agreementId + ")");

        try (KafkaTestClient kafka = new KafkaTestClient(hub.kafkaBootstrap())) {
            ConsumerRecord<String, String> event = kafka.awaitRecord("tracking.sla-breach.v1",
                    r -> "NL*TC1*S-T2".equals(r.key()), WAIT);
            assertThat(KafkaTestClient.header(event, "ce_type")).isEqualTo("tracking.sla-breach.detected.v1");
            assertThat(JSON.readTree(event.value()).path("breach_id").asText())
                    .isEqualTo(breach.path("breach_id").asText());
        }
        advance("PT2H");
        assertThat(awaitSession("S-T2", v -> true).path("breaches")).as("raised once").hasSize(1);
        assertThat(recordsUpToNow("tracking.sla-breach.v1", r -> "NL*TC1*S-T2".equals(r.key())))
                .as("exactly one breach event for the session").hasSize(1);
        assertThat(recordsUpToNow("tracking.sla-breach.v1", r -> "NL*TC1*S-T1".equals(r.key())))
                .as("the session whose CDR came has none").isEmpty();
    }

    private static final Instant STARTED = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private static void pushSession(String id, String status, String kwh, String reference, String token) {
        String now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        Answer put = cpo.call("PUT", "sessions", "RECEIVER", "NL/TC1/" + id, """
                {"country_code": "NL", "party_id": "TC1", "id": "%s", "start_date_time": "%s", %s
                 "kwh": %s, "cdr_token": {"country_code": "DE", "party_id": "TE1", "uid": "%s", "type": "RFID",
                   "contract_id": "DE-TE1-C1"},
                 "auth_method": "AUTH_REQUEST", %s "location_id": "LOC-T1", "evse_uid": "EVSE-1", "connector_id": "1",
                 "currency": "EUR", "status": "%s", "last_updated": "%s"}"""
                // started just now, after the command and the authorization: what links them by the token
                .formatted(id, STARTED, status.equals("COMPLETED") ? "\"end_date_time\": \"" + now + "\"," : "", kwh,
                        token, reference == null ? "" : "\"authorization_reference\": \"" + reference + "\",", status,
                        now), Target.none());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(1000);
    }

    private static String cdr(String id, String sessionId, String reference, String token) {
        return """
                {"country_code": "NL", "party_id": "TC1", "id": "%s", "start_date_time": "2026-01-01T10:00:00Z",
                 "end_date_time": "2026-01-01T11:00:00Z", "session_id": "%s", "authorization_reference": "%s",
                 "cdr_token": {"country_code": "DE", "party_id": "TE1", "uid": "%s", "type": "RFID",
                   "contract_id": "DE-TE1-C1"},
                 "auth_method": "AUTH_REQUEST",
                 "cdr_location": {"id": "LOC-T1", "address": "Oudegracht 1", "city": "Utrecht", "country": "NLD",
                   "coordinates": {"latitude": "52.090737", "longitude": "5.121420"}, "evse_uid": "EVSE-1",
                   "evse_id": "NL*TC1*E1", "connector_id": "1", "connector_standard": "IEC_62196_T2",
                   "connector_format": "SOCKET", "connector_power_type": "AC_3_PHASE"},
                 "currency": "EUR",
                 "charging_periods": [{"start_date_time": "2026-01-01T10:00:00Z",
                   "dimensions": [{"type": "ENERGY", "volume": 11.0}]}],
                 "total_cost": {"excl_vat": 3.30, "incl_vat": 3.99}, "total_energy": 11.0, "total_time": 1.0,
                 "last_updated": "%s"}""".formatted(id, sessionId, reference, token,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    private static JsonNode awaitSession(String sessionId, Predicate<JsonNode> condition) {
        return await(sessionId).atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
            var response = trackingAdmin().get("/admin/tracking/sessions/NL/TC1/" + sessionId);
            return response.statusCode() == 200 ? JSON.readTree(response.asString()) : null;
        }, view -> view != null && condition.test(view));
    }

    private static void advance(String by) {
        trackingAdmin().contentType(ContentType.JSON).body("{\"advance\": \"" + by + "\"}")
                .post("/admin/tracking/clock").then().statusCode(200);
    }

    private static JsonNode deadline(JsonNode view, String kind) {
        for (JsonNode deadline : view.path("deadlines")) {
            if (deadline.path("kind").asText().equals(kind)) {
                return deadline;
            }
        }
        throw new AssertionError("no " + kind + " deadline in " + view);
    }

    private static List<String> kinds(JsonNode view) {
        List<String> kinds = new ArrayList<>();
        view.path("timeline").forEach(e -> kinds.add(e.path("kind").asText()));
        return kinds;
    }

    /** Every record of the topic up to its current end that matches. */
    private static List<ConsumerRecord<String, String>> recordsUpToNow(String topic,
                                                                       Predicate<ConsumerRecord<String, String>> match) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, hub.kafkaBootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (match.test(r)) {
                        found.add(r);
                    }
                });
            }
        }
        return found;
    }

    private static OcpiPartner connect(OcpiPartner partner) {
        return HubPartners.connect(hub, partner);
    }

    private static String location() {
        return """
                {"country_code": "NL", "party_id": "TC1", "id": "LOC-T1", "publish": true,
                 "address": "Oudegracht 1", "city": "Utrecht", "postal_code": "3511", "country": "NLD",
                 "coordinates": {"latitude": "52.090737", "longitude": "5.121420"},
                 "evses": [{"uid": "EVSE-1", "evse_id": "NL*TC1*E1", "status": "AVAILABLE",
                   "connectors": [{"id": "1", "standard": "IEC_62196_T2", "format": "SOCKET", "power_type": "AC_3_PHASE",
                     "max_voltage": 230, "max_amperage": 32, "last_updated": "2026-01-01T10:00:00Z"}],
                   "last_updated": "2026-01-01T10:00:00Z"}],
                 "time_zone": "Europe/Amsterdam", "last_updated": "2026-01-01T10:00:00Z"}""";
    }

    private static String token(String uid) {
        return """
                {"country_code": "DE", "party_id": "TE1", "uid": "%s", "type": "RFID", "contract_id": "DE-TE1-C1",
                 "issuer": "eMSP TE1", "valid": true, "whitelist": "ALLOWED", "last_updated": "2026-01-01T10:00:00Z"}"""
                .formatted(uid);
    }

    private static RequestSpecification registryAdmin() {
        return HubPartners.admin(hub, "party-registry");
    }

    private static RequestSpecification gatewayAdmin() {
        return HubPartners.admin(hub, "ocpi-gateway");
    }

    private static RequestSpecification trackingAdmin() {
        return HubPartners.admin(hub, "session-tracking");
    }
}
