package io.chargeclear.gateway;

import io.chargeclear.model.ocpi.TokenHeader;
import io.chargeclear.testkit.KafkaTestClient;
import io.chargeclear.testkit.LocalInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Under overload the gateway refuses the excess at once instead of queueing it (docs/adr/0023-gateway-overload.md),
 * over real Kafka, PostgreSQL and loopback partners. Pushes are held inside their transaction by a row lock this
 * test takes on the stored token, with a push budget of 2 in flight and 1 waiting: the next push is answered HTTP
 * 503 with {@code Retry-After} and an OCPI 3000 envelope in well under a second, a real-time authorization is still
 * answered by the eMSP meanwhile (its own budget), and once the lock is released every accepted push is stored
 * with its event while no refused one left a trace.
 */
@QuarkusTest
@TestProfile(OverloadTest.SmallBudgets.class)
@WithTestResource(value = LocalInfraResource.class, scope = TestResourceScope.GLOBAL)
class OverloadTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration AT_ONCE = Duration.ofSeconds(2);

    private static final String CPO = "O" + DeliveryFailuresTest.letters();
    private static final String EMSP = "V" + DeliveryFailuresTest.letters();
    private static final String CPO_TOKEN_C = "cpo-c-" + UUID.randomUUID();
    private static final String EMSP_TOKEN_C = "emsp-c-" + UUID.randomUUID();
    private static final String CPO_PLATFORM = UUID.randomUUID().toString();
    private static final String EMSP_PLATFORM = UUID.randomUUID().toString();

    private static RequestHotPathTest.Partner cpo;
    private static RequestHotPathTest.Partner emsp;
    private static boolean connected;

    /** Two pushes in flight and one waiting; refusals ask to come back in 3 s. */
    public static class SmallBudgets implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chargeclear.gateway.overload.push.max-in-flight", "2",
                    "chargeclear.gateway.overload.push.max-waiting", "1",
                    "chargeclear.gateway.overload.realtime.max-in-flight", "4",
                    "chargeclear.gateway.overload.realtime.max-waiting", "1",
                    "chargeclear.gateway.overload.retry-after", "PT3S");
        }
    }

    @BeforeEach
    void connectPartners() throws SQLException {
        if (connected) {
            return;
        }
        connected = true;
        cpo = new RequestHotPathTest.Partner();
        emsp = new RequestHotPathTest.Partner();
        try (KafkaTestClient kafka = new KafkaTestClient(LocalInfraResource.kafkaBootstrap())) {
            DeliveryFailuresTest.platform(kafka, CPO_PLATFORM, 1, "ACTIVE", "NL", CPO, "CPO", CPO_TOKEN_C);
            DeliveryFailuresTest.platform(kafka, EMSP_PLATFORM, 1, "ACTIVE", "DE", EMSP, "EMSP", EMSP_TOKEN_C);
            DeliveryFailuresTest.agreement(kafka, CPO, EMSP, "\"tokens\", \"commands\"");
        }
        DeliveryFailuresTest.connection(CPO_PLATFORM, cpo.baseUrl(), "cpo-b", "[{\"identifier\": \"tokens\","
                + " \"role\": \"RECEIVER\", \"url\": \"%1$s/ocpi/2.2.1/tokens\"}]");
        DeliveryFailuresTest.connection(EMSP_PLATFORM, emsp.baseUrl(), "emsp-b", "[{\"identifier\": \"tokens\","
                + " \"role\": \"SENDER\", \"url\": \"%1$s/ocpi/2.2.1/tokens/\"}]");
        await("platforms and agreement applied").atMost(WAIT).pollInterval(Duration.ofMillis(300))
                .until(() -> Integer.valueOf(1000).equals(authorize(uid("W")).extract().path("status_code")));
    }

    @AfterAll
    static void stopPartners() {
        if (cpo != null) {
            cpo.close();
            emsp.close();
        }
    }

    @Test
    void pushesBeyondTheBudgetAreRefusedAtOnceWhileAuthorizationsGoOnAndNothingAcceptedIsLost() throws Exception {
        String uid = uid("T");
        assertThat(putToken(uid, "initial", 0).statusCode()).isEqualTo(200);
        List<CompletableFuture<Timed>> pushes = new ArrayList<>();

        try (Connection lock = database()) {
            lock.setAutoCommit(false);
            lockStoredToken(lock, uid);

            // the two places of the budget: both pushes wait for the row lock inside their transaction
            pushes.add(putTokenLater(uid, "held-1", 1));
            pushes.add(putTokenLater(uid, "held-2", 2));
            await("both pushes wait for the lock").atMost(WAIT).until(() -> waitingForLock() >= 2);

            // three more: one may wait for a place, the other two are refused at once
            pushes.add(putTokenLater(uid, "extra-3", 3));
            pushes.add(putTokenLater(uid, "extra-4", 4));
            pushes.add(putTokenLater(uid, "extra-5", 5));
            await("two of the three are refused").atMost(WAIT)
                    .until(() -> pushes.stream().filter(CompletableFuture::isDone).count() == 2);
            assertThat(pushes.subList(0, 2)).noneMatch(CompletableFuture::isDone);

            // the budget is now full for certain: the next push is refused at once, as the two before it were
            Timed refused = timed(() -> putToken(uid, "refused-6", 6));
            List<Timed> refusals = new ArrayList<>(pushes.stream().filter(CompletableFuture::isDone)
                    .map(CompletableFuture::join).toList());
            refusals.add(refused);
            for (Timed refusal : refusals) {
                assertThat(refusal.response().statusCode()).isEqualTo(503);
                assertThat(refusal.response().header("Retry-After")).isEqualTo("3");
                assertThat(refusal.response().jsonPath().getInt("status_code")).isEqualTo(3000);
                assertThat(refusal.response().jsonPath().getString("status_message")).contains("retry after 3 s");
                assertThat(refusal.response().jsonPath().getString("timestamp")).isNotBlank();
                assertThat(refusal.took()).isLessThan(AT_ONCE);
            }

            // pushes are saturated, yet the driver at the charger gets the eMSP's answer
            authorize(uid("R")).statusCode(200).body("status_code", equalTo(1000))
                    .body("data.result", equalTo("ACCEPTED"));
            assertThat(pushes.stream().filter(CompletableFuture::isDone).count()).as("still held").isEqualTo(2);

            lock.rollback();
        }

        List<Timed> answered = pushes.stream().map(p -> p.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join()).toList();
        Set<String> accepted = new TreeSet<>(Set.of("initial"));
        Set<String> refused = new TreeSet<>(Set.of("refused-6"));
        for (int i = 0; i < answered.size(); i++) {
            Response response = answered.get(i).response();
            String issuer = i < 2 ? "held-" + (i + 1) : "extra-" + (i + 1);
            if (response.statusCode() == 200) {
                assertThat(response.jsonPath().getInt("status_code")).isEqualTo(1000);
                accepted.add(issuer);
            } else {
                assertThat(response.statusCode()).isEqualTo(503);
                refused.add(issuer);
            }
        }
        assertThat(accepted).as("the two held pushes and the one that waited").hasSize(4)
                .contains("held-1", "held-2");
        assertThat(refused).hasSize(3);

        // every accepted push committed its event, in the order the lock let them through; no refused one did
        assertThat(tokenEventIssuers(uid)).containsExactlyInAnyOrderElementsOf(accepted);
        assertThat(storedIssuer(uid)).isIn(accepted);
    }

    // ------------------------------------------------------------------------------------------------------------

    record Timed(Response response, Duration took) {
    }

    private static Timed timed(java.util.function.Supplier<Response> call) {
        long started = System.nanoTime();
        Response response = call.get();
        return new Timed(response, Duration.ofNanos(System.nanoTime() - started));
    }

    private static CompletableFuture<Timed> putTokenLater(String uid, String issuer, int minute) {
        return CompletableFuture.supplyAsync(() -> timed(() -> putToken(uid, issuer, minute)));
    }

    private static Response putToken(String uid, String issuer, int minute) {
        String token = """
                {"country_code": "DE", "party_id": "%s", "uid": "%s", "type": "RFID", "contract_id": "DE-%s-C1",
                 "issuer": "%s", "valid": true, "whitelist": "ALLOWED",
                 "last_updated": "2026-01-01T10:%02d:00Z"}""".formatted(EMSP, uid, EMSP, issuer, minute);
        return given().header("Authorization", TokenHeader.encode(EMSP_TOKEN_C)).contentType(ContentType.JSON)
                .header("OCPI-from-country-code", "DE").header("OCPI-from-party-id", EMSP)
                .body(token).put("/ocpi/2.2.1/receiver/tokens/DE/" + EMSP + "/" + uid + "?type=RFID")
                .then().extract().response();
    }

    private static io.restassured.response.ValidatableResponse authorize(String uid) {
        return given().header("Authorization", TokenHeader.encode(CPO_TOKEN_C)).contentType(ContentType.JSON)
                .header("OCPI-from-country-code", "NL").header("OCPI-from-party-id", CPO)
                .header("OCPI-to-country-code", "DE").header("OCPI-to-party-id", EMSP)
                .body("{\"location_id\": \"LOC-1\"}")
                .post("/ocpi/2.2.1/sender/tokens/" + uid + "/authorize?type=RFID")
                .then();
    }

    private static String uid(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    private static void lockStoredToken(Connection lock, String uid) throws SQLException {
        try (PreparedStatement select = lock.prepareStatement("select object_id from ocpi_gateway.ocpi_object"
                + " where module = 'tokens' and country_code = 'DE' and party_id = ? and object_id = ? for update")) {
            select.setString(1, EMSP);
            select.setString(2, uid);
            try (ResultSet rows = select.executeQuery()) {
                assertThat(rows.next()).as("the token is stored").isTrue();
            }
        }
    }

    /** Backends of the gateway waiting for a row lock on the stored objects. */
    private static int waitingForLock() throws SQLException {
        try (Connection db = database();
             PreparedStatement query = db.prepareStatement("select count(*) from pg_stat_activity"
                     + " where wait_event_type = 'Lock' and query ilike '%ocpi_object%for%update%'")) {
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static List<String> tokenEventIssuers(String uid) throws SQLException {
        try (Connection db = database();
             PreparedStatement query = db.prepareStatement("select payload::jsonb #>> '{object,issuer}'"
                     + " from ocpi_gateway.outbox_event where type = 'ocpi.token.changed.v1' and subject = ?")) {
            query.setString(1, uid);
            List<String> issuers = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    issuers.add(rows.getString(1));
                }
            }
            return issuers;
        }
    }

    private static String storedIssuer(String uid) throws SQLException {
        try (Connection db = database();
             PreparedStatement query = db.prepareStatement("select body::jsonb ->> 'issuer' from ocpi_gateway.ocpi_object"
                     + " where module = 'tokens' and country_code = 'DE' and party_id = ? and object_id = ?")) {
            query.setString(1, EMSP);
            query.setString(2, uid);
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return rows.getString(1);
            }
        }
    }

    private static Connection database() throws SQLException {
        return DriverManager.getConnection(LocalInfraResource.jdbcUrl(), LocalInfraResource.username(),
                LocalInfraResource.password());
    }
}
