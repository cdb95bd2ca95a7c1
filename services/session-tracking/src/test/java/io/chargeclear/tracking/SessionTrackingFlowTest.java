package io.chargeclear.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import io.chargeclear.model.ocpi.OcpiJson;
import io.chargeclear.model.ocpi.TokenHeader;
import io.chargeclear.testkit.KafkaTestClient;
import io.chargeclear.testkit.LocalInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Session tracking over real Kafka and PostgreSQL: the gateway's and the registry's events go in (commands,
 * authorizations, sessions, CDRs, agreements), lifecycle changes and SLA breaches come out of the outbox on
 * tracking.session.v1 / tracking.sla-breach.v1, and the operator API shows each session's timeline. SLA deadlines
 * are passed by moving the service's clock forward ({@code POST /admin/tracking/clock}), never by waiting. Each
 * test uses its own parties; the clock is shared, so each test reasons from "now" only.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, scope = TestResourceScope.GLOBAL)
class SessionTrackingFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final AtomicInteger NEXT = new AtomicInteger(ThreadLocalRandom.current().nextInt(26 * 26));
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private KafkaTestClient kafka;
    private String cpo;
    private String emsp;

    @BeforeEach
    void parties() {
        kafka = new KafkaTestClient(LocalInfraResource.kafkaBootstrap());
        String letters = letters();
        cpo = "C" + letters;
        emsp = "M" + letters;
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void aSessionIsFollowedFromItsCommandThroughItsAuthorizationAndUpdatesToItsCdr() {
        agreement(48);
        inOrder("S-1", "REF-1", "TOK-1");

        JsonNode view = awaitSession("S-1", SessionTrackingFlowTest::complete);
        assertThat(kinds(view)).as("by the time each fact carries: the CPO sent its final update after the CDR")
                .containsExactly("command.requested", "authorization.decided", "command.result", "session.updated",
                        "session.updated", "cdr.received", "session.updated");
        assertThat(view.path("command_id").asText()).isEqualTo("CMD-S-1");
        assertThat(view.path("authorization_id").asText()).isEqualTo("AUTH-S-1");
        assertThat(view.path("cdr_ids").toString()).isEqualTo("[\"CDR-S-1\"]");
        assertThat(view.path("breaches")).isEmpty();
        assertThat(view.path("session").path("emsp").asText()).isEqualTo("DE*" + emsp);
        List<String> states = new ArrayList<>();
        view.path("transitions").forEach(t -> states.add(t.path("to").asText()));
        assertThat(states).as("every transition is kept").endsWith("CDR_RECEIVED").doesNotHaveDuplicates();

        ConsumerRecord<String, String> changed = kafka.awaitRecord("tracking.session.v1",
                r -> key("S-1").equals(r.key()) && r.value().contains("\"state\":\"CDR_RECEIVED\""), WAIT);
        assertThat(KafkaTestClient.header(changed, "ce_type")).isEqualTo("tracking.session.changed.v1");
        JsonNode payload = json(changed.value());
        assertThat(payload.path("cdr_ids").toString()).isEqualTo("[\"CDR-S-1\"]");
        assertThat(payload.path("emsp").path("party_id").asText()).isEqualTo(emsp);

        // the list: by party (CPO or eMSP), by state, by period
        assertThat(sessionIds(admin().queryParam("country_code", "DE").queryParam("party_id", emsp)
                .get("/admin/tracking/sessions"))).containsExactly("S-1");
        assertThat(sessionIds(admin().queryParam("country_code", "NL").queryParam("party_id", cpo)
                .queryParam("status", "CDR_RECEIVED").get("/admin/tracking/sessions"))).containsExactly("S-1");
        assertThat(sessionIds(admin().queryParam("country_code", "NL").queryParam("party_id", cpo)
                .queryParam("status", "ACTIVE").get("/admin/tracking/sessions"))).isEmpty();
        assertThat(sessionIds(admin().queryParam("country_code", "NL").queryParam("party_id", cpo)
                .queryParam("from", T0.plusSeconds(1).toString()).get("/admin/tracking/sessions"))).isEmpty();
        assertThat(sessionIds(admin().queryParam("country_code", "NL").queryParam("party_id", cpo)
                .queryParam("from", T0.toString()).queryParam("to", T0.plusSeconds(1).toString())
                .get("/admin/tracking/sessions"))).containsExactly("S-1");
    }

    @Test
    void eventsOutOfOrderAndTwiceEndInTheSameStateAndTimelineAsInOrder() {
        agreement(48);
        inOrder("S-A", "REF-A", "TOK-A");

        // S-B: the same story, last fact first, with one event delivered twice and one update re-sent
        String cdrEvent = cdr("CDR-S-B", "S-B", "11", "3.30", null, "REF-B", "TOK-B");
        produce("ocpi.cdr.v1", key("CDR-S-B"), "ocpi.cdr.received.v1", cdrEvent, "cdr-b-once");
        produce("ocpi.cdr.v1", key("CDR-S-B"), "ocpi.cdr.received.v1", cdrEvent, "cdr-b-once");
        produce("ocpi.session.v1", key("S-B"), "ocpi.session.changed.v1",
                session("S-B", "COMPLETED", T0.plusSeconds(5400), "11", "3.30", "REF-B", "TOK-B"), null);
        produce("ocpi.session.v1", key("S-B"), "ocpi.session.changed.v1",
                session("S-B", "COMPLETED", T0.plusSeconds(5400), "11", "3.30", "REF-B", "TOK-B"), null);
        produce("ocpi.session.v1", key("S-B"), "ocpi.session.changed.v1",
                session("S-B", "ACTIVE", T0.plusSeconds(900), "2.5", null, "REF-B", "TOK-B"), null);
        produce("ocpi.session.v1", key("S-B"), "ocpi.session.changed.v1",
                session("S-B", "PENDING", T0, "0", null, "REF-B", "TOK-B"), null);
        produce("ocpi.authorization.v1", "AUTH-S-B", "ocpi.authorization.decided.v1", authorization("S-B", "REF-B", "TOK-B"),
                null);
        produce("ocpi.command.v1", "CMD-S-B", "ocpi.command.result-received.v1", commandResult("S-B"), null);
        produce("ocpi.command.v1", "CMD-S-B", "ocpi.command.requested.v1", command("S-B", "REF-B", "TOK-B", 30), null);

        JsonNode a = awaitSession("S-A", SessionTrackingFlowTest::complete);
        JsonNode b = awaitSession("S-B", SessionTrackingFlowTest::complete);
        assertThat(b.path("state").asText()).isEqualTo(a.path("state").asText()).isEqualTo("CDR_RECEIVED");
        assertThat(b.path("ocpi_status").asText()).isEqualTo(a.path("ocpi_status").asText()).isEqualTo("COMPLETED");
        assertThat(facts(b)).isEqualTo(facts(a));
        assertThat(b.path("session").path("kwh").asText()).isEqualTo(a.path("session").path("kwh").asText())
                .isEqualTo("11");
        assertThat(b.path("breaches")).as("the late updates agree with the CDR").isEmpty();
        assertThat(a.path("breaches")).isEmpty();
        assertThat(b.path("cdr_ids").toString()).isEqualTo("[\"CDR-S-B\"]");
    }

    @Test
    void aWithheldCdrIsReportedOnceWhenTheAgreementsDeadlineHasPassed() {
        agreement(2);
        produce("ocpi.session.v1", key("S-W"), "ocpi.session.changed.v1",
                session("S-W", "ACTIVE", T0, "2", null, "REF-W", "TOK-W"), null);
        produce("ocpi.session.v1", key("S-W"), "ocpi.session.changed.v1",
                session("S-W", "COMPLETED", T0.plusSeconds(3600), "11", "3.30", "REF-W", "TOK-W"), null);
        JsonNode awaiting = awaitSession("S-W", v -> v.path("state").asText().equals("AWAITING_CDR"));
        assertThat(deadlines(awaiting)).as("the CDR clock runs; the stuck watch ended with the session")
                .containsEntry("CDR_OVERDUE", "PENDING").containsEntry("SESSION_STUCK", "CANCELLED");

        advance("PT1H50M");
        assertThat(awaitSession("S-W", v -> true).path("breaches")).as("not yet due").isEmpty();
        advance("PT15M");
        JsonNode view = awaitSession("S-W", v -> v.path("breaches").size() == 1);
        JsonNode breach = view.path("breaches").get(0);
        assertThat(breach.path("kind").asText()).isEqualTo("CDR_OVERDUE");
        assertThat(breach.path("detail").asText()).contains("2 h (agreement ");
        assertThat(breach.path("session").asText()).isEqualTo(key("S-W"));
        assertThat(breach.path("emsp").asText()).isEqualTo("DE*" + emsp);

        advance("PT3H");
        produce("ocpi.cdr.v1", key("CDR-S-W"), "ocpi.cdr.received.v1",
                cdr("CDR-S-W", "S-W", "11", "3.30", null, "REF-W", "TOK-W"), null);
        view = awaitSession("S-W", v -> v.path("state").asText().equals("CDR_RECEIVED"));
        assertThat(view.path("breaches")).as("raised once, and the late CDR does not take it back").hasSize(1);
        assertThat(deadlines(view)).containsEntry("CDR_OVERDUE", "FIRED");
        assertThat(admin().queryParam("since", breach.path("detected_at").asText()).queryParam("kind", "CDR_OVERDUE")
                .get("/admin/tracking/breaches").jsonPath().getList("session")).containsOnlyOnce(key("S-W"));

        ConsumerRecord<String, String> event = kafka.awaitRecord("tracking.sla-breach.v1",
                r -> key("S-W").equals(r.key()), WAIT);
        assertThat(KafkaTestClient.header(event, "ce_type")).isEqualTo("tracking.sla-breach.detected.v1");
        JsonNode payload = json(event.value());
        assertThat(payload.path("kind").asText()).isEqualTo("CDR_OVERDUE");
        assertThat(payload.path("breach_id").asText()).isEqualTo(breach.path("breach_id").asText());
        assertThat(Instant.parse(payload.path("due_at").asText()))
                .isEqualTo(Instant.parse(breach.path("due_at").asText()));
    }

    @Test
    void theClockGoesBackAsFarAsItWentForwardAndWhatFiredStaysFired() {
        agreement(2);
        produce("ocpi.session.v1", key("S-R"), "ocpi.session.changed.v1",
                session("S-R", "COMPLETED", T0.plusSeconds(3600), "11", "3.30", "REF-R", "TOK-R"), null);
        awaitSession("S-R", v -> v.path("state").asText().equals("AWAITING_CDR"));
        Duration before = offset();

        advance("PT2H5M");
        awaitSession("S-R", v -> v.path("breaches").size() == 1);
        Response back = admin().contentType(ContentType.JSON).body("{\"back\": \"PT2H5M\"}")
                .post("/admin/tracking/clock");
        assertThat(back.statusCode()).as(back.asString()).isEqualTo(200);
        assertThat(Duration.parse(back.jsonPath().getString("offset"))).isEqualTo(before);
        assertThat(Duration.between(Instant.now(), Instant.parse(back.jsonPath().getString("now"))))
                .as("as far ahead of the system time as before the move")
                .isBetween(before.minusMinutes(1), before.plusMinutes(1));
        assertThat(offset()).isEqualTo(before);

        assertError(admin().contentType(ContentType.JSON)
                .body("{\"back\": \"" + before.plusHours(1) + "\"}").post("/admin/tracking/clock"), 400,
                "never behind the system time");
        assertThat(offset()).as("a refused move moves nothing").isEqualTo(before);

        advance("PT2H5M");
        JsonNode view = awaitSession("S-R", v -> true);
        assertThat(view.path("breaches")).as("the breach stays raised, and passing its due time again raises"
                + " nothing new").hasSize(1);
        assertThat(deadlines(view)).containsEntry("CDR_OVERDUE", "FIRED");
        assertThat(admin().queryParam("kind", "CDR_OVERDUE").get("/admin/tracking/breaches").jsonPath()
                .getList("session")).containsOnlyOnce(key("S-R"));
    }

    @Test
    void aSilentActiveSessionAndACommandWithoutResultAreEachReportedOnce() {
        produce("ocpi.session.v1", key("S-Q"), "ocpi.session.changed.v1",
                session("S-Q", "ACTIVE", T0, "2", null, "REF-Q", "TOK-Q"), null);
        produce("ocpi.command.v1", "CMD-S-X", "ocpi.command.requested.v1", command("S-X", "REF-X", "TOK-X", 30), null);
        awaitSession("S-Q", v -> v.path("state").asText().equals("ACTIVE"));
        JsonNode pending = awaitCommand("CMD-S-X");
        assertThat(pending.path("result").isNull()).isTrue();
        assertThat(pending.path("session_id").isNull()).isTrue();

        advance("PT1M");
        JsonNode command = awaitBreach(b -> "CMD-S-X".equals(b.path("command_id").asText()));
        assertThat(command.path("kind").asText()).isEqualTo("COMMAND_RESULT_MISSING");
        assertThat(command.path("session").isNull()).as("the command led to no session").isTrue();
        kafka.awaitRecord("tracking.sla-breach.v1", r -> "CMD-S-X".equals(r.key()), WAIT);

        advance("PT6H");
        JsonNode view = awaitSession("S-Q", v -> v.path("state").asText().equals("STALE"));
        assertThat(view.path("breaches")).hasSize(1);
        assertThat(view.path("breaches").get(0).path("kind").asText()).isEqualTo("SESSION_STUCK");

        // the CPO speaks again: ACTIVE once more, and the same silence is not reported twice
        produce("ocpi.session.v1", key("S-Q"), "ocpi.session.changed.v1",
                session("S-Q", "ACTIVE", T0.plusSeconds(600), "4", null, "REF-Q", "TOK-Q"), null);
        awaitSession("S-Q", v -> v.path("state").asText().equals("ACTIVE"));
        advance("PT7H");
        assertThat(awaitSession("S-Q", v -> true).path("breaches")).hasSize(1);
        assertThat(admin().queryParam("kind", "COMMAND_RESULT_MISSING").get("/admin/tracking/breaches")
                .jsonPath().getList("command_id")).containsOnlyOnce("CMD-S-X");
    }

    @Test
    void aSecondCdrAndACdrDisagreeingWithTheSessionAreReportedOnArrival() {
        produce("ocpi.session.v1", key("S-D"), "ocpi.session.changed.v1",
                session("S-D", "COMPLETED", T0.plusSeconds(3600), "11", "3.30", "REF-D", "TOK-D"), null);
        produce("ocpi.cdr.v1", key("CDR-D1"), "ocpi.cdr.received.v1",
                cdr("CDR-D1", "S-D", "12.5", "3.75", null, "REF-D", "TOK-D"), null);
        JsonNode view = awaitSession("S-D", v -> v.path("breaches").size() == 1);
        JsonNode mismatch = view.path("breaches").get(0);
        assertThat(mismatch.path("kind").asText()).isEqualTo("CDR_TOTALS_MISMATCH");
        assertThat(mismatch.path("cdr_id").asText()).isEqualTo("CDR-D1");
        assertThat(mismatch.path("detail").asText()).contains("12.5 kWh", "3.75");

        // a credit CDR and its replacement are a correction, not a duplicate
        produce("ocpi.cdr.v1", key("CDR-D1-C"), "ocpi.cdr.received.v1",
                cdr("CDR-D1-C", "S-D", "-12.5", "-3.75", "CDR-D1", "REF-D", "TOK-D"), null);
        awaitSession("S-D", v -> v.path("cdr_ids").size() == 2);
        produce("ocpi.cdr.v1", key("CDR-D2"), "ocpi.cdr.received.v1",
                cdr("CDR-D2", "S-D", "11", "3.30", null, "REF-D", "TOK-D"), null);
        awaitSession("S-D", v -> v.path("cdr_ids").size() == 3);
        produce("ocpi.cdr.v1", key("CDR-D3"), "ocpi.cdr.received.v1",
                cdr("CDR-D3", "S-D", "11", "3.30", null, "REF-D", "TOK-D"), null);
        view = awaitSession("S-D", v -> v.path("breaches").size() == 2);
        JsonNode duplicate = view.path("breaches").get(1);
        assertThat(duplicate.path("kind").asText()).isEqualTo("DUPLICATE_CDR");
        assertThat(duplicate.path("cdr_id").asText()).isEqualTo("CDR-D3");
        assertThat(duplicate.path("detail").asText()).contains("CDR-D2, CDR-D3").doesNotContain("CDR-D1,");
        kafka.awaitRecords("tracking.sla-breach.v1", r -> key("S-D").equals(r.key()), 2, WAIT);
    }

    @Test
    void ocpi230SessionsAndCdrsAreComparedByTheirTotalBeforeTaxes() {
        produce("ocpi.session.v1", key("S-V23"), "ocpi.session.changed.v1", ocpi230(
                session("S-V23", "COMPLETED", T0.plusSeconds(3600), "11", "3.30", "REF-V23", "TOK-V23")), null);
        produce("ocpi.cdr.v1", key("CDR-V23"), "ocpi.cdr.received.v1",
                ocpi230(cdr("CDR-V23", "S-V23", "11", "3.75", null, "REF-V23", "TOK-V23")), null);
        JsonNode view = awaitSession("S-V23", v -> v.path("breaches").size() == 1);
        assertThat(view.path("breaches").get(0).path("kind").asText()).isEqualTo("CDR_TOTALS_MISMATCH");
        assertThat(view.path("breaches").get(0).path("detail").asText()).contains("3.75");
    }

    /** The same event with its Prices in the OCPI 2.3.0 shape (before_taxes and a tax line). */
    private static String ocpi230(String event) {
        return event.replaceAll("\\{\"excl_vat\": ([0-9.]+)\\}",
                "{\"before_taxes\": $1, \"taxes\": [{\"name\": \"GST\", \"amount\": 0.10}]}")
                .replace("\"received_at\"", "\"ocpi_version\": \"2.3.0\", \"received_at\"");
    }

    @Test
    void anEmspAnsweringAnAuthorizationSlowerThanItsAgreementAllowsIsReported() {
        agreement(48);
        // one key for both, so the fast one is consumed before the slow one
        produce("ocpi.authorization.v1", "AUTH-L-" + cpo, "ocpi.authorization.decided.v1",
                authorization("S-F", "REF-F", "TOK-F", 4999), null);
        produce("ocpi.authorization.v1", "AUTH-L-" + cpo, "ocpi.authorization.decided.v1",
                authorization("S-L", "REF-L", "TOK-L", 7000), null);
        JsonNode slow = awaitBreach(b -> "AUTH-S-L".equals(b.path("authorization_id").asText())
                && b.path("cpo").asText().equals("NL*" + cpo));
        assertThat(slow.path("kind").asText()).isEqualTo("AUTHORIZATION_SLOW");
        assertThat(slow.path("session").isNull()).isTrue();
        assertThat(slow.path("detail").asText()).contains("7000 ms", "allows 5000 ms", "agreement ");
        assertThat(admin().queryParam("country_code", "NL").queryParam("party_id", cpo)
                .queryParam("kind", "AUTHORIZATION_SLOW").get("/admin/tracking/breaches").jsonPath()
                .getList("authorization_id")).as("within the limit is no breach").containsExactly("AUTH-S-L");
        ConsumerRecord<String, String> event = kafka.awaitRecord("tracking.sla-breach.v1",
                r -> "AUTH-S-L".equals(r.key()) && r.value().contains("NL\",\"party_id\":\"" + cpo), WAIT);
        assertThat(json(event.value()).path("authorization_id").asText()).isEqualTo("AUTH-S-L");
    }

    @Test
    void aCommandIsNotLinkedByItsTokenToASessionOfThatCardOnAnotherDay() {
        produce("ocpi.session.v1", key("S-OLD"), "ocpi.session.changed.v1",
                session("S-OLD", "COMPLETED", T0.plusSeconds(3600), "11", "3.30", "REF-OLD", "TOK-D"), null);
        awaitSession("S-OLD", view -> view.path("state").asText().equals("AWAITING_CDR"));

        // the next day the driver starts a session from the app with the same card; no reference in the command
        String tomorrow = command("S-NEW", "REF-X", "TOK-D", 30)
                .replace("\"authorization_reference\": \"REF-X\"", "\"authorization_reference\": null")
                .replace(T0.minusSeconds(180).toString(), T0.plus(1, java.time.temporal.ChronoUnit.DAYS).toString());
        produce("ocpi.command.v1", "CMD-S-NEW", "ocpi.command.requested.v1", tomorrow, null);

        JsonNode command = awaitCommand("CMD-S-NEW");
        assertThat(command.path("session_id").isNull()).as("yesterday's session is not this command's").isTrue();
        assertThat(awaitSession("S-OLD", view -> true).path("command_id").isNull()).isTrue();
    }

    @Test
    void anEmspPlatformFollowsOnlyItsOwnSessionsWithItsTokenC() {
        String tokenC = "token-c-" + UUID.randomUUID();
        String platform = "tracking-test-" + UUID.randomUUID();
        kafka.produce("hub.party.v1", platform, Map.of("ce_id", UUID.randomUUID().toString(), "ce_type",
                "hub.platform.connected.v1", "ce_source", "/chargeclear/party-registry", "ce_specversion", "1.0"), """
                {"platform_id": "%s", "name": "eMSP platform", "status": "ACTIVE", "revision": 1, "plain_tokens": false,
                 "parties": [{"country_code": "DE", "party_id": "%s", "role": "EMSP", "name": "Our eMSP"}],
                 "credentials": [{"token_hash": "%s", "kind": "C", "expires_at": null}],
                 "changed_at": "2026-11-24T10:00:00Z"}""".formatted(platform, emsp, TokenHeader.sha256(tokenC)));
        inOrder("P-1", "REF-P1", "TOK-P1");
        awaitSession("P-1", SessionTrackingFlowTest::complete);

        await("the platform's token known").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> asPlatform(tokenC).get("/party/tracking/sessions").statusCode() == 200);
        assertThat(sessionIds(asPlatform(tokenC).get("/party/tracking/sessions"))).containsExactly("P-1");
        asPlatform(tokenC).get("/party/tracking/sessions/NL/" + cpo + "/P-1").then().statusCode(200)
                .body("state", org.hamcrest.Matchers.equalTo("CDR_RECEIVED"));
        asPlatform(tokenC).get("/party/tracking/sessions/NL/" + cpo + "/S-NOT-OURS").then().statusCode(404);
        asPlatform(tokenC).get("/party/tracking/breaches").then().statusCode(200);
        given().get("/party/tracking/sessions").then().statusCode(401);
        given().header("Authorization", TokenHeader.encode("unknown")).get("/party/tracking/sessions").then()
                .statusCode(401);
        // a percent-encoded letter reaches the same resource with the same role: 401, not data and not a 500
        given().urlEncodingEnabled(false).get("/%70arty/tracking/sessions").then().statusCode(401)
                .body("status", org.hamcrest.Matchers.equalTo(401));
        given().urlEncodingEnabled(false).header("Authorization", TokenHeader.encode(tokenC))
                .get("/%61dmin/tracking/breaches").then().statusCode(403);
        given().header("Authorization", "Bearer chargeclear-dev-admin").get("/party/tracking/sessions").then()
                .statusCode(403);
    }

    private static RequestSpecification asPlatform(String tokenC) {
        return given().header("Authorization", TokenHeader.encode(tokenC));
    }

    @Test
    void aSessionWhoseLocationIdHoldsANulIsParkedAndTrackingGoesOn() {
        // PostgreSQL refuses NUL in text: the record cannot be applied, so it is parked and the partition moves on
        String poisoned = session("S-NUL", "ACTIVE", T0.plusSeconds(60), "1", null, "REF-NUL", "TOK-NUL")
                .replace("\"location_id\": \"LOC1\"", "\"location_id\": \"LOC\\u0000\"");
        assertThat(poisoned).contains("LOC\\u0000");
        produce("ocpi.session.v1", key("S-NUL"), "ocpi.session.changed.v1", poisoned, "nul");
        produce("ocpi.session.v1", key("S-NUL"), "ocpi.session.changed.v1",
                session("S-AFTER-NUL", "ACTIVE", T0.plusSeconds(60), "2", null, "REF-AN", "TOK-AN"), null);
        awaitSession("S-AFTER-NUL", v -> v.path("state").asText().equals("ACTIVE"));

        String eventId = "nul-" + cpo;
        Map<String, Object> letter = await("parked " + eventId).atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> admin().queryParam("consumer", "tracking-sessions").queryParam("status", "PARKED")
                        .get("/admin/dead-letters").then().statusCode(200).extract()
                        .<Map<String, Object>>path("find { it.event_id == '" + eventId + "' }"), found -> found != null);
        assertThat(letter.get("event_type")).isEqualTo("ocpi.session.changed.v1");
        assertThat(letter.get("key")).isEqualTo(key("S-NUL"));
        assertThat((String) letter.get("error_message")).contains("0x00");
        assertThat(admin().get("/admin/tracking/sessions/NL/" + cpo + "/S-NUL").statusCode()).isEqualTo(404);
    }

    @Test
    void badOperatorInputIsAJsonErrorNeverAServerError() {
        assertError(admin().get("/admin/tracking/sessions/NL/" + cpo + "/NOPE"), 404, "not found");
        assertError(admin().queryParam("status", "CHARGING").get("/admin/tracking/sessions"), 400, "status must be");
        assertError(admin().queryParam("from", "yesterday").get("/admin/tracking/sessions"), 400, "from must be");
        assertError(admin().queryParam("country_code", "NL").get("/admin/tracking/sessions"), 400, "go together");
        assertError(admin().queryParam("since", "2026-13-01").get("/admin/tracking/breaches"), 400, "since must be");
        assertError(admin().queryParam("kind", "LATE").get("/admin/tracking/breaches"), 400, "kind must be");
        assertError(admin().contentType(ContentType.JSON).body("{\"advance\": \"soon\"}")
                .post("/admin/tracking/clock"), 400, "ISO-8601 duration");
        assertError(admin().contentType(ContentType.JSON).body("{\"advance\": \"-PT1H\"}")
                .post("/admin/tracking/clock"), 400, "advance must not be negative");
        assertError(admin().contentType(ContentType.JSON).body("{\"back\": \"-PT1H\"}")
                .post("/admin/tracking/clock"), 400, "back must not be negative");
        assertError(admin().contentType(ContentType.JSON).body("{\"back\": \"an hour\"}")
                .post("/admin/tracking/clock"), 400, "back must be an ISO-8601 duration");
        assertError(admin().contentType(ContentType.JSON).body("{\"advance\": \"PT1H\", \"back\": \"PT1H\"}")
                .post("/admin/tracking/clock"), 400, "not both");
        assertError(admin().contentType(ContentType.JSON).body("{}").post("/admin/tracking/clock"), 400, "required");
        assertError(admin().contentType(ContentType.JSON).body("{\"advance\": ").post("/admin/tracking/clock"), 400,
                "unreadable JSON");
        assertError(admin().get("/admin/tracking/terms/NL/" + cpo + "/DE/TOOLONG"), 400, "go together");
        assertThat(admin().get("/admin/tracking/terms/NL/" + cpo + "/DE/" + emsp).jsonPath().getString("source"))
                .as("a pair without an agreement").doesNotContain("agreement ");
        assertThat(given().get("/admin/tracking/breaches").statusCode()).isEqualTo(401);
    }

    // --- the story of one session, in order -------------------------------------------------------------------

    private void inOrder(String sessionId, String reference, String token) {
        produce("ocpi.command.v1", "CMD-" + sessionId, "ocpi.command.requested.v1",
                command(sessionId, reference, token, 30), null);
        produce("ocpi.authorization.v1", "AUTH-" + sessionId, "ocpi.authorization.decided.v1",
                authorization(sessionId, reference, token), null);
        produce("ocpi.command.v1", "CMD-" + sessionId, "ocpi.command.result-received.v1", commandResult(sessionId), null);
        produce("ocpi.session.v1", key(sessionId), "ocpi.session.changed.v1",
                session(sessionId, "PENDING", T0, "0", null, reference, token), null);
        produce("ocpi.session.v1", key(sessionId), "ocpi.session.changed.v1",
                session(sessionId, "ACTIVE", T0.plusSeconds(900), "2.5", null, reference, token), null);
        produce("ocpi.cdr.v1", key("CDR-" + sessionId), "ocpi.cdr.received.v1",
                cdr("CDR-" + sessionId, sessionId, "11", "3.30", null, reference, token), null);
        produce("ocpi.session.v1", key(sessionId), "ocpi.session.changed.v1",
                session(sessionId, "COMPLETED", T0.plusSeconds(5400), "11", "3.30", reference, token), null);
    }

    // --- events -----------------------------------------------------------------------------------------------

    /** Publishes an agreement of the test's pair and waits until tracking applies its CDR deadline. */
    private void agreement(int cdrWithinHours) {
        String id = UUID.randomUUID().toString();
        produce("hub.agreement.v1", id, "hub.agreement.created.v1", """
                {"agreement_id": "%s", "status": "ACTIVE", "revision": 1,
                 "cpo": {"country_code": "NL", "party_id": "%s"}, "emsp": {"country_code": "DE", "party_id": "%s"},
                 "valid_from": "2025-01-01T00:00:00Z", "valid_until": null, "modules": ["cdrs", "sessions"],
                 "hub_fee": {"percent": "0", "per_session": null},
                 "sla": {"cdr_within_hours": %d, "authorization_answer_within_ms": 5000},
                 "dispute_window_days": 30, "ended_at": null, "changed_at": "2026-01-01T00:00:00Z"}"""
                .formatted(id, cpo, emsp, cdrWithinHours), null);
        await("agreement " + id).atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> admin()
                .get("/admin/tracking/terms/NL/" + cpo + "/DE/" + emsp).asString(), terms -> terms.contains(id));
    }

    private String command(String sessionId, String reference, String token, int timeout) {
        return """
                {"command_id": "CMD-%s", "module": "commands", "command": "START_SESSION",
                 "emsp": {"country_code": "DE", "party_id": "%s"}, "cpo": {"country_code": "NL", "party_id": "%s"},
                 "request": {"response_url": "https://msp.example/cmd/%s", "token": {"country_code": "DE",
                   "party_id": "%s", "uid": "%s", "type": "APP_USER", "contract_id": "C1", "issuer": "M",
                   "valid": true, "whitelist": "ALLOWED", "last_updated": "2026-01-01T00:00:00Z"},
                   "location_id": "LOC1", "evse_uid": "E1", "authorization_reference": "%s"},
                 "response": {"result": "ACCEPTED", "timeout": %d}, "result": null, "hub_status": 1000,
                 "occurred_at": "%s"}""".formatted(sessionId, emsp, cpo, sessionId, emsp, token, reference, timeout,
                T0.minusSeconds(180));
    }

    private String commandResult(String sessionId) {
        return """
                {"command_id": "CMD-%s", "module": "commands", "command": "START_SESSION",
                 "emsp": {"country_code": "DE", "party_id": "%s"}, "cpo": {"country_code": "NL", "party_id": "%s"},
                 "request": null, "response": null, "result": {"result": "ACCEPTED"}, "hub_status": 1000,
                 "occurred_at": "%s"}""".formatted(sessionId, emsp, cpo, T0.minusSeconds(60));
    }

    private String authorization(String sessionId, String reference, String token) {
        return authorization(sessionId, reference, token, 120);
    }

    private String authorization(String sessionId, String reference, String token, long latencyMs) {
        return """
                {"authorization_id": "AUTH-%s", "cpo": {"country_code": "NL", "party_id": "%s"},
                 "emsp": {"country_code": "DE", "party_id": "%s"}, "token_uid": "%s", "token_type": "APP_USER",
                 "location_id": "LOC1", "allowed": "ALLOWED", "authorization_reference": "%s", "ocpi_status": 1000,
                 "latency_ms": %d, "answer": null, "decided_at": "%s"}"""
                .formatted(sessionId, cpo, emsp, token, reference, latencyMs, T0.minusSeconds(120));
    }

    private String session(String id, String status, Instant lastUpdated, String kwh, String cost, String reference,
                           String token) {
        String total = cost == null ? "" : "\"total_cost\": {\"excl_vat\": " + cost + "},";
        String end = status.equals("COMPLETED") ? "\"end_date_time\": \"" + lastUpdated + "\"," : "";
        return objectEvent("sessions", id, """
                {"country_code": "NL", "party_id": "%s", "id": "%s", "start_date_time": "%s", %s
                 "kwh": %s, "cdr_token": {"country_code": "DE", "party_id": "%s", "uid": "%s", "type": "APP_USER",
                   "contract_id": "C1"},
                 "auth_method": "COMMAND", "authorization_reference": "%s", "location_id": "LOC1", "evse_uid": "E1",
                 "connector_id": "1", "currency": "EUR", %s "status": "%s", "last_updated": "%s"}"""
                .formatted(cpo, id, T0, end, kwh, emsp, token, reference, total, status, lastUpdated), lastUpdated,
                "PUT");
    }

    private String cdr(String id, String sessionId, String energy, String cost, String creditReference,
                       String reference, String token) {
        String credit = creditReference == null ? "" : "\"credit\": true, \"credit_reference_id\": \"" + creditReference
                + "\",";
        Instant lastUpdated = T0.plusSeconds(5000);
        return objectEvent("cdrs", id, """
                {"country_code": "NL", "party_id": "%s", "id": "%s", "start_date_time": "%s",
                 "end_date_time": "%s", "session_id": "%s", "authorization_reference": "%s",
                 "cdr_token": {"country_code": "DE", "party_id": "%s", "uid": "%s", "type": "APP_USER", "contract_id": "C1"},
                 "auth_method": "COMMAND",
                 "cdr_location": {"id": "LOC1", "address": "Straat 1", "city": "Utrecht", "country": "NLD",
                   "coordinates": {"latitude": "52.090737", "longitude": "5.121420"}, "evse_uid": "E1",
                   "evse_id": "NL*X*E1", "connector_id": "1", "connector_standard": "IEC_62196_T2",
                   "connector_format": "SOCKET", "connector_power_type": "AC_3_PHASE"},
                 "currency": "EUR", %s
                 "charging_periods": [{"start_date_time": "%s", "dimensions": [{"type": "ENERGY", "volume": %s}]}],
                 "total_cost": {"excl_vat": %s}, "total_energy": %s, "total_time": 1.5,
                 "last_updated": "%s"}""".formatted(cpo, id, T0, T0.plusSeconds(5400), sessionId, reference, emsp,
                token, credit, T0, energy, cost, energy, lastUpdated), lastUpdated, "POST");
    }

    private String objectEvent(String module, String id, String object, Instant lastUpdated, String operation) {
        return """
                {"module": "%s", "owner": {"country_code": "NL", "party_id": "%s"}, "object_id": "%s",
                 "token_type": null, "operation": "%s", "object": %s,
                 "recipient": {"country_code": "DE", "party_id": "%s"}, "sender_platform": "p-%s",
                 "last_updated": "%s", "received_at": "%s"}""".formatted(module, cpo, id, operation, object, emsp, cpo,
                lastUpdated, lastUpdated);
    }

    private void produce(String topic, String key, String type, String value, String eventId) {
        kafka.produce(topic, key, Map.of("ce_id", eventId == null ? UUID.randomUUID().toString() : eventId + "-" + cpo,
                "ce_type", type, "ce_source", "/chargeclear/test", "ce_specversion", "1.0"), value);
    }

    // --- the operator API -------------------------------------------------------------------------------------

    private JsonNode awaitSession(String sessionId, java.util.function.Predicate<JsonNode> condition) {
        String path = "/admin/tracking/sessions/NL/" + cpo + "/" + sessionId;
        return await(sessionId).atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    Response r = admin().get(path);
                    return r.statusCode() == 200 ? json(r.asString()) : null;
                }, view -> view != null && condition.test(view));
    }

    private JsonNode awaitBreach(java.util.function.Predicate<JsonNode> match) {
        return await("breach").atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (JsonNode breach : json(admin().get("/admin/tracking/breaches").asString())) {
                if (match.test(breach)) {
                    return breach;
                }
            }
            return null;
        }, found -> found != null);
    }

    /** The command is consumed on its own topic; its deadline is set once tracking shows it. */
    private JsonNode awaitCommand(String commandId) {
        return await(commandId).atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            Response r = admin().get("/admin/tracking/commands/" + commandId);
            return r.statusCode() == 200 ? json(r.asString()) : null;
        }, found -> found != null);
    }

    private void advance(String by) {
        Response moved = admin().contentType(ContentType.JSON).body("{\"advance\": \"" + by + "\"}")
                .post("/admin/tracking/clock");
        assertThat(moved.statusCode()).as(moved.asString()).isEqualTo(200);
    }

    /** How far the clock is ahead of the system time now. */
    private static Duration offset() {
        return Duration.parse(admin().get("/admin/tracking/clock").then().statusCode(200).extract().path("offset"));
    }

    /** Every fact of {@link #inOrder} consumed, whichever topic came last. */
    private static boolean complete(JsonNode view) {
        return view.path("state").asText().equals("CDR_RECEIVED") && view.path("ocpi_status").asText().equals("COMPLETED")
                && view.path("timeline").size() == 7 && !view.path("command_id").isNull()
                && !view.path("authorization_id").isNull();
    }

    /** The session's SLA deadlines: kind to status. */
    private static Map<String, String> deadlines(JsonNode view) {
        Map<String, String> deadlines = new TreeMap<>();
        view.path("deadlines").forEach(d -> deadlines.put(d.path("kind").asText(), d.path("status").asText()));
        return deadlines;
    }

    private static List<String> kinds(JsonNode view) {
        List<String> kinds = new ArrayList<>();
        view.path("timeline").forEach(e -> kinds.add(e.path("kind").asText()));
        return kinds;
    }

    /** The timeline without ids: when and what, which must not depend on arrival order. */
    private static List<String> facts(JsonNode view) {
        List<String> facts = new ArrayList<>();
        view.path("timeline").forEach(e -> facts.add(e.path("at").asText() + " " + e.path("kind").asText() + " "
                + e.path("status").asText("") + " " + e.path("kwh").asText("") + " " + e.path("result").asText("")));
        return facts;
    }

    private static List<String> sessionIds(Response response) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return response.jsonPath().getList("session_id");
    }

    private static void assertError(Response response, int status, String message) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.jsonPath().getInt("status")).isEqualTo(status);
        assertThat(response.jsonPath().getString("message")).contains(message);
    }

    private String key(String id) {
        return "NL*" + cpo + "*" + id;
    }

    private static RequestSpecification admin() {
        return given().header("Authorization", "Bearer chargeclear-dev-admin");
    }

    private static JsonNode json(String text) {
        try {
            return OcpiJson.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Two letters, different for every call in this run (a run starts from a random point). */
    private static String letters() {
        int n = NEXT.getAndIncrement() % (26 * 26);
        return "" + (char) ('A' + n / 26) + (char) ('A' + n % 26);
    }
}
