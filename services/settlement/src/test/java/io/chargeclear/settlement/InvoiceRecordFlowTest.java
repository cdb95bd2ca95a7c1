package io.chargeclear.settlement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chargeclear.model.ocpi.TokenHeader;
import io.chargeclear.testkit.KafkaTestClient;
import io.chargeclear.testkit.LocalInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.chargeclear.settlement.SettlementFlows.admin;
import static io.chargeclear.settlement.SettlementFlows.asPlatform;
import static io.chargeclear.settlement.SettlementFlows.letters;
import static io.chargeclear.settlement.SettlementFlows.nextDay;
import static io.chargeclear.settlement.SettlementFlows.pid;
import static io.chargeclear.settlement.SettlementFlows.run;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

/**
 * The hub's own OCPI 2.3.0 invoice reconciliation records (docs/adr/0032-invoice-reconciliation.md, "The hub's own
 * records") over real Kafka and PostgreSQL: a settlement run issues each statement as records from the hub's party
 * (NL*CCH) with the statement id as invoice_id, listing exactly its CDRs, on settlement.invoice-record.v1 in the run's
 * transaction; asking for the run again issues nothing new; a statement of more CDRs than a record holds (three under
 * test) is split; and a platform reads its records from the party API, the fallback for OCPI 2.2.1 peers.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, scope = TestResourceScope.GLOBAL)
class InvoiceRecordFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TOPIC = "settlement.invoice-record.v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private KafkaTestClient kafka;
    private String cpo;
    private String otherCpo;
    private String emsp;

    @BeforeEach
    void parties() {
        kafka = new KafkaTestClient(LocalInfraResource.kafkaBootstrap());
        String suffix = letters();
        cpo = "NL*I" + suffix;
        otherCpo = "BE*I" + suffix;
        emsp = "DE*I" + suffix;
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void aRunIssuesEachStatementAsARecordOfExactlyItsCdrsFromTheHubAndAskingAgainIssuesNothingNew() throws Exception {
        Instant day = nextDay();
        Instant evening = day.plus(19, ChronoUnit.HOURS);
        RatedCdrs cdrs = new RatedCdrs(kafka, cpo, emsp);
        cdrs.rated("R-2", "EUR", "3.99", "3.81", "0.18", null, evening, "10.5");
        cdrs.rated("R-1", "EUR", "2.00", "1.90", "0.10", null, evening, "4");
        // re-rated with other amounts: three entries, one CDR
        cdrs.produce(UUID.randomUUID().toString(), "R-1", 2, "EUR", "2.20", "2.10", "0.10", null, evening, "4");
        String tooLong = "R-" + "X".repeat(37);
        cdrs.rated(tooLong, "EUR", "1.00", "0.95", "0.05", null, evening, "2");
        cdrs.rated("R-3", "GBP", "2.50", "2.40", "0.10", null, evening, "6");
        // the same CDR id at another CPO: another statement, another record
        new RatedCdrs(kafka, otherCpo, emsp).rated("R-1", "EUR", "5.00", "4.80", "0.20", null, evening, "12");
        awaitBooked(cpo, "R-1", "R-2", tooLong, "R-3");
        awaitEntries(cpo, "R-1", 3);
        awaitBooked(otherCpo, "R-1");

        JsonPath run = run(day).then().statusCode(201).extract().jsonPath();
        String eur = statementId(run, cpo, emsp, "EUR");
        String gbp = statementId(run, cpo, emsp, "GBP");
        String other = statementId(run, otherCpo, emsp, "EUR");

        JsonNode eurRecord = onlyRecordOf(eur);
        assertThat(eurRecord.path("record").path("cdrs")).as("each CDR once, sorted; the long id cannot be listed")
                .extracting(JsonNode::asText).containsExactly("R-1", "R-2");
        assertThat(eurRecord.path("omitted_cdr_ids")).extracting(JsonNode::asText).containsExactly(tooLong);
        assertThat(eurRecord.path("record").path("country_code").asText()).as("issued by the hub").isEqualTo("NL");
        assertThat(eurRecord.path("record").path("party_id").asText()).isEqualTo("CCH");
        assertThat(eurRecord.path("record").path("invoice_id").asText()).isEqualTo(eur);
        assertThat(eurRecord.path("record").path("id").asText()).hasSize(36).isEqualTo(UUID.nameUUIDFromBytes(
                ("invoice-record|" + eur + "|1").getBytes(StandardCharsets.UTF_8)).toString());
        assertThat(Instant.parse(eurRecord.path("record").path("last_updated").asText()))
                .isEqualTo(Instant.parse(run.getString("ran_at")).truncatedTo(ChronoUnit.SECONDS));
        assertThat(eurRecord.path("record").path("last_updated").asText()).as("an OCPI DateTime, to the second")
                .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        assertThat(eurRecord.path("cpo").path("party_id").asText()).isEqualTo(pid(cpo));
        assertThat(eurRecord.path("emsp").path("party_id").asText()).isEqualTo(pid(emsp));
        assertThat(eurRecord.path("part").asInt()).isEqualTo(1);
        assertThat(eurRecord.path("parts").asInt()).isEqualTo(1);

        assertThat(onlyRecordOf(gbp).path("record").path("cdrs")).extracting(JsonNode::asText).containsExactly("R-3");
        JsonNode otherRecord = onlyRecordOf(other);
        assertThat(otherRecord.path("record").path("cdrs")).extracting(JsonNode::asText).containsExactly("R-1");
        assertThat(otherRecord.path("cpo").path("country_code").asText()).as("R-1 of the other CPO").isEqualTo("BE");
        assertThat(otherRecord.path("record").path("id").asText())
                .isNotEqualTo(eurRecord.path("record").path("id").asText());

        // the same period again: the same run, no record issued again
        run(day).then().statusCode(200);
        assertThat(records(day, null)).filteredOn(r -> r.path("statement_id").asText().equals(eur)).singleElement()
                .satisfies(r -> assertThat(r).isEqualTo(eurRecord));
        assertThatThrownBy(() -> kafka.awaitRecords(TOPIC, r -> r.value().contains(eur), 2, Duration.ofSeconds(5)))
                .as("one event for the EUR statement, not two").isInstanceOf(AssertionError.class);
        try (Connection db = DriverManager.getConnection(LocalInfraResource.jdbcUrl(), LocalInfraResource.username(),
                LocalInfraResource.password()); Statement sql = db.createStatement()) {
            assertThatThrownBy(() -> sql.executeUpdate("update settlement.invoice_record set cdr_ids = '[\"R-9\"]'"))
                    .as("a record issued stays as it was").hasMessageContaining("insert-only");
        }
    }

    /** The operator follows one CDR: booked, then settled in which run and statement, listed on which record. */
    @Test
    void oneCdrShowsItsEntriesAndTheRunStatementAndRecordThatSettledIt() {
        Instant day = nextDay();
        String cdrId = "J*1%";
        new RatedCdrs(kafka, cpo, emsp).rated(cdrId, "EUR", "3.99", "3.81", "0.18", null,
                day.plus(19, ChronoUnit.HOURS), "10.5");
        String path = "/admin/settlement/cdrs/{cc}/{pid}/{cdr_id}";
        await(cdrId + " booked").atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> admin()
                .get(path, cpo.substring(0, 2).toLowerCase(), pid(cpo).toLowerCase(), cdrId).statusCode() == 200);
        admin().get(path, cpo.substring(0, 2), pid(cpo), cdrId).then().statusCode(200)
                .body("cdr_id", equalTo(cdrId))
                .body("entries.size()", equalTo(1))
                .body("entries[0].purpose", equalTo("CDR"))
                .body("settled", empty())
                .body("terminal_paid", equalTo(false))
                .body("disputes", empty());

        String statement = statementId(run(day).then().statusCode(201).extract().jsonPath(), cpo, emsp, "EUR");
        JsonPath settled = admin().get(path, cpo.substring(0, 2), pid(cpo), cdrId).then().statusCode(200)
                .extract().jsonPath();
        assertThat(settled.getString("settled[0].statement_id")).isEqualTo(statement);
        assertThat(settled.getString("settled[0].period_start")).isEqualTo(day.toString());
        assertThat(settled.getList("settled[0].invoice_records", String.class)).containsExactly(UUID.nameUUIDFromBytes(
                ("invoice-record|" + statement + "|1").getBytes(StandardCharsets.UTF_8)).toString());
        assertThat(settled.getString("settled[0].entry_id")).isEqualTo(settled.getString("entries[0].entry_id"));

        admin().get(path, cpo.substring(0, 2), pid(cpo), "NO-SUCH-CDR").then().statusCode(404)
                .body("message", containsString("NO-SUCH-CDR"));
        admin().get(path, "NLD", pid(cpo), cdrId).then().statusCode(400).body("message", containsString("country_code"));
        admin().get(path, "NL", "I*", cdrId).then().statusCode(400).body("message", containsString("party_id"));
        given().get(path, "NL", pid(cpo), cdrId).then().statusCode(401);
    }

    @Test
    void aLargeStatementIsSplitIntoRecordsThatAPlatformReadsFromThePartyApi() throws Exception {
        String tokenC = "token-c-" + UUID.randomUUID();
        announce(emsp, "EMSP", tokenC);
        Instant day = nextDay();
        Instant noon = day.plus(12, ChronoUnit.HOURS);
        RatedCdrs cdrs = new RatedCdrs(kafka, cpo, emsp);
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            ids.add("L-" + i);
            cdrs.rated("L-" + i, "EUR", "1.00", "0.95", "0.05", null, noon, "2");
        }
        // another pair's statement, which the eMSP's platform must not see
        new RatedCdrs(kafka, otherCpo, "FR*I" + pid(emsp).substring(1)).rated("L-X", "EUR", "1.00", "0.95", "0.05",
                null, noon, "2");
        awaitBooked(cpo, ids.toArray(String[]::new));
        awaitBooked(otherCpo, "L-X");

        JsonPath run = run(day).then().statusCode(201).extract().jsonPath();
        String statement = statementId(run, cpo, emsp, "EUR");
        List<ConsumerRecord<String, String>> events = kafka.awaitRecords(TOPIC,
                r -> r.value().contains("\"statement_id\":\"" + statement + "\""), 3, WAIT);
        List<JsonNode> parts = new ArrayList<>();
        for (ConsumerRecord<String, String> event : events) {
            JsonNode part = JSON.readTree(event.value());
            assertThat(event.key()).as("keyed by the record id").isEqualTo(part.path("record").path("id").asText());
            assertThat(KafkaTestClient.header(event, "ce_type")).isEqualTo("settlement.invoice-record.issued.v1");
            assertThat(KafkaTestClient.header(event, "ce_subject")).isEqualTo(statement);
            parts.add(part);
        }
        parts.sort((a, b) -> Integer.compare(a.path("part").asInt(), b.path("part").asInt()));
        assertThat(parts).extracting(p -> p.path("part").asInt()).containsExactly(1, 2, 3);
        assertThat(parts).allSatisfy(p -> {
            assertThat(p.path("parts").asInt()).isEqualTo(3);
            assertThat(p.path("record").path("invoice_id").asText()).isEqualTo(statement);
        });
        List<String> listed = new ArrayList<>();
        parts.forEach(p -> p.path("record").path("cdrs").forEach(id -> listed.add(id.asText())));
        assertThat(listed).as("every CDR of the statement on exactly one record").containsExactlyElementsOf(ids);
        assertThat(parts).extracting(p -> p.path("record").path("id").asText()).doesNotHaveDuplicates();

        // the platform of the eMSP (were it on OCPI 2.2.1) reads the same records with its token C, and no others
        await("the platform's token known").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> asPlatform(tokenC).get("/party/settlement/invoice-records").statusCode() == 200);
        List<JsonNode> mine = parse(asPlatform(tokenC).queryParam("period_start", day.toString())
                .queryParam("period_end", day.plus(1, ChronoUnit.DAYS).toString())
                .get("/party/settlement/invoice-records").then().statusCode(200).extract().asString());
        assertThat(mine).containsExactlyElementsOf(parts);
        assertThat(parse(asPlatform(tokenC).get("/party/settlement/invoice-records").then().statusCode(200).extract()
                .asString())).as("every run's").allSatisfy(r -> assertThat(r.path("emsp").path("party_id").asText())
                .isEqualTo(pid(emsp)));
        given().get("/party/settlement/invoice-records").then().statusCode(401);
        assertThat(records(day, otherCpo)).singleElement().satisfies(r -> assertThat(r.path("record").path("cdrs"))
                .extracting(JsonNode::asText).containsExactly("L-X"));
    }

    // ---------------------------------------------------------------------------------------------------------

    private JsonNode onlyRecordOf(String statementId) throws Exception {
        ConsumerRecord<String, String> event = kafka.awaitRecord(TOPIC,
                r -> r.value().contains("\"statement_id\":\"" + statementId + "\""), WAIT);
        assertThat(KafkaTestClient.header(event, "ce_subject")).isEqualTo(statementId);
        return JSON.readTree(event.value());
    }

    private static List<JsonNode> records(Instant day, String party) throws Exception {
        RequestSpecification request = admin().queryParam("period_start", day.toString())
                .queryParam("period_end", day.plus(1, ChronoUnit.DAYS).toString());
        if (party != null) {
            request = request.queryParam("party", party);
        }
        return parse(request.get("/admin/settlement/invoice-records").then().statusCode(200).extract().asString());
    }

    private static List<JsonNode> parse(String array) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        JSON.readTree(array).forEach(nodes::add);
        return nodes;
    }

    private void announce(String party, String role, String tokenC) {
        String platform = "invoice-records-test-" + UUID.randomUUID();
        kafka.produce("hub.party.v1", platform, Map.of("ce_id", UUID.randomUUID().toString(), "ce_type",
                "hub.platform.connected.v1", "ce_source", "/chargeclear/party-registry", "ce_specversion", "1.0"), """
                {"platform_id": "%s", "name": "eMSP platform", "status": "ACTIVE", "revision": 1, "plain_tokens": false,
                 "parties": [{"country_code": "%s", "party_id": "%s", "role": "%s", "name": "Our eMSP"}],
                 "credentials": [{"token_hash": "%s", "kind": "C", "expires_at": null}],
                 "changed_at": "2026-11-24T10:00:00Z"}""".formatted(platform, party.substring(0, 2), pid(party), role,
                TokenHeader.sha256(tokenC)));
    }

    private static String statementId(JsonPath run, String cpo, String emsp, String currency) {
        String id = run.getString("statements.find { it.cpo.country_code == '" + cpo.substring(0, 2)
                + "' && it.cpo.party_id == '" + pid(cpo) + "' && it.emsp.country_code == '" + emsp.substring(0, 2)
                + "' && it.emsp.party_id == '" + pid(emsp) + "' && it.currency == '" + currency + "' }.statement_id");
        assertThat(id).as("statement " + cpo + " -> " + emsp + " in " + currency).isNotNull();
        return id;
    }

    private void awaitBooked(String owner, String... cdrIds) {
        for (String cdrId : cdrIds) {
            awaitEntries(owner, cdrId, 1);
        }
    }

    private void awaitEntries(String owner, String cdrId, int atLeast) {
        await(cdrId + " booked").atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> admin()
                .get("/admin/settlement/journal/" + owner.replace('*', '/') + "/" + cdrId).then().statusCode(200)
                .extract().<List<Object>>path("$").size() >= atLeast);
    }
}
