package io.chargeclear.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * OCPI version negotiation per platform (docs/adr/0025-ocpi-version-per-platform.md), with the hub offering 2.2.1 and
 * 2.3.0: the versions list and each version's details; a partner registering on 2.3.0 is told the hub's
 * {@code hub_party_id} and only its contracted counterparties in {@code roles}, a 2.2.1 partner the single role
 * {@code HUB} as before; a 2.2.1 platform upgrades with {@code PUT /ocpi/2.3.0/credentials} and switches down the
 * same way. Platforms and agreements arrive over real Kafka; partners are real HTTP servers on loopback offering
 * both versions; the registry, which owns tokens and the platform's version, is a loopback server answering the
 * connection call as the registry does (its own side is proven in the registry's ConnectionHandshakeTest).
 */
@QuarkusTest
@TestProfile(OcpiVersionNegotiationTest.WithRegistry.class)
@WithTestResource(value = LocalInfraResource.class, scope = TestResourceScope.GLOBAL)
class OcpiVersionNegotiationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A country code no other test uses, so this class's parties are its own. */
    private static final String CC = "" + (char) ('A' + ThreadLocalRandom.current().nextInt(26)) + 'V';

    private static final String P23 = UUID.randomUUID().toString();
    private static final String TOKEN_A_23 = "v-a23-" + UUID.randomUUID();
    private static final String P21 = UUID.randomUUID().toString();
    private static final String TOKEN_A_21 = "v-a21-" + UUID.randomUUID();
    private static final String OTHERS = UUID.randomUUID().toString();
    private static final String TOKEN_C_OTHERS = "v-cot-" + UUID.randomUUID();

    private static boolean announced;

    /** The registry on loopback: the version each connection call carried, per platform, in order. */
    static final class Registry {
        static final Map<String, List<String>> VERSIONS = new ConcurrentHashMap<>();
        static final AtomicLong REVISION = new AtomicLong(100);
        static final HttpServer SERVER = start();

        private static HttpServer start() {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                server.createContext("/admin/platforms/", Registry::handle);
                server.start();
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void handle(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getPath();
            boolean connect = "POST".equals(exchange.getRequestMethod()) && path.endsWith("/connection");
            if (!connect) {
                reply(exchange, 404, "{\"message\": \"not found\"}");
                return;
            }
            String platformId = path.substring("/admin/platforms/".length(), path.length() - "/connection".length());
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            VERSIONS.computeIfAbsent(platformId, id -> new CopyOnWriteArrayList<>()).add(request.path("version").asText());
            String tokenC = "v-c-" + UUID.randomUUID();
            reply(exchange, 200, """
                    {"token_c": "%s", "platform_id": "%s", "revision": %d,
                     "credentials": [{"token_hash": "%s", "kind": "C", "expires_at": null}]}"""
                    .formatted(tokenC, platformId, REVISION.incrementAndGet(), TokenHeader.sha256(tokenC)));
        }
    }

    public static class WithRegistry implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chargeclear.gateway.registry-url",
                    "http://127.0.0.1:" + Registry.SERVER.getAddress().getPort(),
                    "chargeclear.ocpi.versions", "2.2.1,2.3.0");
        }
    }

    /**
     * A partner platform offering 2.2.1 and 2.3.0, each with its details and a credentials endpoint, answering only
     * to its token B and recording "METHOD path" of each request; anything else it is sent is answered 1000.
     */
    static final class Partner implements AutoCloseable {
        final String tokenB = "v-b-" + UUID.randomUUID();
        final List<String> received = new CopyOnWriteArrayList<>();
        private final HttpServer server;

        Partner() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", this::handle);
            server.start();
        }

        String versionsUrl() {
            return base() + "/ocpi/versions";
        }

        private String base() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        private void handle(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getPath();
            received.add(exchange.getRequestMethod() + " " + path);
            String expected = "Token " + Base64.getEncoder().encodeToString(tokenB.getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                reply(exchange, 401, "{\"status_code\": 2000, \"timestamp\": \"" + Instant.now() + "\"}");
                return;
            }
            String data = switch (path) {
                case "/ocpi/versions" -> """
                        [{"version": "2.2.1", "url": "%1$s/ocpi/2.2.1"}, {"version": "2.3.0", "url": "%1$s/ocpi/2.3.0"}]"""
                        .formatted(base());
                case "/ocpi/2.2.1", "/ocpi/2.3.0" -> """
                        {"version": "%2$s", "endpoints": [
                          {"identifier": "credentials", "role": "SENDER", "url": "%1$s%3$s/credentials"},
                          {"identifier": "locations", "role": "RECEIVER", "url": "%1$s%3$s/locations"}]}"""
                        .formatted(base(), path.substring("/ocpi/".length()), path);
                default -> "null";
            };
            reply(exchange, 200, "{\"data\": " + data + ", \"status_code\": 1000, \"timestamp\": \"" + Instant.now() + "\"}");
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /**
     * The 2.3.0 peer is CPO and eMSP under one party id (VA1), as North American platforms often are; its
     * counterparties are VB1 (eMSP, for its CPO) and VB2 (CPO, for its eMSP); VB3 has no agreement with it. The 2.2.1
     * peer (CPO VC1) has an agreement with VB1.
     */
    @BeforeEach
    void announce() {
        if (announced) {
            return;
        }
        announced = true;
        try (KafkaTestClient kafka = new KafkaTestClient(LocalInfraResource.kafkaBootstrap())) {
            platform(kafka, P23, """
                    [{"country_code": "%1$s", "party_id": "VA1", "role": "CPO", "name": "VA1 charging"},
                     {"country_code": "%1$s", "party_id": "VA1", "role": "EMSP", "name": "VA1 mobility"}]""".formatted(CC),
                    TOKEN_A_23, "A");
            platform(kafka, P21, """
                    [{"country_code": "%s", "party_id": "VC1", "role": "CPO", "name": "VC1 charging"}]""".formatted(CC),
                    TOKEN_A_21, "A");
            platform(kafka, OTHERS, """
                    [{"country_code": "%1$s", "party_id": "VB1", "role": "EMSP", "name": "VB1 mobility"},
                     {"country_code": "%1$s", "party_id": "VB2", "role": "CPO", "name": "VB2 charging"},
                     {"country_code": "%1$s", "party_id": "VB3", "role": "EMSP", "name": "VB3 mobility"}]""".formatted(CC),
                    TOKEN_C_OTHERS, "C");
            agreement(kafka, "VA1", "VB1");
            agreement(kafka, "VB2", "VA1");
            agreement(kafka, "VC1", "VB1");
        }
        // the other platform's view proves the directory and the agreement book have all of it
        await("platforms and agreements applied").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(ocpi(TOKEN_C_OTHERS).get("/ocpi/2.3.0/credentials")
                        .then().statusCode(200).extract().jsonPath().getList("data.roles", Map.class).stream()
                        .map(r -> r.get("party_id") + "/" + r.get("role")).toList())
                        .containsExactly("VA1/CPO", "VA1/EMSP", "VC1/CPO"));
    }

    private static void platform(KafkaTestClient kafka, String platformId, String parties, String token, String kind) {
        kafka.produce("hub.party.v1", platformId, Map.of("ce_id", UUID.randomUUID().toString(),
                "ce_type", "hub.platform.registered.v1"), """
                {"platform_id": "%s", "name": "Versions test", "status": "ACTIVE", "revision": 1,
                 "parties": %s, "credentials": [{"token_hash": "%s", "kind": "%s"}], "changed_at": "%s"}"""
                .formatted(platformId, parties, TokenHeader.sha256(token), kind, Instant.now()));
    }

    private static void agreement(KafkaTestClient kafka, String cpo, String emsp) {
        String id = UUID.randomUUID().toString();
        kafka.produce("hub.agreement.v1", id, Map.of("ce_id", UUID.randomUUID().toString(),
                "ce_type", "hub.agreement.created.v1"), """
                {"agreement_id": "%s", "status": "ACTIVE", "revision": 1,
                 "cpo": {"country_code": "%s", "party_id": "%s"}, "emsp": {"country_code": "%s", "party_id": "%s"},
                 "valid_from": "2025-01-01T00:00:00Z", "valid_until": null, "modules": ["locations"],
                 "hub_fee": {"percent": "0", "per_session": null},
                 "sla": {"cdr_within_hours": 48, "authorization_answer_within_ms": 5000},
                 "dispute_window_days": 30, "ended_at": null, "changed_at": "%s"}"""
                .formatted(id, CC, cpo, CC, emsp, Instant.now()));
    }

    private static RequestSpecification ocpi(String token) {
        return given().header("Authorization", TokenHeader.encode(token)).contentType(ContentType.JSON);
    }

    private static String credentials(Partner partner, String partyId, String... roles) {
        StringBuilder list = new StringBuilder();
        for (String role : roles) {
            list.append(list.isEmpty() ? "" : ", ").append("""
                    {"role": "%s", "party_id": "%s", "country_code": "%s", "business_details": {"name": "%s"}}"""
                    .formatted(role, partyId, CC, partyId));
        }
        return """
                {"token": "%s", "url": "%s", "roles": [%s]}""".formatted(partner.tokenB, partner.versionsUrl(), list);
    }

    @Test
    void versionsListEachOfferedVersionWithItsOwnDetailsAndOnlyThe230TreeAdvertisesPaymentsAndInvoiceReconciliation() {
        ocpi(TOKEN_C_OTHERS).get("/ocpi/versions").then().statusCode(200)
                .body("status_code", equalTo(1000))
                .body("data.version", equalTo(List.of("2.2.1", "2.3.0")))
                .body("data.url", equalTo(List.of("http://localhost:8080/ocpi/2.2.1", "http://localhost:8080/ocpi/2.3.0")));
        ocpi(TOKEN_C_OTHERS).get("/ocpi/2.3.0").then().statusCode(200)
                .body("data.version", equalTo("2.3.0"))
                .body("data.endpoints.identifier", hasItem("credentials"))
                .body("data.endpoints.find { it.identifier == 'credentials' }.url",
                        equalTo("http://localhost:8080/ocpi/2.3.0/credentials"))
                .body("data.endpoints.find { it.identifier == 'payments' && it.role == 'RECEIVER' }.url",
                        equalTo("http://localhost:8080/ocpi/2.3.0/receiver/payments"))
                .body("data.endpoints.find { it.identifier == 'invoicereconciliation' && it.role == 'RECEIVER' }.url",
                        equalTo("http://localhost:8080/ocpi/2.3.0/receiver/invoicereconciliation"));
        ocpi(TOKEN_C_OTHERS).get("/ocpi/2.2.1").then().statusCode(200)
                .body("data.version", equalTo("2.2.1"))
                .body("data.endpoints.identifier", hasItem("credentials"))
                .body("data.endpoints.identifier", not(hasItem("payments")))
                .body("data.endpoints.identifier", not(hasItem("invoicereconciliation")));
    }

    @Test
    void aPeerRegisteringOn230GetsTheHubPartyIdAndOnlyItsContractedCounterparties() throws Exception {
        try (Partner partner = new Partner()) {
            JsonPath answer = ocpi(TOKEN_A_23).body(credentials(partner, "VA1", "CPO", "EMSP"))
                    .post("/ocpi/2.3.0/credentials")
                    .then().statusCode(200).body("status_code", equalTo(1000)).extract().jsonPath();
            assertThat(answer.getString("data.hub_party_id")).isEqualTo("NLCCH").hasSize(5);
            assertThat(answer.getString("data.url")).isEqualTo("http://localhost:8080/ocpi/versions");
            assertThat(answer.getList("data.roles.role", String.class)).doesNotContain("HUB");
            assertThat(answer.getList("data.roles", Map.class).stream()
                    .map(r -> r.get("country_code") + "/" + r.get("party_id") + "/" + r.get("role")).toList())
                    .containsExactly(CC + "/VB1/EMSP", CC + "/VB2/CPO");
            assertThat(answer.getString("data.roles.find { it.party_id == 'VB1' }.business_details.name"))
                    .isEqualTo("VB1 mobility");
            String tokenC = answer.getString("data.token");

            assertThat(Registry.VERSIONS.get(P23)).containsExactly("2.3.0");
            assertThat(partner.received).containsExactly("GET /ocpi/versions", "GET /ocpi/2.3.0");
            assertThat(storedVersion(P23)).isEqualTo("2.3.0");

            // GET on the 2.3.0 tree answers the same view with the caller's token
            ocpi(tokenC).get("/ocpi/2.3.0/credentials").then().statusCode(200)
                    .body("data.token", equalTo(tokenC))
                    .body("data.hub_party_id", equalTo("NLCCH"))
                    .body("data.roles.party_id", equalTo(List.of("VB1", "VB2")));
        }
    }

    @Test
    void a221PeerKeepsTheHubRoleAndUpgradesWithPutOnThe230TreeAndSwitchesDownTheSameWay() throws Exception {
        try (Partner partner = new Partner()) {
            String tokenC1 = ocpi(TOKEN_A_21).body(credentials(partner, "VC1", "CPO")).post("/ocpi/2.2.1/credentials")
                    .then().statusCode(200).body("status_code", equalTo(1000))
                    .body("data.hub_party_id", nullValue())
                    .body("data.roles.role", equalTo(List.of("HUB")))
                    .body("data.roles[0].country_code", equalTo("NL"))
                    .body("data.roles[0].party_id", equalTo("CCH"))
                    .extract().path("data.token");
            assertThat(storedVersion(P21)).isEqualTo("2.2.1");
            ocpi(tokenC1).get("/ocpi/2.2.1/credentials").then().statusCode(200)
                    .body("data.roles.role", equalTo(List.of("HUB"))).body("data.hub_party_id", nullValue());

            // the upgrade: the hub fetches versions and the 2.3.0 details again, rotates the token, switches
            partner.received.clear();
            String tokenC2 = ocpi(tokenC1).body(credentials(partner, "VC1", "CPO")).put("/ocpi/2.3.0/credentials")
                    .then().statusCode(200).body("status_code", equalTo(1000))
                    .body("data.hub_party_id", equalTo("NLCCH"))
                    .body("data.roles.party_id", equalTo(List.of("VB1")))
                    .body("data.roles.role", equalTo(List.of("EMSP")))
                    .extract().path("data.token");
            assertThat(tokenC2).isNotEqualTo(tokenC1);
            assertThat(partner.received).containsExactly("GET /ocpi/versions", "GET /ocpi/2.3.0");
            assertThat(Registry.VERSIONS.get(P21)).containsExactly("2.2.1", "2.3.0");
            assertThat(storedVersion(P21)).isEqualTo("2.3.0");
            assertThat(storedEndpoints(P21)).contains(partner.versionsUrl().replace("/versions", "/2.3.0/credentials"));
            ocpi(tokenC2).get("/ocpi/2.3.0/credentials").then().statusCode(200).body("data.hub_party_id", equalTo("NLCCH"));

            // and down again on the 2.2.1 tree
            ocpi(tokenC2).body(credentials(partner, "VC1", "CPO")).put("/ocpi/2.2.1/credentials")
                    .then().statusCode(200).body("status_code", equalTo(1000))
                    .body("data.roles.role", equalTo(List.of("HUB"))).body("data.hub_party_id", nullValue());
            assertThat(Registry.VERSIONS.get(P21)).containsExactly("2.2.1", "2.3.0", "2.2.1");
            assertThat(storedVersion(P21)).isEqualTo("2.2.1");
        }
    }

    @Test
    void anUpgradeWithAWrongTokenIs401AndAnUnknownVersionTreeIs404() {
        ocpi("not-a-token-" + UUID.randomUUID()).body("""
                {"token": "x", "url": "http://127.0.0.1:1/ocpi/versions",
                 "roles": [{"role": "CPO", "party_id": "VC1", "country_code": "%s", "business_details": {"name": "x"}}]}"""
                        .formatted(CC))
                .put("/ocpi/2.3.0/credentials").then().statusCode(401)
                .body("status_code", equalTo(2000));
        ocpi(TOKEN_C_OTHERS).get("/ocpi/2.4.0/credentials").then().statusCode(404).body("status_code", equalTo(2000));
        ocpi(TOKEN_C_OTHERS).get("/ocpi/2.4.0").then().statusCode(404).body("status_code", equalTo(2000));
    }

    @Test
    void a230BodyOnThe221TreeIsRefusedNamingHubPartyId() {
        ocpi(TOKEN_C_OTHERS).body("""
                {"token": "x", "url": "http://127.0.0.1:1/ocpi/versions", "hub_party_id": "NLOTH",
                 "roles": [{"role": "CPO", "party_id": "VB2", "country_code": "%s", "business_details": {"name": "x"}}]}"""
                        .formatted(CC))
                .put("/ocpi/2.2.1/credentials").then().statusCode(400)
                .body("status_code", equalTo(2001))
                .body("status_message", containsString("hub_party_id"));
    }

    private static String storedVersion(String platformId) throws SQLException {
        return single("select version from ocpi_gateway.partner_connection where platform_id = ?", platformId);
    }

    private static String storedEndpoints(String platformId) throws SQLException {
        return single("select endpoints from ocpi_gateway.partner_connection where platform_id = ?", platformId);
    }

    private static String single(String sql, String parameter) throws SQLException {
        try (Connection db = DriverManager.getConnection(LocalInfraResource.jdbcUrl(), LocalInfraResource.username(),
                LocalInfraResource.password());
             PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
