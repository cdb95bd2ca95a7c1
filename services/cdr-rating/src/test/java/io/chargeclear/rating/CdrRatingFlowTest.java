package io.chargeclear.rating;

import com.fasterxml.jackson.databind.JsonNode;
import io.chargeclear.model.ocpi.OcpiJson;
import io.chargeclear.testkit.KafkaTestClient;
import io.chargeclear.testkit.LocalInfraResource;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Rating over real Kafka and PostgreSQL: the events the gateway and the registry publish go in (tariffs,
 * locations, agreements, CDRs), ratings come out of the outbox on rating.cdr-rated.v1 / rating.cdr-flagged.v1,
 * and the operator view shows them. Each test uses its own parties, so tests do not see each other's data. A CDR
 * whose location, tariff or agreement has not arrived waits PENDING for the test profile's short grace
 * ({@code chargeclear.rating.pending-grace}) before it is flagged.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, scope = TestResourceScope.GLOBAL)
class CdrRatingFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final AtomicInteger NEXT = new AtomicInteger(ThreadLocalRandom.current().nextInt(26 * 26));

    private KafkaTestClient kafka;

    @Inject
    MeterRegistry metrics;
    private String cpo;
    private String emsp;

    /** Whether every consumer of rating has joined its group and applied a record (once per test JVM). */
    private static boolean warmedUp;

    @BeforeEach
    void parties() {
        kafka = new KafkaTestClient(LocalInfraResource.kafkaBootstrap());
        if (!warmedUp) {
            warmUp();
            warmedUp = true;
        }
        cpo = "C" + letters();
        emsp = "M" + letters();
    }

    /**
     * A CDR rated end to end before the first test: on a loaded machine a consumer may join its group long after
     * start-up, longer than the test profile's short grace, and a CDR of the first test would then be flagged
     * instead of waiting for data that was produced before it.
     */
    private void warmUp() {
        cpo = "C" + letters();
        emsp = "M" + letters();
        location();
        tariff("T1", "2026-01-01T00:00:00Z", "0.30");
        agreement("2.5", "0.10");
        cdr("WARM-UP", "3.30", "3.99", null);
        String path = "/admin/rating/cdrs/NL/" + cpo + "/WARM-UP";
        await("every rating consumer joined and applied a record").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> admin().get(path).statusCode() == 200
                        && "RATED".equals(admin().get(path).jsonPath().getString("status")));
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void aCdrIsRatedWithItsTariffAndTheAgreementsFee() {
        location();
        tariff("T1", "2026-01-01T00:00:00Z", "0.30");
        agreement("2.5", "0.10");
        // a session a payment terminal provider started, which the CPO invoices (OCPI 2.2.1 has both fields too)
        produce("ocpi.cdr.v1", "NL*" + cpo + "*CDR-1", "ocpi.cdr.received.v1", cdrEvent("CDR-1", "3.30", "3.99", null)
                .replace("\"currency\": \"EUR\",", "\"currency\": \"EUR\", \"authorization_reference\":"
                        + " \"pp-100100-1948213567\", \"invoice_reference_id\": \"INV-2026-0001\","), null);

        JsonNode rating = awaitRating("CDR-1", "RATED", 1);
        assertThat(rating.path("currency").asText()).isEqualTo("EUR");
        assertThat(rating.path("total_cost").path("incl_vat").asText()).isEqualTo("3.99");
        assertThat(rating.path("hub_fee").asText()).isEqualTo("0.18");
        assertThat(rating.path("emsp_payable").asText()).isEqualTo("3.99");
        assertThat(rating.path("cpo_receivable").asText()).isEqualTo("3.81");
        assertThat(rating.path("tariff_id").asText()).as("found through the connector's tariff_ids").isEqualTo("T1");

        ConsumerRecord<String, String> event = kafka.awaitRecord("rating.cdr-rated.v1",
                r -> ("NL*" + cpo + "*CDR-1").equals(r.key()), WAIT);
        assertThat(KafkaTestClient.header(event, "ce_type")).isEqualTo("rating.cdr-rated.v1");
        JsonNode payload = json(event.value());
        assertThat(payload.path("emsp").path("party_id").asText()).isEqualTo(emsp);
        assertThat(payload.path("hub_fee").path("amount").asText()).isEqualTo("0.18");
        assertThat(new java.math.BigDecimal(payload.path("breakdown").path("energy").path("excl_vat").asText()))
                .isEqualByComparingTo("3.30");
        assertThat(payload.path("authorization_reference").asText()).as("settlement links a terminal payment by it")
                .isEqualTo("pp-100100-1948213567");
        assertThat(payload.path("invoice_reference_id").asText()).isEqualTo("INV-2026-0001");
    }

    @Test
    void aPoundCdrUnderAnAgreementWithOnlyAEuroFeePerSessionIsRatedWithThePercentageAloneAndSaysSo() {
        location();
        tariff("T1", "2026-01-01T00:00:00Z", "0.30", "GBP");
        agreementWithFee("""
                {"percent": "2.5", "per_session": [{"amount": "0.10", "currency": "EUR"}]}""");
        cdr("CDR-GBP", "3.30", "3.99", null, "GBP");

        JsonNode rating = awaitRating("CDR-GBP", "RATED", 1);
        assertThat(rating.path("reasons")).as("the hub's own fee never flags a CDR").isEmpty();
        assertThat(rating.path("currency").asText()).isEqualTo("GBP");
        assertThat(rating.path("hub_fee").asText()).as("2.5 % of 3.30 = 0.0825, no pound amount per session")
                .isEqualTo("0.08");
        assertThat(rating.path("emsp_payable").asText()).isEqualTo("3.99");
        assertThat(rating.path("cpo_receivable").asText()).isEqualTo("3.91");
        assertThat(rating.path("hub_fee_note").asText()).isEqualTo("NO_PER_SESSION_FEE_IN_CURRENCY");

        JsonNode payload = json(kafka.awaitRecord("rating.cdr-rated.v1",
                r -> ("NL*" + cpo + "*CDR-GBP").equals(r.key()), WAIT).value());
        assertThat(payload.path("hub_fee").path("amount").asText()).isEqualTo("0.08");
        assertThat(payload.path("hub_fee").path("currency").asText()).isEqualTo("GBP");
        assertThat(payload.path("hub_fee_note").asText()).isEqualTo("NO_PER_SESSION_FEE_IN_CURRENCY");
    }

    @Test
    void aCanadianDollarCdrPaysTheAgreementsCanadianDollarFeePerSession() {
        location();
        tariff("T1", "2026-01-01T00:00:00Z", "0.30", "CAD");
        agreementWithFee("""
                {"percent": "2.5", "per_session": [{"amount": "0.10", "currency": "EUR"},
                                                   {"amount": "0.15", "currency": "CAD"}]}""");
        cdr("CDR-CAD", "3.30", "3.99", null, "CAD");

        JsonNode rating = awaitRating("CDR-CAD", "RATED", 1);
        assertThat(rating.path("hub_fee").asText()).as("2.5 % of 3.30 + 0.15 = 0.2325").isEqualTo("0.23");
        assertThat(rating.path("cpo_receivable").asText()).isEqualTo("3.76");
        assertThat(rating.path("hub_fee_note").isNull()).as("the terms applied in full").isTrue();

        JsonNode payload = json(kafka.awaitRecord("rating.cdr-rated.v1",
                r -> ("NL*" + cpo + "*CDR-CAD").equals(r.key()), WAIT).value());
        assertThat(payload.path("hub_fee").path("amount").asText()).isEqualTo("0.23");
        assertThat(payload.path("hub_fee").path("currency").asText()).isEqualTo("CAD");
        assertThat(payload.path("hub_fee_note").isNull()).isTrue();
    }

    @Test
    void aCdrWaitsForALateTariffAndIsRatedWhenItArrives() {
        location();
        agreement("2.5", null);
        cdr("CDR-2", "3.30", "3.99", null);
        assertThat(awaitRating("CDR-2", "FLAGGED", 1).path("reasons").toString()).contains("UNKNOWN_TARIFF");

        tariff("T1", "2026-01-01T00:00:00Z", "0.30");
        JsonNode rated = awaitRating("CDR-2", "RATED", 2);
        assertThat(rated.path("hub_fee").asText()).as("2.5 % of 3.30 = 0.0825").isEqualTo("0.08");
        assertThat(rated.path("cpo_receivable").asText()).isEqualTo("3.91");
        kafka.awaitRecord("rating.cdr-flagged.v1", r -> ("NL*" + cpo + "*CDR-2").equals(r.key()), WAIT);
    }

    @Test
    void theTariffVersionInEffectAtSessionStartApplies() {
        location();
        agreement("0", null);
        tariff("T1", "2026-01-01T00:00:00Z", "0.30");
        tariff("T1", "2026-06-01T00:00:00Z", "0.50");
        cdr("CDR-3", "3.30", "3.99", null);
        assertThat(awaitRating("CDR-3", "RATED", 1).path("tariff_version").asText())
                .isEqualTo("2026-01-01T00:00:00Z");
    }

    @Test
    void aMismatchIsFlaggedAndAnOperatorCanAcceptIt() {
        location();
        tariff("T1", "2026-01-01T00:00:00Z", "0.30");
        agreement("2.5", "0.10");
        cdr("CDR-4", "4.50", "5.45", null);
        await("CDR-4 flagged as a cost mismatch").atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() ->
                awaitRating("CDR-4", "FLAGGED", 1).path("reasons").toString().equals("[\"COST_MISMATCH\"]"));
        JsonNode flagged = awaitRating("CDR-4", "FLAGGED", 1);
        assertThat(flagged.path("total_cost").path("excl_vat").asText()).isEqualTo("3.30");

        Response accepted = admin().post("/admin/rating/cdrs/NL/" + cpo + "/CDR-4/accept");
        assertThat(accepted.statusCode()).as(accepted.asString()).isEqualTo(200);
        assertThat(accepted.jsonPath().getString("status")).isEqualTo("RATED");
        assertThat(accepted.jsonPath().getBoolean("operator_override")).isTrue();
        assertThat(accepted.jsonPath().getString("emsp_payable")).isEqualTo("5.45");
        assertThat(accepted.jsonPath().getString("hub_fee")).isEqualTo("0.21");
        assertThat(admin().post("/admin/rating/cdrs/NL/" + cpo + "/CDR-4/accept").statusCode())
                .as("only a flagged CDR can be accepted").isEqualTo(409);
    }

    @Test
    void aCreditCdrReversesItsCdrAndADuplicateDoesNotReplaceIt() {
        location();
        tariff("T1", "2026-01-01T00:00:00Z", "0.30");
        agreement("2.5", "0.10");
        String eventId = cdr("CDR-5", "3.30", "3.99", null);
        awaitRating("CDR-5", "RATED", 1);

        // the same event delivered again changes nothing; other content under the same id is a duplicate
        produce("ocpi.cdr.v1", "NL*" + cpo + "*CDR-5", "ocpi.cdr.received.v1", cdrEvent("CDR-5", "3.30", "3.99", null),
                eventId);
        cdr("CDR-5", "9.90", "11.98", null);
        kafka.awaitRecord("rating.cdr-flagged.v1", r -> ("NL*" + cpo + "*CDR-5").equals(r.key())
                && r.value().contains("DUPLICATE"), WAIT);
        JsonNode first = awaitRating("CDR-5", "RATED", 1);
        assertThat(first.path("emsp_payable").asText()).isEqualTo("3.99");
        assertThat(first.path("cpo_total_cost").path("excl_vat").asText()).as("the first CDR stands").isEqualTo("3.30");

        cdr("CDR-5-C", "-3.30", "-3.99", "CDR-5");
        JsonNode reversal = awaitRating("CDR-5-C", "RATED", 1);
        assertThat(reversal.path("reverses").asText()).isEqualTo("CDR-5");
        assertThat(reversal.path("emsp_payable").asText()).isEqualTo("-3.99");
        assertThat(reversal.path("hub_fee").asText()).isEqualTo("-0.18");
        assertThat(reversal.path("cpo_receivable").asText()).isEqualTo("-3.81");

        cdr("CDR-6-C", "-1.00", "-1.21", "NOT-RATED");
        assertThat(awaitRating("CDR-6-C", "FLAGGED", 1).path("reasons").toString())
                .contains("UNKNOWN_CREDIT_REFERENCE");
    }

    @Test
    void withoutAnAgreementTheCdrWaitsForOne() {
        location();
        tariff("T1", "2026-01-01T00:00:00Z", "0.30");
        cdr("CDR-7", "3.30", "3.99", null);
        await("CDR-7 waits for an agreement").atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() ->
                awaitRating("CDR-7", "FLAGGED", 1).path("reasons").toString().equals("[\"NO_AGREEMENT\"]"));
        agreement("1", null);
        assertThat(awaitRating("CDR-7", "RATED", 2).path("hub_fee").asText()).isEqualTo("0.03");
        assertThat(admin().get("/admin/rating/cdrs/NL/" + cpo + "/NOPE").statusCode()).isEqualTo(404);
    }

    /**
     * The operator's search: ratings of one party as CPO or as eMSP, of a status, within a time; newest first. A
     * malformed party or instant is a 400 naming the parameter.
     */
    @Test
    void theOperatorFindsAPartysRatingsByStatusAndTime() {
        location();
        tariff("T1", "2026-01-01T00:00:00Z", "0.30");
        agreement("2.5", "0.10");
        cdr("CDR-S1", "3.30", "3.99", null);
        awaitRating("CDR-S1", "RATED", 1);
        java.time.Instant between = java.time.Instant.now();
        cdr("CDR-S2", "3.30", "3.99", null);
        java.time.Instant second = java.time.Instant.parse(awaitRating("CDR-S2", "RATED", 1).path("rated_at").asText());

        assertThat(search(Map.of("party", "NL*" + cpo))).as("as CPO, newest first").containsExactly("CDR-S2", "CDR-S1");
        assertThat(search(Map.of("party", "de*" + emsp.toLowerCase(), "status", "RATED"))).as("as eMSP")
                .containsExactly("CDR-S2", "CDR-S1");
        assertThat(search(Map.of("party", "NL*" + cpo, "status", "FLAGGED"))).isEmpty();
        assertThat(search(Map.of("party", "NL*" + cpo, "rated_from", between.toString())))
                .as("from (inclusive)").containsExactly("CDR-S2");
        assertThat(search(Map.of("party", "NL*" + cpo, "rated_to", second.toString())))
                .as("to (exclusive)").doesNotContain("CDR-S2").contains("CDR-S1");
        assertThat(search(Map.of("party", "NL*" + cpo, "limit", "1"))).containsExactly("CDR-S2");
        assertThat(search(Map.of("party", "DE*" + cpo))).as("another country's party of that id").isEmpty();

        Response badParty = admin().queryParam("party", "NL-" + cpo).get("/admin/rating/cdrs");
        assertThat(badParty.statusCode()).isEqualTo(400);
        assertThat(badParty.asString()).contains("party must be");
        Response badTime = admin().queryParam("rated_from", "yesterday").get("/admin/rating/cdrs");
        assertThat(badTime.statusCode()).isEqualTo(400);
        assertThat(badTime.asString()).contains("rated_from must be an ISO-8601 instant");
    }

    private static List<String> search(Map<String, String> query) {
        return admin().queryParams(query).get("/admin/rating/cdrs").then().statusCode(200).extract().jsonPath()
                .getList("cdr_id", String.class);
    }

    @Test
    void aCdrBeforeItsLocationWaitsPendingAndIsRatedOnceWithoutAFlag() {
        tariff("T1", "2026-01-01T00:00:00Z", "0.30");
        agreement("2.5", "0.10");
        cdr("CDR-8", "3.30", "3.99", null);

        JsonNode pending = awaitRating("CDR-8", "PENDING", 0);
        assertThat(pending.path("revision").asInt()).as("nothing published while it waits").isZero();
        assertThat(pending.path("pending_since").isTextual()).isTrue();
        assertThat(waitingFor(pending)).contains("LOCATION:LOC1");
        assertThat(pending.path("reasons").toString()).contains("UNKNOWN_LOCATION");

        location();
        JsonNode rated = awaitRating("CDR-8", "RATED", 1);
        assertThat(rated.path("revision").asInt()).as("rated on the first revision: no flag went before it")
                .isEqualTo(1);
        assertThat(rated.path("waiting_for").size()).isZero();
        assertThat(rated.path("pending_since").isNull()).isTrue();
        assertThat(rated.path("hub_fee").asText()).isEqualTo("0.18");

        String key = "NL*" + cpo + "*CDR-8";
        ConsumerRecord<String, String> event = kafka.awaitRecord("rating.cdr-rated.v1", r -> key.equals(r.key()), WAIT);
        assertThat(json(event.value()).path("revision").asInt()).isEqualTo(1);
        assertThatThrownBy(() -> kafka.awaitRecord("rating.cdr-flagged.v1", r -> key.equals(r.key()),
                Duration.ofSeconds(3)))
                .as("no rating.cdr-flagged.v1 for a CDR whose location came within the grace")
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void aCdrWhoseTariffNeverComesIsFlaggedOnceAfterTheGrace() {
        location();
        agreement("2.5", null);
        // a first CDR shows when the location and the agreement reached rating (consumers may join late after start)
        cdr("CDR-9-PROBE", "3.30", "3.99", null);
        String probe = "/admin/rating/cdrs/NL/" + cpo + "/CDR-9-PROBE";
        await("the location and the agreement reached rating").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> admin().get(probe).statusCode() == 200
                        && waitingFor(json(admin().get(probe).asString())).equals(List.of("TARIFF:T1")));
        cdr("CDR-9", "3.30", "3.99", null);

        assertThat(waitingFor(awaitRating("CDR-9", "PENDING", 0))).containsExactly("TARIFF:T1");
        await("the sweep counts CDR-9 among the PENDING and waiting CDRs").atMost(WAIT)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> gauge("chargeclear.rating.pending") >= 1 && gauge("chargeclear.rating.waiting") >= 1);
        assertThat(gauge("chargeclear.rating.pending.oldest")).as("seconds: no CDR waits PENDING much past the 10 s grace")
                .isBetween(0.0, 15.0);

        JsonNode flagged = awaitRating("CDR-9", "FLAGGED", 1);
        assertThat(flagged.path("reasons").toString()).isEqualTo("[\"UNKNOWN_TARIFF\"]");
        assertThat(waitingFor(flagged)).as("still waits, so a late tariff rates it").containsExactly("TARIFF:T1");
        String path = "/admin/rating/cdrs/NL/" + cpo + "/CDR-9";
        await("CDR-9 stays at its one flag while the sweep runs").during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> admin().get(path).jsonPath().getInt("revision") == 1);

        String key = "NL*" + cpo + "*CDR-9";
        ConsumerRecord<String, String> flag = kafka.awaitRecord("rating.cdr-flagged.v1", r -> key.equals(r.key()), WAIT);
        assertThat(json(flag.value()).path("reasons").toString()).isEqualTo("[\"UNKNOWN_TARIFF\"]");
        assertThatThrownBy(() -> kafka.awaitRecords("rating.cdr-flagged.v1", r -> key.equals(r.key()), 2,
                Duration.ofSeconds(3)))
                .as("exactly one rating.cdr-flagged.v1").isInstanceOf(AssertionError.class);
    }

    @Test
    void aLocationRatesOnlyTheCdrsWaitingForIt() {
        tariff("T1", "2026-01-01T00:00:00Z", "0.30");
        agreement("2.5", "0.10");
        // a first CDR shows when the tariff and the agreement reached rating (their consumers may lag on a loaded
        // machine past the grace), so the CDRs below wait for their location alone
        cdrAt("CDR-10-PROBE", "LOC1");
        String probe = "/admin/rating/cdrs/NL/" + cpo + "/CDR-10-PROBE";
        await("the tariff and the agreement reached rating").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> admin().get(probe).statusCode() == 200
                        && waitingFor(json(admin().get(probe).asString())).equals(List.of("LOCATION:LOC1")));
        cdrAt("CDR-10", "LOC1");
        cdrAt("CDR-11", "LOC2");
        String other = "/admin/rating/cdrs/NL/" + cpo + "/CDR-11";
        await("both CDRs wait for their location only").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> waitingFor(awaitRating("CDR-10", "PENDING", 0)).equals(List.of("LOCATION:LOC1"))
                        && waitingFor(awaitRating("CDR-11", "PENDING", 0)).equals(List.of("LOCATION:LOC2")));
        JsonNode before = json(admin().get(other).asString());

        location();
        assertThat(awaitRating("CDR-10", "RATED", 1).path("revision").asInt()).isEqualTo(1);

        JsonNode after = json(admin().get(other).asString());
        assertThat(after.path("status").asText()).isEqualTo("PENDING");
        assertThat(after.path("revision").asInt()).isZero();
        assertThat(after.path("waiting_for")).as("CDR-11 was not evaluated again: it waits for LOC2")
                .isEqualTo(before.path("waiting_for"));
        assertThat(after.path("rated_at")).isEqualTo(before.path("rated_at"));
    }

    @Test
    void moreCdrsWaitingForALocationThanOneEventRatesAreRatedByTheSweep() {
        tariff("T1", "2026-01-01T00:00:00Z", "0.30");
        agreement("2.5", "0.10");
        // a first CDR shows when the tariff and the agreement reached rating (their consumers may lag on a loaded
        // machine), so the CDRs below wait for the location alone and well inside the test profile's 10 s grace
        cdrAt("CDR-12-PROBE", "LOC1");
        String probe = "/admin/rating/cdrs/NL/" + cpo + "/CDR-12-PROBE";
        await("the tariff and the agreement reached rating").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> admin().get(probe).statusCode() == 200
                        && waitingFor(json(admin().get(probe).asString())).equals(List.of("LOCATION:LOC1")));
        List<String> ids = List.of("CDR-12", "CDR-13", "CDR-14");
        ids.forEach(id -> cdrAt(id, "LOC1"));
        ids.forEach(id -> assertThat(waitingFor(awaitRating(id, "PENDING", 0))).as(id).containsExactly("LOCATION:LOC1"));

        location();
        // the test profile's rerate-chunk is 2: the location's transaction rates two, the sweep the rest
        awaitRating("CDR-12-PROBE", "RATED", 1);
        ids.forEach(id -> assertThat(awaitRating(id, "RATED", 1).path("revision").asInt()).as(id).isEqualTo(1));
    }

    @Test
    void aQuebecCdrOnAnOcpi230TariffIsRatedWithTheCposGstAndQstLines() {
        // an OCPI 2.3.0 CPO in Québec: the tariff is before taxes (tax_included NO) and states no vat; its CDR
        // carries GST 5 % and QST 9.975 % on 1.5 h at 2.00 CAD/h = 3.00 before taxes
        String path = "/admin/rating/cdrs/CA/" + cpo + "/CDR-QC";
        produce("ocpi.location.v1", "CA*" + cpo + "*LOC-QC", "ocpi.location.changed.v1", objectEvent("CA", "locations",
                "LOC-QC", """
                {"country_code": "CA", "party_id": "%s", "id": "LOC-QC", "publish": true,
                 "address": "1 rue Sainte-Catherine", "city": "Montreal", "country": "CAN",
                 "coordinates": {"latitude": "45.508888", "longitude": "-73.561668"},
                 "evses": [{"uid": "E1", "status": "AVAILABLE", "connectors": [{"id": "1", "standard": "IEC_62196_T2",
                   "format": "SOCKET", "power_type": "AC_3_PHASE", "max_voltage": 230, "max_amperage": 32,
                   "tariff_ids": ["T-QC"], "last_updated": "2026-01-01T00:00:00Z"}], "last_updated": "2026-01-01T00:00:00Z"}],
                 "time_zone": "America/Montreal", "last_updated": "2026-01-01T00:00:00Z"}""".formatted(cpo),
                "2026-01-01T00:00:00Z", "PUT", null), null);
        produce("ocpi.tariff.v1", "CA*" + cpo + "*T-QC", "ocpi.tariff.changed.v1", objectEvent("CA", "tariffs", "T-QC", """
                {"country_code": "CA", "party_id": "%s", "id": "T-QC", "currency": "CAD",
                 "elements": [{"price_components": [{"type": "TIME", "price": 2.00, "step_size": 1}]}],
                 "tax_included": "NO", "last_updated": "2026-01-01T00:00:00Z"}""".formatted(cpo),
                "2026-01-01T00:00:00Z", "PUT", null), null);
        String agreementId = UUID.randomUUID().toString();
        produce("hub.agreement.v1", agreementId, "hub.agreement.created.v1", """
                {"agreement_id": "%s", "status": "ACTIVE", "revision": 1,
                 "cpo": {"country_code": "CA", "party_id": "%s"}, "emsp": {"country_code": "CA", "party_id": "%s"},
                 "valid_from": "2025-01-01T00:00:00Z", "valid_until": null, "modules": ["cdrs", "tariffs"],
                 "hub_fee": {"percent": "2.5", "per_session": [{"amount": "0.10", "currency": "CAD"}]},
                 "sla": {"cdr_within_hours": 48, "authorization_answer_within_ms": 5000},
                 "dispute_window_days": 30, "ended_at": null, "changed_at": "2026-01-01T00:00:00Z"}"""
                .formatted(agreementId, cpo, emsp), null);
        produce("ocpi.cdr.v1", "CA*" + cpo + "*CDR-QC", "ocpi.cdr.received.v1", objectEvent("CA", "cdrs", "CDR-QC", """
                {"country_code": "CA", "party_id": "%s", "id": "CDR-QC", "start_date_time": "2026-03-01T15:00:00Z",
                 "end_date_time": "2026-03-01T16:30:00Z",
                 "cdr_token": {"country_code": "CA", "party_id": "%s", "uid": "TOK1", "type": "RFID", "contract_id": "C1"},
                 "auth_method": "AUTH_REQUEST",
                 "cdr_location": {"id": "LOC-QC", "address": "1 rue Sainte-Catherine", "city": "Montreal",
                   "country": "CAN", "coordinates": {"latitude": "45.508888", "longitude": "-73.561668"},
                   "evse_uid": "E1", "evse_id": "CA*X*E1", "connector_id": "1", "connector_standard": "IEC_62196_T2",
                   "connector_format": "SOCKET", "connector_power_type": "AC_3_PHASE"},
                 "currency": "CAD",
                 "charging_periods": [{"start_date_time": "2026-03-01T15:00:00Z",
                   "dimensions": [{"type": "TIME", "volume": 1.5}]}],
                 "total_cost": {"before_taxes": 3.00, "taxes": [
                   {"name": "GST", "percentage": 5, "amount": 0.15, "account_number": "123456789RT0001"},
                   {"name": "QST", "percentage": 9.975, "amount": 0.30, "account_number": "1234567890TQ0001"}]},
                 "total_energy": 0, "total_time": 1.5,
                 "total_time_cost": {"before_taxes": 3.00}, "authorization_reference": "pp-qc-1",
                 "last_updated": "2026-03-01T16:35:00Z"}""".formatted(cpo, emsp),
                "2026-03-01T16:35:00Z", "POST", "{\"country_code\": \"CA\", \"party_id\": \"" + emsp + "\"}"), null);

        // the CDR may reach rating before its location, tariff or agreement (consumers lag on a loaded machine):
        // whatever revision rates it, the rating stands once all three arrived
        await("CDR-QC rated").atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            Response r = admin().get(path);
            return r.statusCode() == 200 && "RATED".equals(r.jsonPath().getString("status"));
        });
        JsonNode rating = json(admin().get(path).asString());
        assertThat(rating.path("currency").asText()).isEqualTo("CAD");
        assertThat(rating.path("total_cost").path("excl_vat").asText()).isEqualTo("3.00");
        assertThat(rating.path("total_cost").path("incl_vat").asText()).as("3.00 + 0.15 + 0.30").isEqualTo("3.45");
        assertTaxLines(rating.path("total_cost").path("taxes"));
        assertThat(rating.path("cpo_total_cost").path("incl_vat").asText()).isEqualTo("3.45");
        assertThat(rating.path("emsp_payable").asText()).isEqualTo("3.45");
        assertThat(rating.path("hub_fee").asText()).as("2.5 % of 3.00 + 0.10 = 0.175").isEqualTo("0.18");
        assertThat(rating.path("cpo_receivable").asText()).isEqualTo("3.27");

        ConsumerRecord<String, String> event = kafka.awaitRecord("rating.cdr-rated.v1",
                r -> ("CA*" + cpo + "*CDR-QC").equals(r.key()), WAIT);
        JsonNode payload = json(event.value());
        assertThat(payload.path("emsp_payable").path("amount").asText()).isEqualTo("3.45");
        assertThat(payload.path("emsp_payable").path("currency").asText()).isEqualTo("CAD");
        assertTaxLines(payload.path("taxes"));
        assertThat(payload.path("authorization_reference").asText()).isEqualTo("pp-qc-1");
        assertThat(payload.path("invoice_reference_id").isNull()).as("the CDR has none").isTrue();
    }

    /** GST 5 % 0.15 and QST 9.975 % 0.30, in that order, as the CPO's CDR gave them. */
    private static void assertTaxLines(JsonNode taxes) {
        assertThat(taxes.size()).as(taxes.toString()).isEqualTo(2);
        assertThat(taxes.get(0).path("name").asText()).isEqualTo("GST");
        assertThat(new java.math.BigDecimal(taxes.get(0).path("percentage").asText())).isEqualByComparingTo("5");
        assertThat(taxes.get(0).path("amount").asText()).isEqualTo("0.15");
        assertThat(taxes.get(1).path("name").asText()).isEqualTo("QST");
        assertThat(new java.math.BigDecimal(taxes.get(1).path("percentage").asText())).isEqualByComparingTo("9.975");
        assertThat(taxes.get(1).path("amount").asText()).isEqualTo("0.30");
    }

    /** What a rating waits for, as KIND:id. */
    private static List<String> waitingFor(JsonNode rating) {
        List<String> waits = new java.util.ArrayList<>();
        rating.path("waiting_for").forEach(w -> waits.add(w.path("kind").asText() + ":" + w.path("id").asText()));
        return waits;
    }

    /**
     * Waits until the CDR's rating has this status at {@code minRevision} or later: the topics are consumed
     * independently, so a CDR may be read before its tariff, location or agreement and be rated on a later revision.
     */
    private JsonNode awaitRating(String cdrId, String status, int minRevision) {
        String path = "/admin/rating/cdrs/NL/" + cpo + "/" + cdrId;
        await(cdrId + " " + status + " at revision " + minRevision + " or later").atMost(WAIT)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    Response r = admin().get(path);
                    return r.statusCode() == 200 && status.equals(r.jsonPath().getString("status"))
                            && r.jsonPath().getInt("revision") >= minRevision;
                });
        return json(admin().get(path).asString());
    }

    private void location() {
        produce("ocpi.location.v1", "NL*" + cpo + "*LOC1", "ocpi.location.changed.v1", objectEvent("locations", "LOC1",
                """
                {"country_code": "NL", "party_id": "%s", "id": "LOC1", "publish": true, "address": "Straat 1",
                 "city": "Utrecht", "country": "NLD", "coordinates": {"latitude": "52.090737", "longitude": "5.121420"},
                 "evses": [{"uid": "E1", "status": "AVAILABLE", "connectors": [{"id": "1", "standard": "IEC_62196_T2",
                   "format": "SOCKET", "power_type": "AC_3_PHASE", "max_voltage": 230, "max_amperage": 32,
                   "tariff_ids": ["T1"], "last_updated": "2026-01-01T00:00:00Z"}], "last_updated": "2026-01-01T00:00:00Z"}],
                 "time_zone": "Europe/Amsterdam", "last_updated": "2026-01-01T00:00:00Z"}""".formatted(cpo),
                "2026-01-01T00:00:00Z", "PUT", null), null);
    }

    private void tariff(String id, String lastUpdated, String pricePerKwh) {
        tariff(id, lastUpdated, pricePerKwh, "EUR");
    }

    private void tariff(String id, String lastUpdated, String pricePerKwh, String currency) {
        produce("ocpi.tariff.v1", "NL*" + cpo + "*" + id, "ocpi.tariff.changed.v1", objectEvent("tariffs", id, """
                {"country_code": "NL", "party_id": "%s", "id": "%s", "currency": "%s",
                 "elements": [{"price_components": [{"type": "ENERGY", "price": %s, "vat": 21.0, "step_size": 1}]}],
                 "last_updated": "%s"}""".formatted(cpo, id, currency, pricePerKwh, lastUpdated), lastUpdated, "PUT",
                null), null);
    }

    /** An agreement whose per-session fee, if any, is one EUR object, as events written before the list carry it. */
    private void agreement(String percent, String perSession) {
        agreementWithFee("{\"percent\": \"" + percent + "\"" + (perSession == null ? ""
                : ", \"per_session\": {\"amount\": \"" + perSession + "\", \"currency\": \"EUR\"}") + "}");
    }

    private void agreementWithFee(String fee) {
        String id = UUID.randomUUID().toString();
        produce("hub.agreement.v1", id, "hub.agreement.created.v1", """
                {"agreement_id": "%s", "status": "ACTIVE", "revision": 1,
                 "cpo": {"country_code": "NL", "party_id": "%s"}, "emsp": {"country_code": "DE", "party_id": "%s"},
                 "valid_from": "2025-01-01T00:00:00Z", "valid_until": null, "modules": ["cdrs", "tariffs"],
                 "hub_fee": %s, "sla": {"cdr_within_hours": 48, "authorization_answer_within_ms": 5000},
                 "dispute_window_days": 30, "ended_at": null, "changed_at": "2026-01-01T00:00:00Z"}"""
                .formatted(id, cpo, emsp, fee), null);
    }

    /** @return the event id */
    private String cdr(String id, String exclVat, String inclVat, String creditReference) {
        return produce("ocpi.cdr.v1", "NL*" + cpo + "*" + id, "ocpi.cdr.received.v1",
                cdrEvent(id, exclVat, inclVat, creditReference), null);
    }

    /** A CDR of 11 kWh in {@code currency}. */
    private void cdr(String id, String exclVat, String inclVat, String creditReference, String currency) {
        produce("ocpi.cdr.v1", "NL*" + cpo + "*" + id, "ocpi.cdr.received.v1",
                cdrEvent(id, exclVat, inclVat, creditReference).replace("\"currency\": \"EUR\"",
                        "\"currency\": \"" + currency + "\""), null);
    }

    /** A CDR of 11 kWh at 3.30 / 3.99 at this location. */
    private void cdrAt(String id, String locationId) {
        produce("ocpi.cdr.v1", "NL*" + cpo + "*" + id, "ocpi.cdr.received.v1",
                cdrEvent(id, "3.30", "3.99", null).replace("\"cdr_location\": {\"id\": \"LOC1\"",
                        "\"cdr_location\": {\"id\": \"" + locationId + "\""), null);
    }

    private String cdrEvent(String id, String exclVat, String inclVat, String creditReference) {
        String credit = creditReference == null ? "" : "\"credit\": true, \"credit_reference_id\": \"" + creditReference + "\",";
        return objectEvent("cdrs", id, """
                {"country_code": "NL", "party_id": "%s", "id": "%s", "start_date_time": "2026-03-01T10:00:00Z",
                 "end_date_time": "2026-03-01T11:00:00Z",
                 "cdr_token": {"country_code": "DE", "party_id": "%s", "uid": "TOK1", "type": "RFID", "contract_id": "C1"},
                 "auth_method": "AUTH_REQUEST",
                 "cdr_location": {"id": "LOC1", "address": "Straat 1", "city": "Utrecht", "country": "NLD",
                   "coordinates": {"latitude": "52.090737", "longitude": "5.121420"}, "evse_uid": "E1",
                   "evse_id": "NL*X*E1", "connector_id": "1", "connector_standard": "IEC_62196_T2",
                   "connector_format": "SOCKET", "connector_power_type": "AC_3_PHASE"},
                 "currency": "EUR", %s
                 "charging_periods": [{"start_date_time": "2026-03-01T10:00:00Z",
                   "dimensions": [{"type": "ENERGY", "volume": 11.0}]}],
                 "total_cost": {"excl_vat": %s, "incl_vat": %s}, "total_energy": 11.0, "total_time": 1.0,
                 "last_updated": "2026-03-01T11:05:00Z"}""".formatted(cpo, id, emsp, credit, exclVat, inclVat),
                "2026-03-01T11:05:00Z", "POST", "{\"country_code\": \"DE\", \"party_id\": \"" + emsp + "\"}");
    }

    private String objectEvent(String module, String id, String object, String lastUpdated, String operation,
                               String recipient) {
        return objectEvent("NL", module, id, object, lastUpdated, operation, recipient);
    }

    private String objectEvent(String country, String module, String id, String object, String lastUpdated,
                               String operation, String recipient) {
        return """
                {"module": "%s", "owner": {"country_code": "%s", "party_id": "%s"}, "object_id": "%s",
                 "token_type": null, "operation": "%s", "object": %s, "recipient": %s, "sender_platform": "p-%s",
                 "last_updated": "%s", "received_at": "%s"}""".formatted(module, country, cpo, id, operation, object,
                recipient == null ? "null" : recipient, cpo, lastUpdated, lastUpdated);
    }

    private String produce(String topic, String key, String type, String value, String eventId) {
        String id = eventId == null ? UUID.randomUUID().toString() : eventId;
        kafka.produce(topic, key, Map.of("ce_id", id, "ce_type", type, "ce_source", "/chargeclear/test",
                "ce_specversion", "1.0"), value);
        return id;
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return given().header("Authorization", "Bearer chargeclear-dev-admin");
    }

    private double gauge(String name) {
        return metrics.get(name).gauge().value();
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
