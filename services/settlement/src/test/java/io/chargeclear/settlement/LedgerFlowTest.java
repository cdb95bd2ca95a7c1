package io.chargeclear.settlement;

import io.chargeclear.testkit.KafkaTestClient;
import io.chargeclear.testkit.LocalInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
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
 * The ledger over real Kafka and PostgreSQL: rated CDRs from rating.cdr-rated.v1 are booked once, balanced,
 * reversed when re-rated or credited, announced on settlement.posting.v1, and the database itself refuses to
 * change or unbalance the journal. Each test uses its own parties.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, scope = TestResourceScope.GLOBAL)
class LedgerFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final AtomicInteger NEXT = new AtomicInteger(ThreadLocalRandom.current().nextInt(26 * 26));

    private KafkaTestClient kafka;
    private String cpo;
    private String emsp;

    @BeforeEach
    void parties() {
        kafka = new KafkaTestClient(LocalInfraResource.kafkaBootstrap());
        cpo = "NL*C" + letters();
        emsp = "DE*M" + letters();
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void aRatedCdrIsBookedOnceAndBalances() {
        String eventId = rated("CDR-1", 1, "3.99", "3.81", "0.18", null);
        awaitBalance(emsp + ":receivable", 399);
        assertThat(balance(cpo + ":payable")).isEqualTo(-381);

        // the same event again, and the same rating under another event id, book nothing more
        produce(eventId, "CDR-1", 1, "3.99", "3.81", "0.18", null);
        rated("CDR-1", 1, "3.99", "3.81", "0.18", null);
        rated("CDR-2", 1, "1.00", "0.90", "0.10", null);
        awaitBalance(emsp + ":receivable", 499);
        assertThat(journal("CDR-1")).hasSize(1);

        var posting = kafka.awaitRecord("settlement.posting.v1", r -> (cpo + "*CDR-1").equals(r.key()), WAIT);
        assertThat(KafkaTestClient.header(posting, "ce_type")).isEqualTo("settlement.posting.posted.v1");
        assertThat(posting.value()).contains("\"hub:clearing\"", "\"amount_minor\":399");
    }

    @Test
    void aReRatedCdrIsReversedAndBookedAgainAndACreditCdrTakesItBack() {
        rated("CDR-3", 1, "3.99", "3.81", "0.18", null);
        awaitBalance(emsp + ":receivable", 399);
        rated("CDR-3", 2, "5.45", "5.24", "0.21", null);
        awaitBalance(emsp + ":receivable", 545);
        List<Map<String, Object>> entries = journal("CDR-3");
        assertThat(entries).extracting(e -> e.get("purpose")).containsExactly("CDR", "REVERSAL", "CDR");
        assertThat(balance(cpo + ":payable")).isEqualTo(-524);

        rated("CDR-3-C", 1, "-5.45", "-5.24", "-0.21", "CDR-3");
        awaitBalance(emsp + ":receivable", 0);
        assertThat(balance(cpo + ":payable")).isZero();
    }

    @Test
    void aPoundRatingChargedThePercentageAloneIsBookedInPounds() {
        // what rating publishes for a GBP CDR under terms with a per-session fee in EUR only: 2.5 % of 3.30
        RatedCdrs ratings = new RatedCdrs(kafka, cpo, emsp);
        String payload = ratings.payload("CDR-GBP", 1, "GBP", "3.99", "3.91", "0.08", null,
                Instant.parse("2026-03-01T11:00:00Z"), "11");
        kafka.produce("rating.cdr-rated.v1", ratings.key("CDR-GBP"), RatedCdrs.headers(UUID.randomUUID().toString()),
                payload.substring(0, payload.lastIndexOf('}')) + ", \"hub_fee_note\": \"NO_PER_SESSION_FEE_IN_CURRENCY\"}");

        await(emsp + ":receivable at 399 GBP").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> balance(emsp + ":receivable", "GBP") == 399);
        assertThat(balance(cpo + ":payable", "GBP")).isEqualTo(-391);
        assertThat(balance(emsp + ":receivable")).as("nothing in EUR").isZero();
    }

    @Test
    void theDatabaseKeepsTheJournalInsertOnlyAndBalanced() throws SQLException {
        rated("CDR-4", 1, "2.00", "1.90", "0.10", null);
        awaitBalance(emsp + ":receivable", 200);
        try (Connection db = DriverManager.getConnection(LocalInfraResource.jdbcUrl(), LocalInfraResource.username(),
                LocalInfraResource.password()); Statement sql = db.createStatement()) {
            assertThatThrownBy(() -> sql.executeUpdate("update settlement.journal_line set amount_minor = 1"))
                    .hasMessageContaining("insert-only");
            assertThatThrownBy(() -> sql.executeUpdate("delete from settlement.journal_entry"))
                    .hasMessageContaining("insert-only");
            db.setAutoCommit(false);
            String id = UUID.randomUUID().toString();
            sql.executeUpdate("insert into settlement.journal_entry (id, idempotency_key, cpo_country_code,"
                    + " cpo_party_id, cdr_id, emsp_country_code, emsp_party_id, purpose, rating_revision, currency,"
                    + " session_end, posted_at) values ('" + id + "', 'test:" + id + "', 'NL', 'XXX', 'X', 'DE', 'YYY',"
                    + " 'CDR', 1, 'EUR', now(), now())");
            sql.executeUpdate("insert into settlement.journal_line (entry_id, account, side, amount_minor)"
                    + " values ('" + id + "', 'hub:clearing', 'DEBIT', 100)");
            assertThatThrownBy(db::commit).hasMessageContaining("not balanced");
            db.rollback();
        }
    }

    private String rated(String cdrId, int revision, String payable, String receivable, String fee, String reverses) {
        return new RatedCdrs(kafka, cpo, emsp).rated(cdrId, revision, payable, receivable, fee, reverses);
    }

    private void produce(String eventId, String cdrId, int revision, String payable, String receivable, String fee,
                         String reverses) {
        new RatedCdrs(kafka, cpo, emsp).produce(eventId, cdrId, revision, "EUR", payable, receivable, fee, reverses,
                Instant.parse("2026-03-01T11:00:00Z"), "10.5");
    }

    private void awaitBalance(String account, long minor) {
        await(account + " at " + minor).atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> balance(account) == minor);
    }

    private long balance(String account) {
        return balance(account, "EUR");
    }

    private long balance(String account, String currency) {
        List<Map<String, Object>> balances = admin().queryParam("currency", currency).get("/admin/settlement/balances")
                .then().statusCode(200).extract().path("findAll { it.account == '" + account + "' }");
        return balances.stream().mapToLong(b -> ((Number) b.get("balance_minor")).longValue()).sum();
    }

    private List<Map<String, Object>> journal(String cdrId) {
        return admin().get("/admin/settlement/journal/" + cpo.replace('*', '/') + "/" + cdrId).then().statusCode(200)
                .extract().path("$");
    }

    private static RequestSpecification admin() {
        return given().header("Authorization", "Bearer chargeclear-dev-admin");
    }

    private static String letters() {
        int n = NEXT.getAndIncrement() % (26 * 26);
        return "" + (char) ('A' + n / 26) + (char) ('A' + n % 26);
    }
}
