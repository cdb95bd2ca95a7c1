package io.chargeclear.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.chargeclear.model.ocpi.TokenHeader;
import io.chargeclear.testkit.KafkaTestClient;
import io.chargeclear.testkit.LocalInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The latency-critical requests commit nothing before they answer (docs/adr/0019-no-commit-on-the-request-path.md),
 * over real Kafka, PostgreSQL and loopback partners. Writes after the answer are flushed only every 3 s here, so
 * what the tests see could not happen if the request still waited for its commit: the authorization is answered
 * while its decision event is not yet in the outbox, and a CPO that posts a command's result from inside the very
 * request that carries the command (before the hub has even answered the eMSP) still gets it routed. Lookups by
 * object id use the functional indexes of V8.
 */
@QuarkusTest
@TestProfile(RequestHotPathTest.SlowFlush.class)
@WithTestResource(value = LocalInfraResource.class, scope = TestResourceScope.GLOBAL)
class RequestHotPathTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static final String CPO = "H" + DeliveryFailuresTest.letters();
    private static final String EMSP = "P" + DeliveryFailuresTest.letters();
    private static final String CPO_TOKEN_C = "cpo-c-" + UUID.randomUUID();
    private static final String EMSP_TOKEN_C = "emsp-c-" + UUID.randomUUID();
    private static final String CPO_PLATFORM = UUID.randomUUID().toString();
    private static final String EMSP_PLATFORM = UUID.randomUUID().toString();

    private static Partner cpo;
    private static Partner emsp;
    private static boolean connected;

    /** Writes after the answer wait up to 3 s, far longer than any request here takes. */
    public static class SlowFlush implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chargeclear.gateway.write-behind.flush-interval", "PT3S");
        }
    }

    @BeforeEach
    void connectPartners() throws SQLException {
        if (connected) {
            return;
        }
        connected = true;
        cpo = new Partner();
        emsp = new Partner();
        try (KafkaTestClient kafka = new KafkaTestClient(LocalInfraResource.kafkaBootstrap())) {
            DeliveryFailuresTest.platform(kafka, CPO_PLATFORM, 1, "ACTIVE", "NL", CPO, "CPO", CPO_TOKEN_C);
            DeliveryFailuresTest.platform(kafka, EMSP_PLATFORM, 1, "ACTIVE", "DE", EMSP, "EMSP", EMSP_TOKEN_C);
            agreement(kafka);
        }
        DeliveryFailuresTest.connection(CPO_PLATFORM, cpo.baseUrl(), "cpo-b", "[{\"identifier\": \"commands\","
                + " \"role\": \"RECEIVER\", \"url\": \"%1$s/ocpi/2.2.1/commands\"}]");
        DeliveryFailuresTest.connection(EMSP_PLATFORM, emsp.baseUrl(), "emsp-b", "[{\"identifier\": \"tokens\","
                + " \"role\": \"SENDER\", \"url\": \"%1$s/ocpi/2.2.1/tokens/\"}, {\"identifier\": \"commands\","
                + " \"role\": \"SENDER\", \"url\": \"%1$s/ocpi/2.2.1/commands\"}]");
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
    void anAuthorizationIsAnsweredBeforeItsDecisionEventIsWrittenAndTheEventStillArrives() throws SQLException {
        // a probe's event written means the queue is empty and no flush is due: the next write waits the full 3 s
        String probe = uid("P");
        authorize(probe).statusCode(200);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> decisionEvents(probe) == 1);
        String uid = uid("R");

        authorize(uid).statusCode(200).body("status_code", equalTo(1000)).body("data.result", equalTo("ACCEPTED"));

        assertThat(decisionEvents(uid)).as("nothing committed before the answer").isZero();
        await("the decision event is written after the answer").atMost(WAIT).until(() -> decisionEvents(uid) == 1);
    }

    @Test
    void aCommandResultPostedWhileTheRelayIsStillQueuedIsRoutedToTheEmsp() {
        String callback = "/callbacks/" + UUID.randomUUID();
        String body = """
                {"response_url": "%s", "location_id": "LOC-1", "evse_uid": "EVSE-1",
                 "token": {"country_code": "DE", "party_id": "%s", "uid": "TOK-1", "type": "RFID",
                  "contract_id": "DE-%s-C1", "issuer": "eMSP", "valid": true, "whitelist": "ALLOWED",
                  "last_updated": "2026-01-01T10:00:00Z"}}""".formatted(emsp.baseUrl() + callback, EMSP, EMSP);

        given().header("Authorization", TokenHeader.encode(EMSP_TOKEN_C)).contentType(ContentType.JSON)
                .header("OCPI-from-country-code", "DE").header("OCPI-from-party-id", EMSP)
                .header("OCPI-to-country-code", "NL").header("OCPI-to-party-id", CPO)
                .body(body).post("/ocpi/2.2.1/receiver/commands/START_SESSION")
                .then().statusCode(200).body("status_code", equalTo(1000));

        assertThat(cpo.resultAnswers).as("the CPO's result, posted before the hub answered the eMSP, was taken")
                .contains(1000);
        await().atMost(WAIT).until(() -> !emsp.received(callback).isEmpty());
        assertThat(emsp.received(callback).get(0)).contains("ACCEPTED");
    }

    @Test
    void lookupsByObjectIdCanUseTheFunctionalIndexes() throws SQLException {
        List<String> byId = plan("select * from ocpi_gateway.ocpi_object where module = 'tokens'"
                + " and lower(object_id) = lower('Abc') and ('' = '' or token_type = '')");
        List<String> byOwner = plan("select * from ocpi_gateway.ocpi_object where module = 'tokens'"
                + " and country_code = 'DE' and party_id = 'ABC' and lower(object_id) = lower('Abc')"
                + " and token_type = 'RFID'");

        // on a table this small either functional index may win; what matters is that one serves lower(object_id)
        assertThat(String.join("\n", byId)).containsPattern("Index Scan using ocpi_object_(module|owner)_lower_id")
                .contains("Index Cond").contains("lower((object_id)::text)");
        assertThat(String.join("\n", byOwner)).contains("Index Scan using ocpi_object_owner_lower_id")
                .contains("lower((object_id)::text)");
    }

    // ------------------------------------------------------------------------------------------------------------

    private static io.restassured.response.ValidatableResponse authorize(String uid) {
        return given().header("Authorization", TokenHeader.encode(CPO_TOKEN_C)).contentType(ContentType.JSON)
                .header("OCPI-from-country-code", "NL").header("OCPI-from-party-id", CPO)
                .header("OCPI-to-country-code", "DE").header("OCPI-to-party-id", EMSP)
                .body("{\"location_id\": \"LOC-1\"}")
                .post("/ocpi/2.2.1/sender/tokens/" + uid + "/authorize?type=RFID")
                .then();
    }

    /** A token uid of its own (OCPI allows 36 characters). */
    private static String uid(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    private static int decisionEvents(String uid) throws SQLException {
        try (Connection db = database();
             PreparedStatement query = db.prepareStatement("select count(*) from ocpi_gateway.outbox_event"
                     + " where type = 'ocpi.authorization.decided.v1' and subject = ?")) {
            query.setString(1, uid);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /** The plan with sequential scans off: shows whether an index can serve the query at all. */
    private static List<String> plan(String sql) throws SQLException {
        try (Connection db = database(); Statement statement = db.createStatement()) {
            db.setAutoCommit(false);
            statement.execute("set local enable_seqscan = off");
            List<String> lines = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("explain " + sql)) {
                while (rows.next()) {
                    lines.add(rows.getString(1));
                }
            }
            db.rollback();
            return lines;
        }
    }

    private static Connection database() throws SQLException {
        return DriverManager.getConnection(LocalInfraResource.jdbcUrl(), LocalInfraResource.username(),
                LocalInfraResource.password());
    }

    private static void agreement(KafkaTestClient kafka) {
        String id = UUID.randomUUID().toString();
        kafka.produce("hub.agreement.v1", id, Map.of("ce_id", UUID.randomUUID().toString(),
                "ce_type", "hub.agreement.created.v1"), """
                {"agreement_id": "%s", "status": "ACTIVE", "revision": 1,
                 "cpo": {"country_code": "NL", "party_id": "%s"}, "emsp": {"country_code": "DE", "party_id": "%s"},
                 "valid_from": "2025-01-01T00:00:00Z", "valid_until": null, "modules": ["tokens", "commands"],
                 "hub_fee": {"percent": "0", "per_session": null},
                 "sla": {"cdr_within_hours": 48, "authorization_answer_within_ms": 5000},
                 "dispute_window_days": 30, "ended_at": null, "changed_at": "%s"}"""
                .formatted(id, CPO, EMSP, Instant.now()));
    }

    /**
     * A partner on a loopback port that answers OCPI 1000 with {@code result ACCEPTED}. As the CPO, on a command it
     * first posts the command's result to the hub's {@code response_url}, before answering the command itself.
     */
    static final class Partner implements AutoCloseable {
        private final HttpServer server;
        private final List<String[]> received = new CopyOnWriteArrayList<>();
        final List<Integer> resultAnswers = new CopyOnWriteArrayList<>();

        Partner() {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/", this::handle);
            server.start();
        }

        String baseUrl() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        List<String> received(String path) {
            return received.stream().filter(r -> r[0].contains(path)).map(r -> r[1]).toList();
        }

        private void handle(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getRawPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new String[] {path, body});
            if (path.contains("/commands/START_SESSION")) {
                String hubResponseUrl = JsonPath.from(body).getString("response_url");
                resultAnswers.add(given().header("Authorization", TokenHeader.encode(CPO_TOKEN_C))
                        .contentType(ContentType.JSON)
                        .header("OCPI-from-country-code", "NL").header("OCPI-from-party-id", CPO)
                        .header("OCPI-to-country-code", "DE").header("OCPI-to-party-id", EMSP)
                        .body("{\"result\": \"ACCEPTED\"}")
                        .post(URI.create(hubResponseUrl).getRawPath())
                        .then().extract().path("status_code"));
            }
            byte[] bytes = ("{\"status_code\": 1000, \"data\": {\"result\": \"ACCEPTED\", \"timeout\": 30},"
                    + " \"timestamp\": \"2026-01-01T00:00:00Z\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
