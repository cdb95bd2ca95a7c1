package io.chargeclear.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.chargeclear.kit.crypto.TokenCipher;
import io.chargeclear.model.ocpi.TokenHeader;
import io.chargeclear.testkit.KafkaTestClient;
import io.chargeclear.testkit.LocalInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The way out to partners, over real Kafka, PostgreSQL and loopback HTTP partners: ids reach the receiver exactly
 * as they were pushed, a job the receiver refuses is FAILED while the jobs behind it are delivered in order, jobs of
 * a platform that unregistered are DROPPED, and a {@code response_url} off the eMSP's own hosts is refused before
 * anything is forwarded, while one on them gets the result with the eMSP's own token B.
 * <p>
 * Platforms are announced on {@code hub.party.v1} and their agreement on {@code hub.agreement.v1}; the partner
 * connection (endpoints and sealed token B), which the credentials handshake with the registry would store, is
 * written into the gateway's table directly, since the registry does not run here.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, scope = TestResourceScope.GLOBAL)
class DeliveryFailuresTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static final String CPO = "C" + letters();
    private static final String EMSP = "E" + letters();
    private static final String GONE = "G" + letters();
    private static final String CPO_TOKEN_C = "cpo-c-" + UUID.randomUUID();
    private static final String EMSP_TOKEN_C = "emsp-c-" + UUID.randomUUID();
    private static final String EMSP_TOKEN_B = "emsp-b-" + UUID.randomUUID();
    private static final String CPO_TOKEN_B = "cpo-b-" + UUID.randomUUID();
    private static final String GONE_TOKEN_C = "gone-c-" + UUID.randomUUID();
    private static final String CPO_PLATFORM = UUID.randomUUID().toString();
    private static final String EMSP_PLATFORM = UUID.randomUUID().toString();
    private static final String GONE_PLATFORM = UUID.randomUUID().toString();

    private static Partner cpo;
    private static Partner emsp;
    private static boolean announced;

    static String letters() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "" + (char) ('A' + random.nextInt(26)) + (char) ('A' + random.nextInt(26));
    }

    /** Routed, not only answered: HTTP 200 also carries OCPI 4001 while the receiver is not in the directory yet. */
    static boolean accepted(io.restassured.response.ValidatableResponse push) {
        io.restassured.response.ExtractableResponse<io.restassured.response.Response> answer = push.extract();
        return answer.statusCode() == 200 && Integer.valueOf(1000).equals(answer.path("status_code"));
    }

    @BeforeEach
    void connectPartners() throws SQLException {
        if (announced) {
            return;
        }
        announced = true;
        cpo = new Partner();
        emsp = new Partner();
        try (KafkaTestClient kafka = new KafkaTestClient(LocalInfraResource.kafkaBootstrap())) {
            platform(kafka, CPO_PLATFORM, 1, "ACTIVE", "NL", CPO, "CPO", CPO_TOKEN_C);
            platform(kafka, EMSP_PLATFORM, 1, "ACTIVE", "DE", EMSP, "EMSP", EMSP_TOKEN_C);
            platform(kafka, GONE_PLATFORM, 1, "ACTIVE", "DE", GONE, "EMSP", GONE_TOKEN_C);
            agreement(kafka, CPO, EMSP);
            agreement(kafka, CPO, GONE);
        }
        connection(CPO_PLATFORM, cpo, CPO_TOKEN_B, "[{\"identifier\": \"locations\", \"role\": \"SENDER\", \"url\": \"%1$s/ocpi/2.2.1/locations\"},"
                + " {\"identifier\": \"commands\", \"role\": \"RECEIVER\", \"url\": \"%1$s/ocpi/2.2.1/commands\"}]");
        connection(EMSP_PLATFORM, emsp, EMSP_TOKEN_B, "[{\"identifier\": \"locations\", \"role\": \"RECEIVER\", \"url\": \"%1$s/ocpi/2.2.1/locations/\"},"
                + " {\"identifier\": \"commands\", \"role\": \"SENDER\", \"url\": \"%1$s/ocpi/2.2.1/commands\"}]");
        // nothing listens there: every attempt fails without a connection, so the jobs wait in the queue
        connection(GONE_PLATFORM, "http://127.0.0.1:9", "gone-b", "[{\"identifier\": \"locations\", \"role\": \"RECEIVER\","
                + " \"url\": \"http://127.0.0.1:9/ocpi/2.2.1/locations\"}]");
        await("platforms and agreements applied").atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() ->
                accepted(pushLocation(GONE, "WARM-UP")) && accepted(pushLocation(EMSP, "WARM-UP")));
    }

    @AfterAll
    static void stopPartners() {
        if (cpo != null) {
            cpo.close();
            emsp.close();
        }
    }

    @Test
    void idsReachTheReceiverExactlyAsTheyWerePushed() {
        String run = letters();
        List<String> ids = List.of("a:b@c" + run, "a..b" + run, "..x" + run, "a+b" + run, "(x)*'!" + run, "~_-." + run,
                "..." + run);
        for (String id : ids) {
            pushLocation(EMSP, id).statusCode(200).body("status_code", equalTo(1000));
        }
        String prefix = "/ocpi/2.2.1/locations/NL/" + CPO + "/";
        await().atMost(WAIT).until(() -> emsp.received("PUT", prefix).stream().filter(r -> r.body().contains(run))
                .count() >= ids.size());

        List<Request> received = emsp.received("PUT", prefix).stream().filter(r -> r.body().contains(run)).toList();
        assertThat(received).as("every push arrives once, under its own object's path, nowhere else")
                .hasSize(ids.size()).allMatch(r -> r.rawPath().startsWith(prefix));
        // different objects: they may arrive in any order (ADR 0020); each under its own id
        for (Request request : received) {
            String rawId = request.rawPath().substring(prefix.length());
            assertThat(rawId).as("one path segment").doesNotContain("/");
            String id = URLDecoder.decode(rawId.replace("+", "%2B"), StandardCharsets.UTF_8);
            assertThat(ids).contains(id);
            assertThat(request.body()).contains("\"id\": \"" + id + "\"");
        }
        assertThat(received).extracting(r -> URLDecoder.decode(r.rawPath().substring(prefix.length()).replace("+", "%2B"),
                StandardCharsets.UTF_8)).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void aJobTheReceiverRefusesIsFailedAndTheJobsBehindItAreDeliveredInOrder() {
        String run = letters() + ThreadLocalRandom.current().nextInt(1000);
        List<String> ids = List.of(run + "-1", run + "-REFUSE400", run + "-3", run + "-REFUSE401", run + "-5",
                run + "-REFUSE403", run + "-7");
        for (String id : ids) {
            pushLocation(EMSP, id).statusCode(200);
        }
        await().atMost(WAIT).until(() -> ids.stream().allMatch(id -> !emsp.received("PUT", "/" + id).isEmpty()));

        assertThat(emsp.received("PUT", "/" + run + "-").stream().map(r -> r.rawPath().substring(r.rawPath().lastIndexOf('/') + 1)))
                .as("each job once; the refused ones not retried (different objects: in any order, ADR 0020)")
                .containsExactlyInAnyOrderElementsOf(ids);
        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath failed = admin().queryParam("receiver", EMSP_PLATFORM).queryParam("status", "FAILED")
                    .get("/admin/deliveries").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> mine = failed.<Map<String, Object>>getList("").stream()
                    .filter(job -> String.valueOf(job.get("path")).contains(run)).toList();
            assertThat(mine).extracting(job -> job.get("path").toString().substring(job.get("path").toString().lastIndexOf('/') + 1))
                    .containsExactlyInAnyOrder(run + "-REFUSE400", run + "-REFUSE401", run + "-REFUSE403");
            assertThat(mine).extracting(job -> job.get("last_error").toString())
                    .anyMatch(error -> error.startsWith("HTTP 400, OCPI 2001"))
                    .anyMatch(error -> error.startsWith("HTTP 401"))
                    .anyMatch(error -> error.startsWith("HTTP 403"));
        });
        await().atMost(WAIT).untilAsserted(() -> admin().queryParam("receiver", EMSP_PLATFORM)
                .queryParam("status", "PENDING").get("/admin/deliveries").then().statusCode(200)
                .body("size()", equalTo(0)));
    }

    @Test
    void jobsOfAPlatformThatUnregisteredAreDroppedWithTheReason() {
        pushLocation(GONE, "GONE-1").statusCode(200);
        pushLocation(GONE, "GONE-2").statusCode(200);
        await().atMost(WAIT).untilAsserted(() -> admin().queryParam("receiver", GONE_PLATFORM)
                .queryParam("status", "PENDING").get("/admin/deliveries").then().statusCode(200)
                .body("path.findAll { it.endsWith('GONE-2') }.size()", equalTo(1)));
        admin().queryParam("receiver", GONE_PLATFORM).queryParam("status", "FAILED").get("/admin/deliveries")
                .then().statusCode(200).body("size()", equalTo(0));

        try (KafkaTestClient kafka = new KafkaTestClient(LocalInfraResource.kafkaBootstrap())) {
            platform(kafka, GONE_PLATFORM, 2, "UNREGISTERED", "DE", GONE, "EMSP", GONE_TOKEN_C);
        }

        await().atMost(WAIT).untilAsserted(() -> {
            List<Map<String, Object>> dropped = admin().queryParam("receiver", GONE_PLATFORM)
                    .queryParam("status", "DROPPED").get("/admin/deliveries").then().statusCode(200)
                    .extract().jsonPath().getList("");
            assertThat(dropped).extracting(job -> job.get("path").toString())
                    .anyMatch(path -> path.endsWith("/GONE-1")).anyMatch(path -> path.endsWith("/GONE-2"));
            assertThat(dropped).extracting(job -> job.get("last_error").toString())
                    .allMatch(error -> error.contains("no longer registered"));
        });
        admin().queryParam("receiver", GONE_PLATFORM).queryParam("status", "PENDING").get("/admin/deliveries")
                .then().statusCode(200).body("size()", equalTo(0));
        // the warm-up push is repeated until both receivers accept it, so GONE may hold more than one of them
        int droppedJobs = admin().queryParam("receiver", GONE_PLATFORM).queryParam("status", "DROPPED")
                .get("/admin/deliveries").then().statusCode(200).extract().jsonPath().getList("").size();
        assertThat(droppedJobs).as("a warm-up, GONE-1 and GONE-2 at least").isGreaterThanOrEqualTo(3);
        admin().get("/admin/deliveries/receivers").then().statusCode(200)
                .body("find { it.platform_id == '" + GONE_PLATFORM + "' }.dropped", equalTo(droppedJobs));
    }

    @Test
    void aResponseUrlOffTheEmspsOwnHostsIsRefusedBeforeAnythingIsForwarded() {
        List<String> refused = List.of("file:///etc/passwd", cpo.baseUrl() + "/ocpi/2.2.1/commands/cb",
                "http://localhost:8080/admin/platforms", "https://127.0.0.1:1/cb", emsp.baseUrl() + "/cb/a b",
                "ftp://" + URI.create(emsp.baseUrl()).getAuthority() + "/cb");
        int forwardedBefore = cpo.received("POST", "/commands/").size();
        for (String url : refused) {
            startSession(url).statusCode(400)
                    .body("status_code", equalTo(2001))
                    .body("status_message", containsString("response_url"));
        }
        assertThat(cpo.received("POST", "/commands/")).as("nothing was forwarded").hasSize(forwardedBefore);
    }

    @Test
    void aResultGoesToTheEmspsOwnResponseUrlWithTheEmspsOwnToken() {
        String callback = "/callbacks/" + UUID.randomUUID();
        startSession(emsp.baseUrl() + callback).statusCode(200).body("status_code", equalTo(1000));
        Request atCpo = await().atMost(WAIT).until(() -> cpo.received("POST", "/commands/START_SESSION").stream()
                .filter(r -> r.body().contains(EMSP)).reduce((first, second) -> second).orElse(null), r -> r != null);
        String hubResponseUrl = JsonPath.from(atCpo.body()).getString("response_url");
        assertThat(hubResponseUrl).doesNotContain(callback);

        given().header("Authorization", TokenHeader.encode(CPO_TOKEN_C)).contentType(ContentType.JSON)
                .header("OCPI-from-country-code", "NL").header("OCPI-from-party-id", CPO)
                .header("OCPI-to-country-code", "DE").header("OCPI-to-party-id", EMSP)
                .body("{\"result\": \"ACCEPTED\"}")
                .post(URI.create(hubResponseUrl).getRawPath())
                .then().statusCode(200).body("status_code", equalTo(1000));

        await().atMost(WAIT).until(() -> !emsp.received("POST", callback).isEmpty());
        Request result = emsp.received("POST", callback).get(0);
        assertThat(result.authorization()).isEqualTo(TokenHeader.encode(EMSP_TOKEN_B));
        assertThat(result.body()).contains("ACCEPTED");
    }

    // ------------------------------------------------------------------------------------------------------------

    private static io.restassured.response.ValidatableResponse pushLocation(String toParty, String id) {
        return pushLocation(CPO, CPO_TOKEN_C, toParty, id);
    }

    static io.restassured.response.ValidatableResponse pushLocation(String cpoParty, String cpoTokenC, String toParty,
                                                                     String id) {
        String body = """
                {"country_code": "NL", "party_id": "%s", "id": "%s", "publish": true,
                 "address": "Oudegracht 1", "city": "Utrecht", "postal_code": "3511", "country": "NLD",
                 "coordinates": {"latitude": "52.090737", "longitude": "5.121420"}, "evses": [],
                 "time_zone": "Europe/Amsterdam", "last_updated": "2026-01-01T10:00:00Z"}"""
                .formatted(cpoParty, id.replace("\\", "\\\\").replace("\"", "\\\""));
        return ocpi(cpoTokenC, "NL", cpoParty).header("OCPI-to-country-code", "DE").header("OCPI-to-party-id", toParty)
                .urlEncodingEnabled(false).body(body)
                .put("/ocpi/2.2.1/receiver/locations/NL/" + cpoParty + "/"
                        + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20"))
                .then();
    }

    private static io.restassured.response.ValidatableResponse startSession(String responseUrl) {
        String body = """
                {"response_url": "%s", "location_id": "LOC-1", "evse_uid": "EVSE-1",
                 "token": {"country_code": "DE", "party_id": "%s", "uid": "TOK-1", "type": "RFID",
                  "contract_id": "DE-%s-C1", "issuer": "eMSP", "valid": true, "whitelist": "ALLOWED",
                  "last_updated": "2026-01-01T10:00:00Z"}}""".formatted(responseUrl, EMSP, EMSP);
        return ocpi(EMSP_TOKEN_C, "DE", EMSP).header("OCPI-to-country-code", "NL").header("OCPI-to-party-id", CPO)
                .body(body).post("/ocpi/2.2.1/receiver/commands/START_SESSION").then();
    }

    private static RequestSpecification ocpi(String tokenC, String countryCode, String partyId) {
        return given().header("Authorization", TokenHeader.encode(tokenC)).contentType(ContentType.JSON)
                .header("OCPI-from-country-code", countryCode).header("OCPI-from-party-id", partyId);
    }

    static RequestSpecification admin() {
        return given().header("Authorization", "Bearer "
                + ConfigProvider.getConfig().getValue("chargeclear.admin.token", String.class));
    }

    static void platform(KafkaTestClient kafka, String platformId, int revision, String status,
                                 String countryCode, String partyId, String role, String tokenC) {
        String type = "UNREGISTERED".equals(status) ? "hub.platform.unregistered.v1" : "hub.platform.registered.v1";
        kafka.produce("hub.party.v1", platformId, Map.of("ce_id", UUID.randomUUID().toString(), "ce_type", type), """
                {"platform_id": "%s", "name": "Delivery test %s", "status": "%s", "revision": %d,
                 "parties": [{"country_code": "%s", "party_id": "%s", "role": "%s", "name": "%s"}],
                 "credentials": [{"token_hash": "%s", "kind": "C"}], "changed_at": "%s"}"""
                .formatted(platformId, partyId, status, revision, countryCode, partyId, role, partyId,
                        TokenHeader.sha256(tokenC), Instant.now()));
    }

    static void agreement(KafkaTestClient kafka, String cpoParty, String emspParty) {
        agreement(kafka, cpoParty, emspParty, "\"locations\", \"commands\"");
    }

    /** An ACTIVE agreement between the NL CPO and the DE eMSP covering {@code modules} (a JSON list's items). */
    static void agreement(KafkaTestClient kafka, String cpoParty, String emspParty, String modules) {
        String id = UUID.randomUUID().toString();
        kafka.produce("hub.agreement.v1", id, Map.of("ce_id", UUID.randomUUID().toString(),
                "ce_type", "hub.agreement.created.v1"), """
                {"agreement_id": "%s", "status": "ACTIVE", "revision": 1,
                 "cpo": {"country_code": "NL", "party_id": "%s"}, "emsp": {"country_code": "DE", "party_id": "%s"},
                 "valid_from": "2025-01-01T00:00:00Z", "valid_until": null, "modules": [%s],
                 "hub_fee": {"percent": "0", "per_session": null},
                 "sla": {"cdr_within_hours": 48, "authorization_answer_within_ms": 5000},
                 "dispute_window_days": 30, "ended_at": null, "changed_at": "%s"}"""
                .formatted(id, cpoParty, emspParty, modules, Instant.now()));
    }

    private static void connection(String platformId, Partner partner, String tokenB, String endpoints)
            throws SQLException {
        connection(platformId, partner.baseUrl(), tokenB, endpoints);
    }

    static void connection(String platformId, String baseUrl, String tokenB, String endpoints)
            throws SQLException {
        TokenCipher cipher = TokenCipher.fromBase64Key(ConfigProvider.getConfig()
                .getValue("chargeclear.gateway.token-encryption-key", String.class));
        try (Connection db = DriverManager.getConnection(LocalInfraResource.jdbcUrl(), LocalInfraResource.username(),
                LocalInfraResource.password());
             PreparedStatement insert = db.prepareStatement("insert into ocpi_gateway.partner_connection"
                     + " (platform_id, version, endpoints, token_b_sealed, plain_tokens, connected_at, versions_url)"
                     + " values (?, '2.2.1', ?, ?, false, ?, ?)")) {
            insert.setString(1, platformId);
            insert.setString(2, endpoints.formatted(baseUrl));
            insert.setString(3, cipher.encrypt(tokenB));
            insert.setTimestamp(4, Timestamp.from(Instant.now()));
            insert.setString(5, baseUrl + "/ocpi/versions");
            insert.executeUpdate();
            // the handshake announces the new connection in its transaction (ADR 0018); so does this stand-in
            try (PreparedStatement announce = db.prepareStatement("select pg_notify('ref_partner_connection', ?)")) {
                announce.setString(1, platformId);
                announce.execute();
            }
        }
    }

    /** One request a partner received: method, raw path (as sent on the wire), Authorization header and body. */
    record Request(String method, String rawPath, String authorization, String body) {
    }

    /**
     * A partner platform on a loopback port that records every request and answers OCPI 1000, except for a path
     * containing {@code REFUSE400} (HTTP 400, OCPI 2001), {@code REFUSE401}, {@code REFUSE403} or {@code FAIL500}.
     */
    static final class Partner implements AutoCloseable {
        private final HttpServer server;
        private final List<Request> received = new CopyOnWriteArrayList<>();

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

        List<Request> received(String method, String pathContains) {
            return received.stream().filter(r -> r.method().equals(method) && r.rawPath().contains(pathContains))
                    .toList();
        }

        private void handle(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getRawPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Request(exchange.getRequestMethod(), path,
                    exchange.getRequestHeaders().getFirst("Authorization"), body));
            int http = path.contains("REFUSE400") ? 400 : path.contains("REFUSE401") ? 401
                    : path.contains("REFUSE403") ? 403 : path.contains("FAIL500") ? 500 : 200;
            String answer = http == 400
                    ? "{\"status_code\": 2001, \"status_message\": \"bad location\", \"timestamp\": \"2026-01-01T00:00:00Z\"}"
                    : http == 200 ? "{\"status_code\": 1000, \"data\": {\"result\": \"ACCEPTED\", \"timeout\": 30},"
                    + " \"timestamp\": \"2026-01-01T00:00:00Z\"}" : "";
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(http, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
