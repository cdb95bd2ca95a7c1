package io.chargeclear.settlement;

import io.chargeclear.testkit.KafkaTestClient;
import io.chargeclear.testkit.LocalInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL and then the Kafka broker are really stopped and started again (same ports, same data) while rated CDRs
 * flow into the ledger, without touching the service: PostgreSQL goes away while the ledger books and more CDRs
 * arrive during its absence; the broker goes away while CDRs are being sent. Every CDR is booked exactly once in
 * balanced entries, every booking is announced through the outbox relay, and readiness is UP with no consumer left
 * retrying.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, scope = TestResourceScope.GLOBAL)
class InfrastructureRestartTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int PER_PHASE = 10;
    private static final int TOTAL = 3 * PER_PHASE;

    @TestHTTPResource(value = "/health/ready", management = true) // under the management root, /q
    URL readiness;

    @Test
    void theLedgerBooksEveryCdrOnceAcrossADatabaseAndABrokerRestart() throws Exception {
        int n = ThreadLocalRandom.current().nextInt(26 * 26);
        String letters = "" + (char) ('A' + n / 26) + (char) ('A' + n % 26);
        String cpo = "NL*X" + letters;
        String emsp = "DE*Y" + letters;

        try (KafkaTestClient kafka = KafkaTestClient.local()) {
            RatedCdrs cdrs = new RatedCdrs(kafka, cpo, emsp);
            for (int i = 0; i < PER_PHASE; i++) cdrs.rated("CDR-RS-" + i, 1, "1.00", "0.90", "0.10", null);
            // the ledger is booking these when the database goes away under it; the next ones arrive while it is away
            LocalInfraResource.stopPostgres();
            for (int i = PER_PHASE; i < 2 * PER_PHASE; i++) cdrs.rated("CDR-RS-" + i, 1, "1.00", "0.90", "0.10", null);
            LocalInfraResource.startPostgres();
            // then the broker goes away while the last ones are being sent (the producer waits for it to come back)
            LocalInfraResource.stopKafka();
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                for (int i = 2 * PER_PHASE; i < TOTAL; i++) cdrs.rated("CDR-RS-" + i, 1, "1.00", "0.90", "0.10", null);
            });
            LocalInfraResource.startKafka();
            sending.get(60, TimeUnit.SECONDS);

            await("all " + TOTAL + " CDRs booked").atMost(WAIT).pollInterval(Duration.ofMillis(250))
                    .until(() -> query("select count(distinct cdr_id) from settlement.journal_entry"
                            + " where cpo_country_code = 'NL' and cpo_party_id = 'X" + letters + "'") == TOTAL);
            assertThat(query("select count(*) from settlement.journal_entry where cpo_country_code = 'NL'"
                    + " and cpo_party_id = 'X" + letters + "'")).as("each CDR booked once").isEqualTo(TOTAL);
            assertThat(query("select coalesce(sum(case l.side when 'DEBIT' then l.amount_minor"
                    + " else -l.amount_minor end), -1) from settlement.journal_line l join settlement.journal_entry e"
                    + " on e.id = l.entry_id where e.cpo_country_code = 'NL' and e.cpo_party_id = 'X" + letters + "'"))
                    .as("debits equal credits").isZero();
            List<Map<String, Object>> receivable = given().header("Authorization", "Bearer chargeclear-dev-admin")
                    .queryParam("currency", "EUR").get("/admin/settlement/balances").then().statusCode(200).extract()
                    .path("findAll { it.account == '" + emsp + ":receivable' }");
            assertThat(receivable.stream().mapToLong(b -> ((Number) b.get("balance_minor")).longValue()).sum())
                    .as("the eMSP owes 1.00 per CDR").isEqualTo(TOTAL * 100L);

            // the relay resumed after both restarts: every booking reached settlement.posting.v1 (at least once: after
            // a restart the relay may send again what it sent before its last offset flush; consumers dedupe by id)
            Set<String> posted = ConcurrentHashMap.newKeySet();
            kafka.awaitRecords("settlement.posting.v1",
                    r -> r.key() != null && r.key().startsWith(cpo + "*") && posted.add(r.key()), TOTAL, WAIT);
            assertThat(posted).hasSize(TOTAL);
        }

        JsonPath ready = await("ready, no consumer retrying").atMost(WAIT).pollInterval(Duration.ofMillis(250))
                .until(this::ready, r -> "UP".equals(r.getString("status"))
                        && r.getInt("checks.find { it.name == 'consumers' }.data.retrying") == 0);
        assertThat(ready.getList("checks.status")).containsOnly("UP");
    }

    private JsonPath ready() {
        io.restassured.response.Response r = given().get(readiness);
        assertThat(r.contentType()).as(readiness + " answered " + r.statusCode() + ": " + r.asString())
                .contains("json");
        return r.jsonPath();
    }

    private static long query(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(LocalInfraResource.jdbcUrl(), LocalInfraResource.username(),
                LocalInfraResource.password()); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
