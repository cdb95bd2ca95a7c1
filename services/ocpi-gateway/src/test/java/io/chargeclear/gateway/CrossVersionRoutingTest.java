package io.chargeclear.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.chargeclear.model.ocpi.TokenHeader;
import io.chargeclear.model.ocpi.version.OcpiTrees;
import io.chargeclear.testkit.KafkaTestClient;
import io.chargeclear.testkit.LocalInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
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
 * Roaming between a 2.3.0 platform and a 2.2.1 platform (ADR 0024): each registers on its own tree; what one pushes
 * reaches the other rendered for the receiver's version when the job is sent, and reads on each tree answer in that
 * tree's version. Platform A (2.3.0) and platform B (2.2.1) are each CPO and eMSP, with agreements both ways; both
 * are real HTTP servers on loopback recording what they receive; platforms and agreements arrive over real Kafka,
 * the store is real PostgreSQL. The registry is the loopback stand-in of {@link OcpiVersionNegotiationTest}.
 */
@QuarkusTest
@TestProfile(OcpiVersionNegotiationTest.WithRegistry.class)
@WithTestResource(value = LocalInfraResource.class, scope = TestResourceScope.GLOBAL)
class CrossVersionRoutingTest {

    private static final ObjectMapper JSON = OcpiTrees.mapper();

    /** A country code no other test uses, so this class's parties are its own. */
    private static final String CC = "" + (char) ('A' + ThreadLocalRandom.current().nextInt(26)) + 'X';

    private static final String PA = UUID.randomUUID().toString();
    private static final String TOKEN_A_PA = "x-a-" + UUID.randomUUID();
    private static final String PB = UUID.randomUUID().toString();
    private static final String TOKEN_A_PB = "x-b-" + UUID.randomUUID();
    private static final String PD = UUID.randomUUID().toString();
    private static final String TOKEN_A_PD = "x-d-" + UUID.randomUUID();
    private static final String PC = UUID.randomUUID().toString();
    private static final String TOKEN_A_PC = "x-c-" + UUID.randomUUID();

    private static Partner partnerA;
    private static Partner partnerB;
    private static String tokenCA;
    private static String tokenCB;

    /** What a partner received: method, path below its base, and the body. */
    record Received(String method, String path, JsonNode body) {
    }

    /**
     * A partner platform speaking one version: its versions and details list the receiver endpoints of locations,
     * tariffs, tokens, sessions and CDRs on that version; every push is recorded and answered 1000.
     */
    static final class Partner {
        /** The version it offers; a partner moving to 2.3.0 offers the new one before it upgrades. */
        volatile String version;
        final String tokenB = "x-tb-" + UUID.randomUUID();
        final List<Received> received = new CopyOnWriteArrayList<>();
        private final HttpServer server;

        Partner(String version) throws IOException {
            this.version = version;
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

        List<Received> at(String prefix) {
            return received.stream().filter(r -> r.path().startsWith(prefix)).toList();
        }

        private void handle(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            String data = switch (path) {
                case "/ocpi/versions" -> """
                        [{"version": "%s", "url": "%s/ocpi/%1$s"}]""".formatted(version, base());
                case "/ocpi/2.2.1", "/ocpi/2.3.0" -> details();
                default -> {
                    String query = exchange.getRequestURI().getQuery();
                    received.add(new Received(exchange.getRequestMethod(), path + (query == null ? "" : "?" + query),
                            body.length == 0 ? null : JSON.readTree(body)));
                    yield answer(path, query);
                }
            };
            reply(exchange, "{\"data\": " + data + ", \"status_code\": 1000, \"timestamp\": \"" + Instant.now()
                    + "\"}");
        }

        /** An eMSP allows every token it is asked about, echoing the type; a CPO accepts every command. */
        private String answer(String path, String query) {
            if (path.endsWith("/authorize")) {
                String uid = path.split("/")[path.split("/").length - 2];
                return """
                        {"allowed": "ALLOWED", "token": {"country_code": "%s", "party_id": "XB1", "uid": "%s",
                         "type": "%s", "contract_id": "%2$s", "issuer": "XB1", "valid": true,
                         "whitelist": "ALLOWED", "last_updated": "2026-11-24T10:00:00Z"}}"""
                        .formatted(CC, uid, query.substring("type=".length()));
            }
            return path.startsWith("/r/commands") ? "{\"result\": \"ACCEPTED\", \"timeout\": 30}" : "null";
        }

        private String details() {
            StringBuilder endpoints = new StringBuilder("""
                    {"identifier": "credentials", "role": "SENDER", "url": "%s/ocpi/%s/credentials"}"""
                    .formatted(base(), version));
            for (String module : List.of("locations", "tariffs", "tokens", "sessions", "cdrs", "commands")) {
                endpoints.append(", ").append("""
                        {"identifier": "%s", "role": "RECEIVER", "url": "%s/r/%1$s"}""".formatted(module, base()));
            }
            endpoints.append(", ").append("""
                    {"identifier": "tokens", "role": "SENDER", "url": "%s/s/tokens"}""".formatted(base()));
            return "{\"version\": \"" + version + "\", \"endpoints\": [" + endpoints + "]}";
        }

        private static void reply(HttpExchange exchange, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @BeforeEach
    void connect() throws IOException {
        if (partnerA != null) {
            return;
        }
        try (KafkaTestClient kafka = new KafkaTestClient(LocalInfraResource.kafkaBootstrap())) {
            platform(kafka, PA, "XA1", TOKEN_A_PA);
            platform(kafka, PB, "XB1", TOKEN_A_PB);
            platform(kafka, PC, "XC1", TOKEN_A_PC);
            platform(kafka, PD, "XD1", TOKEN_A_PD);
            agreement(kafka, "XA1", "XB1");
            agreement(kafka, "XB1", "XA1");
            agreement(kafka, "XA1", "XC1");
            agreement(kafka, "XA1", "XD1");
        }
        partnerA = new Partner("2.3.0");
        partnerB = new Partner("2.2.1");
        // registration waits for the platforms and agreements to be applied
        tokenCA = register(TOKEN_A_PA, partnerA, "XA1", "/ocpi/2.3.0/credentials");
        tokenCB = register(TOKEN_A_PB, partnerB, "XB1", "/ocpi/2.2.1/credentials");
    }

    /** The operator's routing table says which platforms are connected, and on which version. */
    @Test
    void theRoutingTableShowsEachConnectedPlatformsVersion() {
        await("the connections are in the routing table").atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var table = DeliveryFailuresTest.admin().get("/admin/routing").then().statusCode(200).extract().jsonPath();
            assertThat(table.getString("find { it.party_id == 'XA1' && it.role == 'CPO' }.ocpi_version"))
                    .isEqualTo("2.3.0");
            assertThat(table.getString("find { it.party_id == 'XB1' && it.role == 'EMSP' }.ocpi_version"))
                    .isEqualTo("2.2.1");
            assertThat(table.getString("find { it.party_id == 'XB1' && it.role == 'EMSP' }.connection"))
                    .isEqualTo("CONNECTED");
            assertThat(table.getBoolean("find { it.party_id == 'XB1' && it.role == 'EMSP' }.routable")).isTrue();
        });
    }

    private static String register(String tokenA, Partner partner, String partyId, String url) {
        return await("platform " + partyId + " registers").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    var answer = ocpi(tokenA).body(credentials(partner, partyId)).post(url).then().extract();
                    return answer.statusCode() == 200 ? answer.<String>path("data.token") : null;
                }, token -> token != null);
    }

    private static void platform(KafkaTestClient kafka, String platformId, String partyId, String token) {
        kafka.produce("hub.party.v1", platformId, Map.of("ce_id", UUID.randomUUID().toString(),
                "ce_type", "hub.platform.registered.v1"), """
                {"platform_id": "%s", "name": "Cross-version test", "status": "ACTIVE", "revision": 1,
                 "parties": [{"country_code": "%s", "party_id": "%s", "role": "CPO", "name": "%3$s charging"},
                             {"country_code": "%2$s", "party_id": "%3$s", "role": "EMSP", "name": "%3$s mobility"}],
                 "credentials": [{"token_hash": "%s", "kind": "A"}], "changed_at": "%s"}"""
                .formatted(platformId, CC, partyId, TokenHeader.sha256(token), Instant.now()));
    }

    private static void agreement(KafkaTestClient kafka, String cpo, String emsp) {
        String id = UUID.randomUUID().toString();
        kafka.produce("hub.agreement.v1", id, Map.of("ce_id", UUID.randomUUID().toString(),
                "ce_type", "hub.agreement.created.v1"), """
                {"agreement_id": "%s", "status": "ACTIVE", "revision": 1,
                 "cpo": {"country_code": "%s", "party_id": "%s"}, "emsp": {"country_code": "%s", "party_id": "%s"},
                 "valid_from": "2025-01-01T00:00:00Z", "valid_until": null,
                 "modules": ["locations", "tariffs", "tokens", "sessions", "cdrs", "commands"],
                 "hub_fee": {"percent": "0", "per_session": null},
                 "sla": {"cdr_within_hours": 48, "authorization_answer_within_ms": 5000},
                 "dispute_window_days": 30, "ended_at": null, "changed_at": "%s"}"""
                .formatted(id, CC, cpo, CC, emsp, Instant.now()));
    }

    private static String credentials(Partner partner, String partyId) {
        return """
                {"token": "%s", "url": "%s", "roles": [
                  {"role": "CPO", "party_id": "%s", "country_code": "%s", "business_details": {"name": "%3$s"}},
                  {"role": "EMSP", "party_id": "%3$s", "country_code": "%4$s", "business_details": {"name": "%3$s"}}]}"""
                .formatted(partner.tokenB, partner.versionsUrl(), partyId, CC);
    }

    private static RequestSpecification ocpi(String token) {
        return given().header("Authorization", TokenHeader.encode(token)).contentType(ContentType.JSON);
    }

    /** A request of one of the platform's parties (both of its parties share the party id). */
    private static RequestSpecification from(String token, String partyId) {
        return ocpi(token).header("OCPI-from-country-code", CC).header("OCPI-from-party-id", partyId);
    }

    /** V7: a 2.3.0 CDR with GST and QST reaches the 2.2.1 eMSP with the taxes summed into incl_vat. */
    @Test
    void a230CdrWithTwoTaxLinesReachesThe221EmspWithTheirSumInInclVat() {
        String id = "CDR-V7-" + UUID.randomUUID().toString().substring(0, 8);
        from(tokenCA, "XA1").body(cdr230(id)).post("/ocpi/2.3.0/receiver/cdrs").then().statusCode(200)
                .body("status_code", equalTo(1000))
                .header("Location", containsString("/ocpi/2.3.0/receiver/cdrs/" + CC + "/XA1/" + id));
        Received got = await("the 2.2.1 eMSP receives the CDR").atMost(Duration.ofSeconds(30))
                .until(() -> partnerB.at("/r/cdrs").stream().filter(r -> id.equals(r.body().path("id").asText()))
                        .findFirst().orElse(null), r -> r != null);
        JsonNode total = got.body().path("total_cost");
        assertThat(total.path("excl_vat").decimalValue()).isEqualByComparingTo(new BigDecimal("10.00"));
        assertThat(total.path("incl_vat").decimalValue()).isEqualByComparingTo(new BigDecimal("11.4975"));
        assertThat(total.has("before_taxes")).isFalse();
        assertThat(got.body().has("x_partner_note")).as("an unknown field never reaches a 2.2.1 receiver").isFalse();
        // the operator sees what the 2.2.1 receiver did not get
        await("the loss is counted").atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(DeliveryFailuresTest.admin().get("/admin/deliveries/receivers").then()
                        .statusCode(200).extract().jsonPath().getLong(
                                "find { it.platform_id == '" + PB + "' }.version_losses.TAX_BREAKDOWN_SUMMED.count"))
                        .isPositive());
        // the hub's own copy, read back on each tree, is in that tree's version
        from(tokenCA, "XA1").get("/ocpi/2.3.0/receiver/cdrs/" + CC + "/XA1/" + id).then().statusCode(200)
                .body("data.total_cost.taxes.name", equalTo(List.of("GST", "QST")))
                .body("data.x_partner_note", equalTo("kept for 2.3.0"));
        from(tokenCA, "XA1").get("/ocpi/2.2.1/receiver/cdrs/" + CC + "/XA1/" + id).then().statusCode(200)
                .body("data.total_cost.incl_vat", equalTo(11.4975f));
    }

    /** The operator reads one CDR at the gateway: who sent it, when, in which version, and its delivery. */
    @Test
    void theOperatorSeesWhereACdrCameFromAndHowItWasDelivered() {
        String id = "CDR-J-" + UUID.randomUUID().toString().substring(0, 8);
        from(tokenCA, "XA1").body(cdr230(id)).post("/ocpi/2.3.0/receiver/cdrs").then().statusCode(200)
                .body("status_code", equalTo(1000));
        await("the CDR's delivery is done").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                DeliveryFailuresTest.admin().get("/admin/cdrs/{cc}/{pid}/{id}", CC.toLowerCase(), "xa1", id).then()
                        .statusCode(200)
                        .body("cdr_id", equalTo(id))
                        .body("sender_platform", equalTo(PA))
                        .body("source_version", equalTo("2.3.0"))
                        .body("recipient", equalTo(CC + "*XB1"))
                        .body("received_at", org.hamcrest.Matchers.notNullValue())
                        .body("deliveries.receiver_platform", equalTo(List.of(PB)))
                        .body("deliveries[0].status", equalTo("DELIVERED"))
                        .body("deliveries[0].attempts", org.hamcrest.Matchers.greaterThanOrEqualTo(1)));

        DeliveryFailuresTest.admin().get("/admin/cdrs/{cc}/{pid}/{id}", CC, "XA1", "NO-SUCH-CDR").then()
                .statusCode(404).body("message", containsString("NO-SUCH-CDR"));
        DeliveryFailuresTest.admin().get("/admin/cdrs/{cc}/{pid}/{id}", "NLD", "XA1", id).then()
                .statusCode(400).body("message", containsString("country_code"));
        DeliveryFailuresTest.admin().get("/admin/cdrs/{cc}/{pid}/{id}", CC, "X*1", id).then()
                .statusCode(400).body("message", containsString("party_id"));
    }

    /** V8: an inclusive-tax tariff is withheld from the 2.2.1 eMSP; an exclusive one arrives without tax_included. */
    @Test
    void anInclusiveTariffIsWithheldFromThe221EmspAndAnExclusiveOneArrivesIn221Shape() {
        String inclusive = "T-INC-" + UUID.randomUUID().toString().substring(0, 6);
        String exclusive = "T-EXC-" + UUID.randomUUID().toString().substring(0, 6);
        from(tokenCA, "XA1").body(tariff230(inclusive, "YES"))
                .put("/ocpi/2.3.0/receiver/tariffs/" + CC + "/XA1/" + inclusive)
                .then().statusCode(200).body("status_code", equalTo(1000));
        from(tokenCA, "XA1").body(tariff230(exclusive, "NO"))
                .put("/ocpi/2.3.0/receiver/tariffs/" + CC + "/XA1/" + exclusive)
                .then().statusCode(200).body("status_code", equalTo(1000));
        Received got = await("the exclusive tariff arrives").atMost(Duration.ofSeconds(30))
                .until(() -> partnerB.at("/r/tariffs/" + CC + "/XA1/" + exclusive).stream().findFirst().orElse(null),
                        r -> r != null);
        assertThat(got.body().has("tax_included")).isFalse();
        assertThat(got.body().path("min_price").path("excl_vat").decimalValue())
                .isEqualByComparingTo(new BigDecimal("1.00"));
        assertThat(got.body().path("min_price").path("incl_vat").decimalValue())
                .isEqualByComparingTo(new BigDecimal("1.15"));
        await("the inclusive tariff's job is withheld").atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(DeliveryFailuresTest.admin().queryParam("receiver", PB)
                        .queryParam("status", "WITHHELD").get("/admin/deliveries").then().statusCode(200)
                        .extract().jsonPath().getList("object_key", String.class))
                        .contains("tariffs:" + CC + "*XA1*" + inclusive));
        assertThat(partnerB.at("/r/tariffs/" + CC + "/XA1/" + inclusive)).isEmpty();
        // GET All via Hub on the 2.2.1 tree leaves the inclusive tariff out; the 2.3.0 tree has both
        List<String> on221 = from(tokenCB, "XB1").get("/ocpi/2.2.1/sender/tariffs").then().statusCode(200)
                .extract().jsonPath().getList("data.id", String.class);
        assertThat(on221).contains(exclusive).doesNotContain(inclusive);
        List<String> on230 = from(tokenCB, "XB1").get("/ocpi/2.3.0/sender/tariffs").then().statusCode(200)
                .extract().jsonPath().getList("data.id", String.class);
        assertThat(on230).contains(exclusive, inclusive);
    }

    /** V5: a 2.2.1 session reaches the 2.3.0 eMSP with its Prices as before_taxes and one VAT line. */
    @Test
    void a221SessionReachesThe230EmspIn230Shape() {
        String id = "S-V5-" + UUID.randomUUID().toString().substring(0, 8);
        String lastUpdated = "2026-11-24T21:09:58Z";
        from(tokenCB, "XB1").body(session221(id, lastUpdated)).put("/ocpi/2.2.1/receiver/sessions/" + CC + "/XB1/" + id)
                .then().statusCode(200).body("status_code", equalTo(1000));
        Received got = await("the 2.3.0 eMSP receives the session").atMost(Duration.ofSeconds(30))
                .until(() -> partnerA.at("/r/sessions/" + CC + "/XB1/" + id).stream().findFirst().orElse(null),
                        r -> r != null);
        JsonNode total = got.body().path("total_cost");
        assertThat(total.path("before_taxes").decimalValue()).isEqualByComparingTo(new BigDecimal("8.50"));
        assertThat(total.path("taxes").get(0).path("name").asText()).isEqualTo("VAT");
        assertThat(total.path("taxes").get(0).path("amount").decimalValue())
                .isEqualByComparingTo(new BigDecimal("1.79"));
        assertThat(total.has("excl_vat")).isFalse();
        assertThat(got.body().path("last_updated").asText()).isEqualTo(lastUpdated);
    }

    /**
     * Real-time authorization across versions: a 2.2.1 eMSP is asked about an EMAID token as OTHER, and the 2.3.0
     * CPO gets EMAID back; a START_SESSION with an EMAID token reaches a 2.2.1 CPO with the token as OTHER.
     */
    @Test
    void anEmaidTokenReachesA221PartyAsOtherAndTheCpoGetsItsOwnTypeBack() {
        String uid = "XB1-C-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        from(tokenCA, "XA1").header("OCPI-to-country-code", CC).header("OCPI-to-party-id", "XB1")
                .body("{\"location_id\": \"LOC1\"}")
                .post("/ocpi/2.3.0/sender/tokens/" + uid + "/authorize?type=EMAID").then().statusCode(200)
                .body("status_code", equalTo(1000))
                .body("data.allowed", equalTo("ALLOWED"))
                .body("data.token.type", equalTo("EMAID"));
        assertThat(partnerB.at("/s/tokens/" + uid + "/authorize")).extracting(Received::path)
                .containsExactly("/s/tokens/" + uid + "/authorize?type=OTHER");

        from(tokenCA, "XA1").header("OCPI-to-country-code", CC).header("OCPI-to-party-id", "XB1").body("""
                {"response_url": "%s/cb/start-1", "location_id": "LOC1", "evse_uid": "E1",
                 "token": {"country_code": "%s", "party_id": "XA1", "uid": "XA1-EMAID-1", "type": "EMAID",
                           "contract_id": "XA1-EMAID-1", "issuer": "XA1", "valid": true, "whitelist": "ALLOWED",
                           "last_updated": "2026-11-24T10:00:00Z"}}""".formatted(partnerA.base(), CC))
                .post("/ocpi/2.3.0/receiver/commands/START_SESSION").then().statusCode(200)
                .body("status_code", equalTo(1000))
                .body("data.result", equalTo("ACCEPTED"));
        Received command = partnerB.at("/r/commands/START_SESSION").get(0);
        assertThat(command.body().path("token").path("type").asText()).isEqualTo("OTHER");
        assertThat(command.body().path("token").path("uid").asText()).isEqualTo("XA1-EMAID-1");
    }

    /** V4: a 2.2.1 platform upgrades with PUT on the 2.3.0 tree; the next CDR it gets is in the 2.3.0 shape. */
    @Test
    void aPlatformThatUpgradesGetsItsNextCdrIn230Shape() throws IOException {
        Partner partnerC = new Partner("2.2.1");
        String tokenC1 = register(TOKEN_A_PC, partnerC, "XC1", "/ocpi/2.2.1/credentials");
        String before = "CDR-V4A-" + UUID.randomUUID().toString().substring(0, 8);
        from(tokenCA, "XA1").body(cdr230(before).replace("\"XB1\"", "\"XC1\"")).post("/ocpi/2.3.0/receiver/cdrs")
                .then().statusCode(200);
        Received old = await("the CDR reaches the 2.2.1 platform").atMost(Duration.ofSeconds(30))
                .until(() -> find(partnerC, before), r -> r != null);
        assertThat(old.body().path("total_cost").has("excl_vat")).isTrue();

        partnerC.version = "2.3.0";
        ocpi(tokenC1).body(credentials(partnerC, "XC1")).put("/ocpi/2.3.0/credentials").then().statusCode(200)
                .body("status_code", equalTo(1000))
                .body("data.hub_party_id", equalTo("NLCCH"));
        String after = "CDR-V4B-" + UUID.randomUUID().toString().substring(0, 8);
        from(tokenCA, "XA1").body(cdr230(after).replace("\"XB1\"", "\"XC1\"")).post("/ocpi/2.3.0/receiver/cdrs")
                .then().statusCode(200);
        Received upgraded = await("the CDR reaches the upgraded platform").atMost(Duration.ofSeconds(30))
                .until(() -> find(partnerC, after), r -> r != null);
        assertThat(upgraded.body().path("total_cost").path("taxes").get(1).path("name").asText()).isEqualTo("QST");
        assertThat(upgraded.body().path("x_partner_note").asText()).isEqualTo("kept for 2.3.0");
    }

    /**
     * V9 and V10: a 2.3.0 CPO broadcasts, addressed to the hub's hub_party_id, a location with an unknown field, a
     * SAE_J3400 connector and connector capabilities; a 2.3.0 eMSP gets it verbatim, a 2.2.1 eMSP without them.
     */
    @Test
    void a230LocationBroadcastReachesA230EmspVerbatimAndA221EmspWithoutWhatItCannotCarry() throws IOException {
        Partner partnerD = new Partner("2.3.0");
        register(TOKEN_A_PD, partnerD, "XD1", "/ocpi/2.3.0/credentials");
        String id = "LOC-V9-" + UUID.randomUUID().toString().substring(0, 6);
        String location = location230(id);
        from(tokenCA, "XA1").header("OCPI-to-country-code", "NL").header("OCPI-to-party-id", "CCH").body(location)
                .put("/ocpi/2.3.0/receiver/locations/" + CC + "/XA1/" + id).then().statusCode(200)
                .body("status_code", equalTo(1000));
        String path = "/r/locations/" + CC + "/XA1/" + id;
        Received verbatim = await("the 2.3.0 eMSP receives the location").atMost(Duration.ofSeconds(30))
                .until(() -> partnerD.at(path).stream().findFirst().orElse(null), r -> r != null);
        assertThat(verbatim.body()).isEqualTo(JSON.readTree(location));
        Received stripped = await("the 2.2.1 eMSP receives the location").atMost(Duration.ofSeconds(30))
                .until(() -> partnerB.at(path).stream().findFirst().orElse(null), r -> r != null);
        assertThat(stripped.body().has("x_test")).isFalse();
        assertThat(stripped.body().path("evses")).hasSize(1);
        assertThat(stripped.body().at("/evses/0/connectors/0").has("capabilities")).isFalse();
        assertThat(stripped.body().at("/evses/0/connectors/0/standard").asText()).isEqualTo("IEC_62196_T2");
    }

    private static String location230(String id) {
        return """
                {"country_code": "%s", "party_id": "XA1", "id": "%s", "publish": true, "address": "1 rue X",
                 "city": "Montreal", "country": "CAN", "coordinates": {"latitude": "45.501689", "longitude": "-73.567256"},
                 "time_zone": "America/Toronto", "x_test": "only for 2.3.0",
                 "evses": [
                   {"uid": "E1", "status": "AVAILABLE", "last_updated": "2026-11-24T10:00:00Z",
                    "connectors": [{"id": "1", "standard": "IEC_62196_T2", "format": "SOCKET", "power_type": "AC_3_PHASE",
                                    "max_voltage": 400, "max_amperage": 32, "last_updated": "2026-11-24T10:00:00Z",
                                    "capabilities": ["ISO_15118_2_PLUG_AND_CHARGE", "X_FUTURE_CAPABILITY"]}]},
                   {"uid": "E2", "status": "AVAILABLE", "last_updated": "2026-11-24T10:00:00Z",
                    "connectors": [{"id": "1", "standard": "SAE_J3400", "format": "CABLE", "power_type": "DC",
                                    "max_voltage": 1000, "max_amperage": 500, "last_updated": "2026-11-24T10:00:00Z"}]}],
                 "last_updated": "2026-11-24T10:00:00Z"}""".formatted(CC, id);
    }

    private static Received find(Partner partner, String cdrId) {
        return partner.at("/r/cdrs").stream().filter(r -> cdrId.equals(r.body().path("id").asText())).findFirst()
                .orElse(null);
    }

    /** A body of the other version is OCPI 2001 naming the field, on either tree. */
    @Test
    void aBodyOfTheOtherVersionIsRefusedNamingTheField() {
        from(tokenCA, "XA1").body(cdr230("CDR-WRONG-TREE")).post("/ocpi/2.2.1/receiver/cdrs").then().statusCode(400)
                .body("status_code", equalTo(2001))
                .body("status_message", containsString("before_taxes"));
        from(tokenCB, "XB1").body(session221("S-WRONG-TREE", "2026-11-24T21:09:58Z"))
                .put("/ocpi/2.3.0/receiver/sessions/" + CC + "/XB1/S-WRONG-TREE").then().statusCode(400)
                .body("status_code", equalTo(2001))
                .body("status_message", containsString("total_cost.excl_vat"));
        from(tokenCA, "XA1").body(tariff230("T-NO-TAX-FLAG", "YES").replace("\"tax_included\": \"YES\",", ""))
                .put("/ocpi/2.3.0/receiver/tariffs/" + CC + "/XA1/T-NO-TAX-FLAG").then().statusCode(400)
                .body("status_code", equalTo(2001))
                .body("status_message", containsString("tax_included"));
    }

    private static String cdr230(String id) {
        return """
                {"country_code": "%s", "party_id": "XA1", "id": "%s",
                 "start_date_time": "2026-11-24T20:00:00Z", "end_date_time": "2026-11-24T21:00:00Z",
                 "cdr_token": {"country_code": "%1$s", "party_id": "XB1", "uid": "012345678", "type": "RFID",
                               "contract_id": "XB1-C-1"},
                 "auth_method": "WHITELIST",
                 "cdr_location": {"id": "LOC1", "name": "Gare", "address": "1 rue X", "city": "Montreal",
                                  "postal_code": "H2X1Y4", "state": "QC", "country": "CAN",
                                  "coordinates": {"latitude": "45.501689", "longitude": "-73.567256"},
                                  "evse_uid": "EVSE1", "evse_id": "CA*XA1*E1", "connector_id": "1",
                                  "connector_standard": "IEC_62196_T2", "connector_format": "SOCKET",
                                  "connector_power_type": "AC_3_PHASE"},
                 "currency": "CAD",
                 "charging_periods": [{"start_date_time": "2026-11-24T20:00:00Z",
                                       "dimensions": [{"type": "ENERGY", "volume": 20}]}],
                 "total_cost": {"before_taxes": 10.00, "taxes": [{"name": "GST", "percentage": 5, "amount": 0.50},
                                {"name": "QST", "percentage": 9.975, "amount": 0.9975}]},
                 "total_energy": 20, "total_time": 1,
                 "x_partner_note": "kept for 2.3.0",
                 "last_updated": "2026-11-24T21:05:00Z"}""".formatted(CC, id);
    }

    private static String tariff230(String id, String taxIncluded) {
        return """
                {"country_code": "%s", "party_id": "XA1", "id": "%s", "currency": "CAD", "tax_included": "%s",
                 "min_price": {"before_taxes": 1.00, "after_taxes": 1.15},
                 "elements": [{"price_components": [{"type": "ENERGY", "price": 0.30, "step_size": 1}]}],
                 "last_updated": "2026-11-24T10:00:00Z"}""".formatted(CC, id, taxIncluded);
    }

    private static String session221(String id, String lastUpdated) {
        return """
                {"country_code": "%s", "party_id": "XB1", "id": "%s",
                 "start_date_time": "2026-11-24T20:00:00Z", "end_date_time": "2026-11-24T21:00:00Z", "kwh": 15,
                 "cdr_token": {"country_code": "%1$s", "party_id": "XA1", "uid": "ABC123", "type": "RFID",
                               "contract_id": "XA1-C-1"},
                 "auth_method": "WHITELIST", "location_id": "LOC9", "evse_uid": "E1", "connector_id": "1",
                 "currency": "EUR", "total_cost": {"excl_vat": 8.50, "incl_vat": 10.29}, "status": "COMPLETED",
                 "last_updated": "%s"}""".formatted(CC, id, lastUpdated);
    }
}
