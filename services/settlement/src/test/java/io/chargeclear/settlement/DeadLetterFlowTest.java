package io.chargeclear.settlement;

import io.chargeclear.testkit.KafkaTestClient;
import io.chargeclear.testkit.LocalInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A record the ledger cannot book does not stop the channel: it is parked with its error, the records after it are
 * booked, and the operator lists it, retries it once the cause is gone (booked exactly once) or discards it.
 * The "cause" is a real refusal by the database: a trigger this test installs for one CDR id and later drops.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, scope = TestResourceScope.GLOBAL)
class DeadLetterFlowTest {

    @TestHTTPResource(value = "/health/ready", management = true) // health is served on the management port only
    URL readiness;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metricsUrl;

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final AtomicInteger NEXT = new AtomicInteger(ThreadLocalRandom.current().nextInt(26 * 26));

    private KafkaTestClient kafka;
    private String cpo;
    private String emsp;

    @BeforeEach
    void parties() {
        kafka = new KafkaTestClient(LocalInfraResource.kafkaBootstrap());
        String letters = letters();
        cpo = "NL*D" + letters;
        emsp = "DE*L" + letters;
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void aCdrTheLedgerRefusesIsParkedTheNextAreBookedAndARetryAfterTheFixBooksItOnce() throws SQLException {
        String refused = "CDR-REFUSED-" + cpo.substring(3);
        sql("create or replace function settlement.refuse_" + cpo.substring(3).toLowerCase() + "() returns trigger"
                + " language plpgsql as $$ begin raise exception 'refused for the test: %', new.cdr_id; end $$");
        sql("create trigger refuse_" + cpo.substring(3).toLowerCase() + " before insert on settlement.journal_entry"
                + " for each row when (new.cdr_id = '" + refused + "') execute function settlement.refuse_"
                + cpo.substring(3).toLowerCase() + "()");
        String parkedEvent;
        try {
            parkedEvent = rated(refused, "3.99", "3.81", "0.18");
            rated("CDR-AFTER", "1.00", "0.90", "0.10");

            // the channel went on: the CDR after the refused one is booked
            awaitBalance(emsp + ":receivable", 100);
            JsonPath letter = awaitParked(parkedEvent);
            assertThat(letter.getString("consumer")).isEqualTo("ledger");
            assertThat(letter.getString("event_type")).isEqualTo("rating.cdr-rated.v1");
            assertThat(letter.getString("topic")).isEqualTo("rating.cdr-rated.v1");
            assertThat(letter.getString("key")).isEqualTo(cpo + "*" + refused);
            assertThat(letter.getString("error_message")).contains("refused for the test: " + refused);
            assertThat(letter.getInt("attempts")).isEqualTo(1);
            String id = letter.getString("id");

            assertThat(admin().get("/admin/dead-letters/" + id).then().statusCode(200).extract().path("payload")
                    .toString()).contains(refused);
            // readiness reports it and stays UP: a parked record is the operator's, not a reason to leave service
            await("parked in readiness").atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() ->
                    ready().getInt("checks.find { it.name == 'consumers' }.data.parked") > 0);
            assertThat(ready().getString("checks.find { it.name == 'consumers' }.status")).isEqualTo("UP");

            // the cause is still there: still failing, one more attempt, the new error
            Response again = admin().post("/admin/dead-letters/" + id + "/retry");
            assertThat(again.statusCode()).as(again.asString()).isEqualTo(200);
            assertThat(again.jsonPath().getString("outcome")).isEqualTo("FAILED");
            assertThat(again.jsonPath().getString("dead_letter.status")).isEqualTo("PARKED");
            assertThat(again.jsonPath().getInt("dead_letter.attempts")).isEqualTo(2);
            assertThat(again.jsonPath().getString("dead_letter.error_message")).contains("refused for the test");
        } finally {
            sql("drop trigger if exists refuse_" + cpo.substring(3).toLowerCase() + " on settlement.journal_entry");
        }

        String id = awaitParked(parkedEvent).getString("id");
        Response applied = admin().post("/admin/dead-letters/" + id + "/retry");
        assertThat(applied.statusCode()).as(applied.asString()).isEqualTo(200);
        assertThat(applied.jsonPath().getString("outcome")).isEqualTo("APPLIED");
        assertThat(applied.jsonPath().getString("dead_letter.status")).isEqualTo("RETRIED");
        assertThat(balance(emsp + ":receivable")).isEqualTo(499);

        // applied once: a second retry is refused, and the event delivered again books nothing more
        assertError(admin().post("/admin/dead-letters/" + id + "/retry"), 409, "RETRIED");
        new RatedCdrs(kafka, cpo, emsp).produce(parkedEvent, refused, 1, "EUR", "3.99", "3.81", "0.18", null,
                java.time.Instant.parse("2026-03-01T11:00:00Z"), "10.5");
        rated("CDR-MARK", "1.00", "0.90", "0.10");
        awaitBalance(emsp + ":receivable", 599);
        assertThat(journal(refused)).hasSize(1);
    }

    /**
     * A database outage in the middle of booking: the consumer's transaction is held on a lock, its connections are
     * terminated and the database then refuses new ones for a while (connection limit 0). The consumer retries the
     * same record with backoff, reports itself retrying, and books everything exactly once when the database takes
     * connections again, with no restart of anything.
     */
    @Test
    void aDatabaseOutageWhileBookingIsRetriedUntilItPassesWithNothingLostOrDoubled() throws Exception {
        double retriesBefore = retries();
        try (Connection holder = connect(); Statement lock = holder.createStatement();
             Connection admin = connect(); Statement sql = admin.createStatement()) {
            holder.setAutoCommit(false);
            lock.execute("lock table settlement.journal_entry in access exclusive mode");
            rated("CDR-OUT-1", "1.00", "0.90", "0.10");
            rated("CDR-OUT-2", "2.00", "1.90", "0.10");
            await("the ledger waiting on the lock").atMost(WAIT).pollInterval(Duration.ofMillis(100))
                    .until(() -> count(sql, "select count(*) from pg_stat_activity where application_name ="
                            + " 'vertx-pg-client' and wait_event_type = 'Lock'") > 0);
            String database = admin.getCatalog();
            try {
                sql.execute("alter database " + database + " connection limit 0");
                sql.execute("select pg_terminate_backend(pid) from pg_stat_activity"
                        + " where application_name = 'vertx-pg-client'");
                await("the ledger retrying").atMost(WAIT).pollInterval(Duration.ofMillis(100))
                        .until(() -> retries() >= retriesBefore + 2);
                JsonPath ready = ready();
                assertThat(ready.getString("checks.find { it.name == 'consumers' }.status")).isEqualTo("UP");
                assertThat(ready.getInt("checks.find { it.name == 'consumers' }.data.retrying")).isPositive();
            } finally {
                sql.execute("alter database " + database + " connection limit -1");
                holder.rollback();
            }
        }
        awaitBalance(emsp + ":receivable", 300);
        rated("CDR-OUT-3", "4.00", "3.90", "0.10");
        awaitBalance(emsp + ":receivable", 700);
        assertThat(journal("CDR-OUT-1")).hasSize(1);
        assertThat(journal("CDR-OUT-2")).hasSize(1);
        assertThat(awaitReady().getInt("checks.find { it.name == 'consumers' }.data.retrying")).isZero();
    }

    private JsonPath awaitReady() {
        return await("no consumer retrying").atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(
                this::ready, r -> r.getInt("checks.find { it.name == 'consumers' }.data.retrying") == 0);
    }

    /** The ledger consumer's transient failures so far, from the Prometheus endpoint. */
    private double retries() {
        String metrics = given().get(metricsUrl).asString();
        return metrics.lines()
                .filter(line -> line.startsWith("chargeclear_consumer_retries_total{") && line.contains("consumer=\"ledger\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(LocalInfraResource.jdbcUrl(), LocalInfraResource.username(),
                LocalInfraResource.password());
    }

    private static long count(Statement sql, String query) throws SQLException {
        try (var rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void anUnreadableRecordIsParkedAndTheOperatorDiscardsIt() {
        String eventId = UUID.randomUUID().toString();
        kafka.produce("rating.cdr-rated.v1", cpo + "*CDR-GARBLED", Map.of("ce_id", eventId, "ce_type",
                "rating.cdr-rated.v1", "ce_source", "/chargeclear/test", "ce_specversion", "1.0"), "not json at all");
        rated("CDR-AFTER-GARBLED", "2.00", "1.90", "0.10");
        awaitBalance(emsp + ":receivable", 200);

        JsonPath letter = awaitParked(eventId);
        assertThat(letter.getString("error_message")).contains("unreadable payload");
        String id = letter.getString("id");

        Response retried = admin().post("/admin/dead-letters/" + id + "/retry");
        assertThat(retried.jsonPath().getString("outcome")).as(retried.asString()).isEqualTo("FAILED");

        Response discarded = admin().post("/admin/dead-letters/" + id + "/discard");
        assertThat(discarded.statusCode()).as(discarded.asString()).isEqualTo(200);
        assertThat(discarded.jsonPath().getString("status")).isEqualTo("DISCARDED");
        assertThat(discarded.jsonPath().getString("resolved_at")).isNotNull();
        assertError(admin().post("/admin/dead-letters/" + id + "/discard"), 409, "DISCARDED");
        assertThat(admin().queryParam("status", "PARKED").queryParam("consumer", "ledger").get("/admin/dead-letters")
                .jsonPath().getList("event_id")).doesNotContain(eventId);
        assertThat(admin().queryParam("status", "DISCARDED").get("/admin/dead-letters")
                .jsonPath().getList("event_id")).contains(eventId);
    }

    @Test
    void unknownDeadLettersAndFiltersAreJsonErrors() {
        String unknown = UUID.randomUUID().toString();
        assertError(admin().get("/admin/dead-letters/" + unknown), 404, unknown);
        assertError(admin().post("/admin/dead-letters/" + unknown + "/retry"), 404, unknown);
        assertError(admin().post("/admin/dead-letters/" + unknown + "/discard"), 404, unknown);
        assertError(admin().get("/admin/dead-letters/not-an-id"), 404, "not-an-id");
        assertError(admin().queryParam("status", "LOST").get("/admin/dead-letters"), 400, "LOST");
        assertThat(given().get("/admin/dead-letters").statusCode()).isEqualTo(401);
    }

    private JsonPath awaitParked(String eventId) {
        return await("dead letter of " + eventId).atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            List<Map<String, Object>> parked = admin().queryParam("consumer", "ledger").queryParam("status", "PARKED")
                    .get("/admin/dead-letters").then().statusCode(200).extract().path("findAll { it.event_id == '"
                            + eventId + "' }");
            return parked.isEmpty() ? null
                    : new JsonPath(admin().get("/admin/dead-letters/" + parked.get(0).get("id")).asString());
        }, found -> found != null);
    }

    private JsonPath ready() {
        return new JsonPath(given().get(readiness).asString());
    }

    private String rated(String cdrId, String payable, String receivable, String fee) {
        return new RatedCdrs(kafka, cpo, emsp).rated(cdrId, 1, payable, receivable, fee, null);
    }

    private static void sql(String statement) throws SQLException {
        try (Connection db = DriverManager.getConnection(LocalInfraResource.jdbcUrl(), LocalInfraResource.username(),
                LocalInfraResource.password()); Statement sql = db.createStatement()) {
            sql.execute(statement);
        }
    }

    private void awaitBalance(String account, long minor) {
        await(account + " at " + minor).atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> balance(account) == minor);
    }

    private long balance(String account) {
        List<Map<String, Object>> balances = admin().queryParam("currency", "EUR").get("/admin/settlement/balances")
                .then().statusCode(200).extract().path("findAll { it.account == '" + account + "' }");
        return balances.stream().mapToLong(b -> ((Number) b.get("balance_minor")).longValue()).sum();
    }

    private List<Map<String, Object>> journal(String cdrId) {
        return admin().get("/admin/settlement/journal/" + cpo.replace('*', '/') + "/" + cdrId).then().statusCode(200)
                .extract().path("$");
    }

    private static void assertError(Response response, int status, String message) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.jsonPath().getString("message")).contains(message);
    }

    private static RequestSpecification admin() {
        return given().header("Authorization", "Bearer chargeclear-dev-admin");
    }

    private static String letters() {
        int n = NEXT.getAndIncrement() % (26 * 26);
        return "" + (char) ('A' + n / 26) + (char) ('A' + n % 26);
    }
}
