package io.chargeclear.settlement;

import io.chargeclear.kit.admin.AdminErrorsContract;
import io.chargeclear.model.ocpi.TokenHeader;
import io.chargeclear.testkit.KafkaTestClient;
import io.chargeclear.testkit.LocalInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.chargeclear.settlement.SettlementFlows.admin;
import static io.chargeclear.settlement.SettlementFlows.amount;
import static io.chargeclear.settlement.SettlementFlows.asPlatform;
import static io.chargeclear.settlement.SettlementFlows.is;
import static io.chargeclear.settlement.SettlementFlows.letters;
import static io.chargeclear.settlement.SettlementFlows.nextDay;
import static io.chargeclear.settlement.SettlementFlows.pid;
import static io.chargeclear.settlement.SettlementFlows.run;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Settlement runs over real Kafka and PostgreSQL (daily periods in UTC under test): rated CDRs booked from
 * rating.cdr-rated.v1 settle into gross statements and net positions that add up, announced on
 * settlement.statement.v1 and settlement.net-position.v1; asking again changes nothing; a disputed CDR is held
 * out until resolved; a CDR that arrives after its period's run settles late in the next one. Runs are global and
 * follow each other, so each test settles the day after the last run, and reads only its own parties.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, scope = TestResourceScope.GLOBAL)
class SettlementRunFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private KafkaTestClient kafka;
    private String cpo;
    private String emsp;
    private String both;

    @BeforeEach
    void parties() {
        kafka = new KafkaTestClient(LocalInfraResource.kafkaBootstrap());
        String suffix = letters();
        cpo = "NL*S" + suffix;
        emsp = "DE*S" + suffix;
        both = "BE*S" + suffix;
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void aPeriodSettlesIntoStatementsAndNetPositionsThatAddUpAndAskingAgainChangesNothing() {
        Instant day = nextDay();
        Instant evening = day.plus(19, ChronoUnit.HOURS);
        RatedCdrs cpoToEmsp = new RatedCdrs(kafka, cpo, emsp);
        String first = cpoToEmsp.rated("S-1", "EUR", "3.99", "3.81", "0.18", null, evening, "10.5");
        cpoToEmsp.produce(first, "S-1", 1, "EUR", "3.99", "3.81", "0.18", null, evening, "10.5"); // replayed
        cpoToEmsp.rated("S-1", "EUR", "3.99", "3.81", "0.18", null, evening, "10.5");             // duplicated
        cpoToEmsp.rated("S-2", "GBP", "2.50", "2.40", "0.10", null, evening, "6");
        new RatedCdrs(kafka, both, emsp).rated("S-3", "EUR", "5.00", "4.80", "0.20", null, evening, "12.25");
        new RatedCdrs(kafka, cpo, both).rated("S-4", "EUR", "2.00", "1.90", "0.10", null, evening, "4");
        awaitBooked(cpo, "S-1", "S-2", "S-4");
        awaitBooked(both, "S-3");

        Response created = run(day, day.plus(1, ChronoUnit.DAYS));
        assertThat(created.statusCode()).isEqualTo(201);
        JsonPath body = created.jsonPath();
        assertThat(Instant.parse(body.getString("period_start"))).isEqualTo(day);

        List<Map<String, Object>> mine = body.getList("statements.findAll { " + is("it.cpo", cpo) + " && "
                + is("it.emsp", emsp) + " }");
        assertThat(mine).extracting(s -> s.get("currency"), s -> s.get("cdr_count"), s -> s.get("entry_count"))
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("EUR", 1, 1),
                        org.assertj.core.groups.Tuple.tuple("GBP", 1, 1));
        Map<String, Object> eur = mine.stream().filter(s -> "EUR".equals(s.get("currency"))).findFirst().orElseThrow();
        assertThat(amount(eur, "emsp_payable")).isEqualByComparingTo("3.99");
        assertThat(amount(eur, "cpo_receivable")).isEqualByComparingTo("3.81");
        assertThat(amount(eur, "hub_fee")).isEqualByComparingTo("0.18");
        assertThat(new BigDecimal((String) eur.get("energy_kwh"))).isEqualByComparingTo("10.5");

        // the party in both roles nets 4.80 owed to it against 2.00 it owes: the hub pays it 2.80
        assertThat(net(body, cpo, "EUR")).isEqualByComparingTo("5.71");
        assertThat(net(body, emsp, "EUR")).isEqualByComparingTo("-8.99");
        assertThat(net(body, both, "EUR")).isEqualByComparingTo("2.80");
        Map<String, Object> bothPosition = position(body, both, "EUR");
        assertThat((Map<String, Object>) bothPosition.get("payment")).containsEntry("direction", "HUB_PAYS_PARTY")
                .containsEntry("payer", "hub").containsEntry("payee", both);
        assertThat((Map<String, Object>) position(body, emsp, "EUR").get("payment"))
                .containsEntry("direction", "PARTY_PAYS_HUB").containsEntry("payer", emsp);

        // the whole run, every party: net positions + fee revenue = 0 per currency, to the cent
        for (String currency : List.of("EUR", "GBP")) {
            BigDecimal nets = body.<Map<String, Object>>getList("net_positions").stream()
                    .filter(p -> currency.equals(p.get("currency"))).map(p -> amount(p, "net"))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal fees = body.<Map<String, Object>>getList("hub_fee_revenue").stream()
                    .filter(m -> currency.equals(m.get("currency"))).map(m -> new BigDecimal((String) m.get("amount")))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(nets.add(fees)).as(currency).isEqualByComparingTo("0");
        }

        // the same period again: the same run, nothing new
        Response again = run(day, day.plus(1, ChronoUnit.DAYS));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.jsonPath().getString("run_id")).isEqualTo(body.getString("run_id"));
        assertThat(again.jsonPath().getString("ran_at")).isEqualTo(body.getString("ran_at"));
        assertThat(again.jsonPath().getList("statements")).isEqualTo(body.getList("statements"));

        // events for analysts, and the statements as JSON and CSV for the parties
        String statementId = (String) eur.get("statement_id");
        var statement = kafka.awaitRecord("settlement.statement.v1", r -> statementId.equals(r.key()), WAIT);
        assertThat(KafkaTestClient.header(statement, "ce_type")).isEqualTo("settlement.statement.issued.v1");
        assertThat(statement.value()).contains("\"cdr_count\":1", "\"amount\":\"3.99\"");
        var position = kafka.awaitRecord("settlement.net-position.v1",
                r -> r.key().equals(both + "*" + day + "*EUR"), WAIT);
        assertThat(position.value()).contains("\"direction\":\"HUB_PAYS_PARTY\"", "\"amount\":\"2.80\"");

        String csv = admin().accept("text/csv").queryParam("period_start", day.toString())
                .queryParam("period_end", day.plus(1, ChronoUnit.DAYS).toString()).queryParam("party", cpo)
                .get("/admin/settlement/statements").then().statusCode(200).contentType("text/csv").extract().asString();
        assertThat(csv.lines().findFirst().orElseThrow()).startsWith("statement_id,run_id,period_start");
        assertThat(csv.lines().skip(1)).hasSize(3).anySatisfy(line -> assertThat(line)
                .contains("," + cpo + "," + emsp + ",1,1,0,10.5,3.99,3.81,0.18"));
        String entries = admin().accept("text/csv").get("/admin/settlement/statements/" + statementId)
                .then().statusCode(200).extract().asString();
        assertThat(entries.lines().skip(1)).singleElement().satisfies(line -> assertThat(line).contains(",S-1,"));
        String positions = admin().accept("text/csv").queryParam("party", both).get("/admin/settlement/net-positions")
                .then().statusCode(200).extract().asString();
        assertThat(positions).contains(both + ",EUR,4.80,2.00,2.80,HUB_PAYS_PARTY,hub," + both + ",2.80,CC-");
    }

    @Test
    void aDisputedCdrIsHeldOutUntilResolvedAndALateCdrSettlesInTheNextPeriod() {
        Instant day = nextDay();
        RatedCdrs cdrs = new RatedCdrs(kafka, cpo, emsp);
        cdrs.rated("D-1", "EUR", "3.99", "3.81", "0.18", null, day.plus(8, ChronoUnit.HOURS), "10.5");
        cdrs.rated("D-2", "EUR", "1.00", "0.90", "0.10", null, day.plus(9, ChronoUnit.HOURS), "2");
        awaitBooked(cpo, "D-1", "D-2");

        // refused: an unknown CDR, a party that is not in the CDR, a resolution that is not one
        assertThat(dispute(cpo, "D-404", emsp).statusCode()).isEqualTo(404);
        assertThat(dispute(cpo, "D-1", both).statusCode()).isEqualTo(403);
        String disputeId = dispute(cpo, "D-1", emsp).then().statusCode(201).extract().path("id");
        assertThat(dispute(cpo, "D-1", cpo).statusCode()).as("one open dispute per CDR").isEqualTo(409);
        admin().body(Map.of("resolution", "CORRECTED")).post("/admin/settlement/disputes/" + disputeId + "/resolve")
                .then().statusCode(409);
        admin().body(Map.of("resolution", "MAYBE")).post("/admin/settlement/disputes/" + disputeId + "/resolve")
                .then().statusCode(400);

        JsonPath held = run(day, day.plus(1, ChronoUnit.DAYS)).then().statusCode(201).extract().jsonPath();
        Map<String, Object> first = statement(held, cpo, emsp);
        assertThat(first.get("cdr_count")).as("D-1 is held out").isEqualTo(1);
        assertThat(amount(first, "emsp_payable")).isEqualByComparingTo("1.00");

        // after its run, a CDR of the same day arrives: it settles in the next period, flagged late
        cdrs.rated("D-3", "EUR", "2.00", "1.80", "0.20", null, day.plus(10, ChronoUnit.HOURS), "3");
        awaitBooked(cpo, "D-3");
        assertThat(admin().body(Map.of("resolution", "ACCEPTED", "note", "meter reading confirmed"))
                .post("/admin/settlement/disputes/" + disputeId + "/resolve")
                .then().statusCode(200).extract().<String>path("status")).isEqualTo("RESOLVED");
        assertThat(admin().queryParam("status", "OPEN").queryParam("party", emsp).get("/admin/settlement/disputes")
                .then().statusCode(200).extract().<List<Object>>path("$")).isEmpty();

        Instant nextDay = day.plus(1, ChronoUnit.DAYS);
        JsonPath released = run(nextDay, nextDay.plus(1, ChronoUnit.DAYS)).then().statusCode(201).extract().jsonPath();
        Map<String, Object> second = statement(released, cpo, emsp);
        assertThat(second.get("cdr_count")).isEqualTo(2);
        assertThat(second.get("late_entry_count")).as("D-1 and D-3 ended the day before").isEqualTo(2);
        assertThat(amount(second, "emsp_payable")).isEqualByComparingTo("5.99");
    }

    @Test
    void aDisputeCorrectedByACreditCdrSettlesTheCdrAndItsCreditTogether() {
        Instant day = nextDay();
        RatedCdrs cdrs = new RatedCdrs(kafka, cpo, emsp);
        cdrs.rated("C-1", "EUR", "3.99", "3.81", "0.18", null, day.plus(8, ChronoUnit.HOURS), "10.5");
        awaitBooked(cpo, "C-1");
        String disputeId = dispute(cpo, "C-1", emsp).then().statusCode(201).extract().path("id");
        admin().body(Map.of("resolution", "CORRECTED")).post("/admin/settlement/disputes/" + disputeId + "/resolve")
                .then().statusCode(409);

        // the CPO credits it (rated without a breakdown) and sends the corrected CDR
        cdrs.rated("C-1-CR", "EUR", "-3.99", "-3.81", "-0.18", "C-1", day.plus(8, ChronoUnit.HOURS), null);
        cdrs.rated("C-1-B", "EUR", "2.90", "2.76", "0.14", null, day.plus(8, ChronoUnit.HOURS), "8");
        awaitBooked(cpo, "C-1-CR", "C-1-B");
        JsonPath held = run(day, day.plus(1, ChronoUnit.DAYS)).then().statusCode(201).extract().jsonPath();
        Map<String, Object> first = statement(held, cpo, emsp);
        assertThat(first.get("cdr_count")).as("only the corrected CDR; the disputed one and its credit wait")
                .isEqualTo(1);
        assertThat(amount(first, "emsp_payable")).isEqualByComparingTo("2.90");

        admin().body(Map.of("resolution", "CORRECTED")).post("/admin/settlement/disputes/" + disputeId + "/resolve")
                .then().statusCode(200);
        Instant nextDay = day.plus(1, ChronoUnit.DAYS);
        JsonPath released = run(nextDay, nextDay.plus(1, ChronoUnit.DAYS)).then().statusCode(201).extract().jsonPath();
        Map<String, Object> second = statement(released, cpo, emsp);
        assertThat(second.get("cdr_count")).isEqualTo(2);
        assertThat(amount(second, "emsp_payable")).as("the CDR and its credit cancel out").isZero();
        assertThat(new BigDecimal((String) second.get("energy_kwh"))).as("the credit takes its energy back").isZero();
    }

    @Test
    void aRunRefusesWhatIsNotOneWholeEndedPeriodThatFollowsTheLastOne() throws Exception {
        Instant day = nextDay();
        assertThat(run(day, day.plus(2, ChronoUnit.DAYS)).then().statusCode(400).extract().<String>path("message"))
                .contains("daily");
        run(day, day.plus(1, ChronoUnit.DAYS)).then().statusCode(201);
        Instant skipped = day.plus(1, ChronoUnit.DAYS);
        assertThat(run(day.plus(2, ChronoUnit.DAYS), day.plus(3, ChronoUnit.DAYS)).then().statusCode(409).extract()
                .<String>path("message")).contains("settle " + skipped);
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        run(today, today.plus(1, ChronoUnit.DAYS)).then().statusCode(409);

        // without a period: the one due, right after the last run; sent bare, as curl -X POST does
        HttpResponse<String> due = AdminErrorsContract.postBare("/admin/settlement/runs");
        assertThat(due.statusCode()).as(due.body()).isEqualTo(201);
        assertThat(JsonPath.from(due.body()).getString("period_start")).isEqualTo(skipped.toString());
        admin().body(Map.of("period_start", "yesterday", "period_end", "today")).post("/admin/settlement/runs")
                .then().statusCode(400);
        admin().queryParam("period_start", "2020-01-01T00:00:00Z").queryParam("period_end", "2020-01-02T00:00:00Z")
                .get("/admin/settlement/statements").then().statusCode(404);
    }

    @Test
    void aPlatformReadsOnlyItsOwnPartiesStatementsWithItsTokenC() {
        String tokenC = "token-c-" + UUID.randomUUID();
        String tokenA = "token-a-" + UUID.randomUUID();
        String platform = "settlement-test-" + UUID.randomUUID();
        kafka.produce("hub.party.v1", platform, Map.of("ce_id", UUID.randomUUID().toString(), "ce_type",
                "hub.platform.connected.v1", "ce_source", "/chargeclear/party-registry", "ce_specversion", "1.0"), """
                {"platform_id": "%s", "name": "CPO platform", "status": "ACTIVE", "revision": 1, "plain_tokens": false,
                 "parties": [{"country_code": "%s", "party_id": "%s", "role": "CPO", "name": "Our CPO"}],
                 "credentials": [{"token_hash": "%s", "kind": "C", "expires_at": null},
                                 {"token_hash": "%s", "kind": "A", "expires_at": null}],
                 "changed_at": "2026-11-24T10:00:00Z"}""".formatted(platform, cpo.substring(0, 2), pid(cpo),
                TokenHeader.sha256(tokenC), TokenHeader.sha256(tokenA)));
        Instant day = nextDay();
        new RatedCdrs(kafka, cpo, emsp).rated("P-1", "EUR", "3.99", "3.81", "0.18", null, day.plusSeconds(60), "10");
        new RatedCdrs(kafka, both, emsp).rated("P-2", "EUR", "5.00", "4.80", "0.20", null, day.plusSeconds(60), "12");
        awaitBooked(cpo, "P-1");
        awaitBooked(both, "P-2");
        JsonPath run = run(day, day.plus(1, ChronoUnit.DAYS)).then().statusCode(201).extract().jsonPath();
        String theirs = (String) statement(run, both, emsp).get("statement_id");

        await("the platform's token known").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> asPlatform(tokenC).get("/party/settlement/statements").statusCode() == 200);
        List<Map<String, Object>> mine = asPlatform(tokenC).queryParam("period_start", day.toString())
                .queryParam("period_end", day.plus(1, ChronoUnit.DAYS).toString()).get("/party/settlement/statements")
                .then().statusCode(200).extract().path("$");
        assertThat(mine).singleElement().satisfies(s -> assertThat((Map<String, Object>) s.get("cpo"))
                .containsEntry("party_id", pid(cpo)).containsEntry("country_code", cpo.substring(0, 2)));
        asPlatform(tokenC).get("/party/settlement/statements/" + theirs).then().statusCode(404);
        List<Map<String, Object>> positions = asPlatform(tokenC).get("/party/settlement/net-positions").then()
                .statusCode(200).extract().path("$");
        assertThat(positions).isNotEmpty().allSatisfy(p -> assertThat((Map<String, Object>) p.get("party"))
                .containsEntry("party_id", pid(cpo)).containsEntry("country_code", cpo.substring(0, 2)));

        List<String> accounts = asPlatform(tokenC).get("/party/settlement/balances").then().statusCode(200).extract()
                .path("account");
        assertThat(accounts).isNotEmpty().allMatch(a -> a.startsWith(cpo + ":"));

        asPlatform(tokenC).body(Map.of("cpo", party(cpo), "cdr_id", "P-1", "reason", "driver says it never charged"))
                .post("/party/settlement/disputes").then().statusCode(201);
        asPlatform(tokenC).body(Map.of("cpo", party(both), "cdr_id", "P-2", "reason", "not ours"))
                .post("/party/settlement/disputes").then().statusCode(403);

        given().get("/party/settlement/statements").then().statusCode(401);
        given().header("Authorization", TokenHeader.encode(tokenA)).get("/party/settlement/statements").then()
                .statusCode(403).body("message", containsString("token A"));
        given().header("Authorization", TokenHeader.encode("unknown-token")).get("/party/settlement/statements")
                .then().statusCode(401).header("WWW-Authenticate", "Token").body("status", equalTo(401));
        // the operator's token is not a partner's: 403; a partner's token C opens no operator API
        admin().get("/party/settlement/statements").then().statusCode(403).body("message", containsString("partner"));
        asPlatform(tokenC).get("/admin/settlement/statements").then().statusCode(403)
                .body("message", containsString("operator"));
    }

    @Test
    void thePartyApiWrittenAnyOtherWayNeverAnswersDataOrAServerError() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String trick : List.of("/%70arty/settlement/statements", "/p%61rty/settlement/statements",
                "/%2570arty/settlement/statements", "//party/settlement/statements", "/./party/settlement/statements",
                "/party;x=y/settlement/statements", "/PARTY/settlement/statements", "/party/settlement/statements/",
                "/%70arty/settlement/net-positions", "/%61dmin/settlement/statements", "/adm%69n/settlement/disputes")) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + RestAssured.port + trick)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(trick).isBetween(400, 499);
            assertThat(answer.body()).as(trick).doesNotContain("statement_id").doesNotContain("account");
        }
        HttpResponse<String> encoded = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + RestAssured.port + "/%70arty/settlement/statements")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(encoded.statusCode()).isEqualTo(401);
        assertThat(encoded.body()).contains("\"status\":401");
    }

    @Test
    void theDatabaseKeepsRunsInsertOnly() throws SQLException {
        Instant day = nextDay();
        run(day, day.plus(1, ChronoUnit.DAYS)).then().statusCode(201);
        try (Connection db = DriverManager.getConnection(LocalInfraResource.jdbcUrl(), LocalInfraResource.username(),
                LocalInfraResource.password()); Statement sql = db.createStatement()) {
            assertThatThrownBy(() -> sql.executeUpdate("update settlement.settlement_statement set hub_fee_minor = 0"))
                    .hasMessageContaining("insert-only");
            assertThatThrownBy(() -> sql.executeUpdate("delete from settlement.settled_entry"))
                    .hasMessageContaining("insert-only");
        }
    }

    private static Response dispute(String cpo, String cdrId, String by) {
        return admin().body(Map.of("cpo", party(cpo), "cdr_id", cdrId, "opened_by", party(by),
                "reason", "energy reading looks too high")).post("/admin/settlement/disputes");
    }

    private void awaitBooked(String owner, String... cdrIds) {
        for (String cdrId : cdrIds) {
            await(cdrId + " booked").atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> !admin()
                    .get("/admin/settlement/journal/" + owner.replace('*', '/') + "/" + cdrId).then().statusCode(200)
                    .extract().<List<Object>>path("$").isEmpty());
        }
    }

    private static Map<String, Object> statement(JsonPath run, String cpo, String emsp) {
        return run.getMap("statements.find { " + is("it.cpo", cpo) + " && " + is("it.emsp", emsp) + " }");
    }

    private static Map<String, Object> position(JsonPath run, String party, String currency) {
        return run.getMap("net_positions.find { " + is("it.party", party) + " && it.currency == '" + currency + "' }");
    }

    private static BigDecimal net(JsonPath run, String party, String currency) {
        return amount(position(run, party, currency), "net");
    }

    private static Map<String, String> party(String party) {
        return Map.of("country_code", party.substring(0, 2), "party_id", pid(party));
    }
}
