package io.chargeclear.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chargeclear.kit.crypto.TokenCipher;
import io.chargeclear.testkit.KafkaTestClient;
import io.chargeclear.testkit.LocalInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static io.chargeclear.registry.PlatformAdminTest.admin;
import static io.chargeclear.registry.PlatformAdminTest.freshPartyId;
import static io.chargeclear.registry.PlatformAdminTest.platformJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * The registry's side of the OCPI credentials handshake as the gateway calls it: registration with token A,
 * update with token C and its grace window, unregistration, a new token A from the operator; tokens B stored
 * encrypted; every change published on {@code hub.party.v1} in the same transaction, refusals leaving nothing.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, scope = TestResourceScope.GLOBAL)
class ConnectionHandshakeTest {

    private static final Duration RELAY = Duration.ofSeconds(60);
    private final ObjectMapper json = new ObjectMapper();

    /** A platform with one approved CPO party, as the operator registered it. */
    record Partner(String id, String tokenA, String cc, String pid) {

        static Partner registered(String name) {
            String pid = freshPartyId();
            JsonPath answer = admin().body(platformJson(name, "NL", pid, "CPO")).post("/admin/platforms")
                    .then().statusCode(201).extract().jsonPath();
            return new Partner(answer.getString("id"), answer.getString("token_a"), "NL", pid);
        }

        String roles() {
            return "[{\"country_code\": \"%s\", \"party_id\": \"%s\", \"role\": \"CPO\"}]".formatted(cc, pid);
        }
    }

    static String connectJson(String presentedToken, String tokenB, String roles, Integer graceSeconds) {
        return connectJson("2.2.1", presentedToken, tokenB, roles, graceSeconds);
    }

    static String connectJson(String version, String presentedToken, String tokenB, String roles, Integer graceSeconds) {
        return """
                {"presented_token_hash": "%s", "token_b": "%s", "version": "%s",
                 "versions_url": "https://partner.example/ocpi/versions",
                 "endpoints": [{"identifier": "credentials", "role": "SENDER", "url": "https://partner.example/ocpi/2.2.1/credentials"},
                               {"identifier": "locations", "role": "SENDER", "url": "https://partner.example/ocpi/2.2.1/locations"}],
                 "roles": %s%s}
                """.formatted(sha256(presentedToken), tokenB, version, roles,
                graceSeconds == null ? "" : ", \"grace_seconds\": " + graceSeconds);
    }

    @Test
    void registrationWithTokenAIssuesTokenCAndRetiresA() throws Exception {
        Partner partner = Partner.registered("Handshake");
        String tokenB = "partner-token-b-" + partner.pid();

        JsonPath answer = admin().body(connectJson(partner.tokenA(), tokenB, partner.roles(), null))
                .post("/admin/platforms/" + partner.id() + "/connection")
                .then().statusCode(200)
                .body("platform_id", equalTo(partner.id()))
                .body("token_c", matchesPattern("[A-Za-z0-9_-]{43}"))
                .body("revision", equalTo(2))
                .body("credentials", hasSize(1))
                .body("credentials[0].kind", equalTo("C"))
                .body("credentials[0].expires_at", nullValue())
                .extract().jsonPath();
        String tokenC = answer.getString("token_c");
        assertThat(answer.getString("credentials[0].token_hash")).isEqualTo(sha256(tokenC));

        admin().body(connectJson(partner.tokenA(), tokenB, partner.roles(), null))
                .post("/admin/platforms/" + partner.id() + "/connection")
                .then().statusCode(409).body("message", containsString("presented token is not accepted for this platform"));

        String view = admin().get("/admin/platforms/" + partner.id()).then().statusCode(200)
                .body("revision", equalTo(2))
                .body("connection.version", equalTo("2.2.1"))
                .body("connection.versions_url", equalTo("https://partner.example/ocpi/versions"))
                .body("connection.endpoints", hasSize(2))
                .body("connection.endpoints[0].identifier", equalTo("credentials"))
                .body("connection.endpoints[0].role", equalTo("SENDER"))
                .body("connection.endpoints[1].url", equalTo("https://partner.example/ocpi/2.2.1/locations"))
                .body("connection.connected_at", notNullValue())
                .body("connection.updated_at", notNullValue())
                .extract().asString();
        assertThat(view).doesNotContain(tokenB).doesNotContain("token_b");

        try (KafkaTestClient kafka = new KafkaTestClient(LocalInfraResource.kafkaBootstrap())) {
            ConsumerRecord<String, String> record = kafka.awaitRecord("hub.party.v1",
                    r -> partner.id().equals(r.key()) && "hub.platform.connected.v1".equals(KafkaTestClient.header(r, "ce_type")),
                    RELAY);
            JsonNode payload = json.readTree(record.value());
            assertThat(payload.path("revision").asLong()).isEqualTo(2);
            assertThat(payload.path("status").asText()).isEqualTo("ACTIVE");
            assertThat(payload.path("credentials")).hasSize(1);
            assertThat(payload.path("credentials").get(0).path("token_hash").asText()).isEqualTo(sha256(tokenC));
            assertThat(payload.path("credentials").get(0).path("kind").asText()).isEqualTo("C");
            assertThat(record.value()).doesNotContain(sha256(partner.tokenA())).doesNotContain(tokenC)
                    .doesNotContain(tokenB);
        }
    }

    @Test
    void theVersionCalledBecomesThePlatformsAndAnUpdateOnAnotherVersionSwitchesIt() throws Exception {
        Partner partner = Partner.registered("Upgrading");
        admin().get("/admin/platforms/" + partner.id()).then().statusCode(200).body("ocpi_version", nullValue());
        String tokenC = admin().body(connectJson("2.2.1", partner.tokenA(), "b-1", partner.roles(), null))
                .post("/admin/platforms/" + partner.id() + "/connection")
                .then().statusCode(200).extract().path("token_c");
        admin().get("/admin/platforms/" + partner.id()).then().statusCode(200).body("ocpi_version", equalTo("2.2.1"));

        String upgradedC = admin().body(connectJson("2.3.0", tokenC, "b-2", partner.roles(), null))
                .post("/admin/platforms/" + partner.id() + "/connection")
                .then().statusCode(200).body("revision", equalTo(3)).extract().path("token_c");
        assertThat(upgradedC).isNotEqualTo(tokenC);
        admin().get("/admin/platforms/" + partner.id()).then().statusCode(200)
                .body("ocpi_version", equalTo("2.3.0"))
                .body("connection.version", equalTo("2.3.0"));

        try (KafkaTestClient kafka = new KafkaTestClient(LocalInfraResource.kafkaBootstrap())) {
            ConsumerRecord<String, String> upgraded = kafka.awaitRecord("hub.party.v1",
                    r -> partner.id().equals(r.key())
                            && "hub.platform.credentials-updated.v1".equals(KafkaTestClient.header(r, "ce_type")),
                    RELAY);
            JsonNode payload = json.readTree(upgraded.value());
            assertThat(payload.path("revision").asLong()).isEqualTo(3);
            assertThat(payload.path("ocpi_version").asText()).isEqualTo("2.3.0");
        }

        admin().body(connectJson("2.2.1", upgradedC, "b-3", partner.roles(), null))
                .post("/admin/platforms/" + partner.id() + "/connection").then().statusCode(200);
        admin().get("/admin/platforms/" + partner.id()).then().statusCode(200).body("ocpi_version", equalTo("2.2.1"));
    }

    @Test
    void aVersionTheHubDoesNotOfferIsRefusedAndChangesNothing() {
        Partner partner = Partner.registered("Futuristic");
        admin().body(connectJson("2.1.1", partner.tokenA(), "b", partner.roles(), null))
                .post("/admin/platforms/" + partner.id() + "/connection")
                .then().statusCode(400).body("message", containsString("does not offer OCPI 2.1.1"));
        admin().get("/admin/platforms/" + partner.id()).then().statusCode(200)
                .body("revision", equalTo(1)).body("ocpi_version", nullValue()).body("connection", nullValue());
    }

    @Test
    void tokenBIsStoredEncrypted() throws Exception {
        Partner partner = Partner.registered("Secretive");
        String tokenB = "clear-token-b-" + partner.pid() + "-must-not-be-stored-as-is";
        admin().body(connectJson(partner.tokenA(), tokenB, partner.roles(), null))
                .post("/admin/platforms/" + partner.id() + "/connection").then().statusCode(200);

        String stored = single("select token_b_ciphertext from party_registry.partner_connection where platform_id = ?",
                partner.id());
        assertThat(stored).doesNotContain(tokenB).doesNotContain(partner.pid());
        String key = ConfigProvider.getConfig().getValue("chargeclear.registry.token-encryption-key", String.class);
        assertThat(TokenCipher.fromBase64Key(key).decrypt(stored)).as("sealed under the configured key").isEqualTo(tokenB);
    }

    @Test
    void anUnapprovedRoleIsRefusedAndChangesNothing() {
        Partner partner = Partner.registered("Overreaching");
        String unapproved = "XY" + partner.pid().substring(0, 1);
        String roles = "[{\"country_code\": \"nl\", \"party_id\": \"%s\", \"role\": \"cpo\"},"
                .formatted(partner.pid().toLowerCase())
                + " {\"country_code\": \"DE\", \"party_id\": \"%s\", \"role\": \"EMSP\"},".formatted(unapproved)
                + " {\"country_code\": \"NL\", \"party_id\": \"%s\", \"role\": \"EMSP\"}]".formatted(partner.pid());

        admin().body(connectJson(partner.tokenA(), "token-b", roles, null))
                .post("/admin/platforms/" + partner.id() + "/connection")
                .then().statusCode(400)
                .body("message", containsString("role DE/" + unapproved + " (EMSP) is not approved for this platform"))
                .body("message", containsString("role NL/" + partner.pid() + " (EMSP) is not approved for this platform"))
                .body("message", not(containsString("(CPO)")));

        assertThat(count("select count(*) from party_registry.outbox_event where aggregate_id = ?", partner.id()))
                .as("only the registration's event").isEqualTo(1);
        assertThat(count("select count(*) from party_registry.platform_token where platform_id = ? and revoked_at is null",
                partner.id())).as("token A still accepted, no token C").isEqualTo(1);
        admin().get("/admin/platforms/" + partner.id()).then().statusCode(200)
                .body("revision", equalTo(1)).body("connection", nullValue());

        // codes and roles are compared case-insensitively: the approved party in lower case connects with the same token A
        String approvedLowerCase = "[{\"country_code\": \"nl\", \"party_id\": \"%s\", \"role\": \"cpo\"}]"
                .formatted(partner.pid().toLowerCase());
        admin().body(connectJson(partner.tokenA(), "token-b", approvedLowerCase, null))
                .post("/admin/platforms/" + partner.id() + "/connection").then().statusCode(200);
    }

    @Test
    void anUpdateWithTokenCRotatesItKeepingTheOldOneForTheGraceWindow() {
        Partner partner = Partner.registered("Rotating");
        String c1 = admin().body(connectJson(partner.tokenA(), "b1", partner.roles(), null))
                .post("/admin/platforms/" + partner.id() + "/connection").then().statusCode(200)
                .extract().path("token_c");

        Instant before = Instant.now();
        JsonPath second = admin().body(connectJson(c1, "b2", partner.roles(), null))
                .post("/admin/platforms/" + partner.id() + "/connection").then().statusCode(200)
                .body("revision", equalTo(3))
                .body("credentials", hasSize(2))
                .extract().jsonPath();
        Instant after = Instant.now();
        String c2 = second.getString("token_c");
        assertThat(c2).isNotEqualTo(c1);
        assertThat(second.getString("credentials[0].token_hash")).isEqualTo(sha256(c1));
        assertThat(Instant.parse(second.getString("credentials[0].expires_at")))
                .as("default grace PT5M").isBetween(before.plusSeconds(299), after.plusSeconds(301));
        assertThat(second.getString("credentials[1].token_hash")).isEqualTo(sha256(c2));
        assertThat(second.getString("credentials[1].expires_at")).isNull();

        before = Instant.now();
        JsonPath third = admin().body(connectJson(c2, "b3", partner.roles(), 120))
                .post("/admin/platforms/" + partner.id() + "/connection").then().statusCode(200)
                .body("credentials", hasSize(3)).extract().jsonPath();
        after = Instant.now();
        assertThat(Instant.parse(third.getString("credentials[0].expires_at")))
                .as("an earlier, longer grace window is cut to the new one")
                .isBetween(before.plusSeconds(119), after.plusSeconds(121));
        assertThat(Instant.parse(third.getString("credentials[1].expires_at")))
                .isBetween(before.plusSeconds(119), after.plusSeconds(121));
        assertThat(third.getString("credentials[1].token_hash")).isEqualTo(sha256(c2));
        String c3 = third.getString("token_c");

        // the old token in its window may still update; grace 0 retires every earlier token at once
        JsonPath fourth = admin().body(connectJson(c1, "b4", partner.roles(), 0))
                .post("/admin/platforms/" + partner.id() + "/connection").then().statusCode(200)
                .body("credentials", hasSize(1)).extract().jsonPath();
        assertThat(fourth.getString("credentials[0].token_hash")).isEqualTo(sha256(fourth.getString("token_c")));
        admin().body(connectJson(c3, "b5", partner.roles(), null))
                .post("/admin/platforms/" + partner.id() + "/connection").then().statusCode(409);

        assertThat(single("select type from party_registry.outbox_event where aggregate_id = ? order by occurred_at desc, id limit 1",
                partner.id())).isEqualTo("hub.platform.credentials-updated.v1");
        admin().get("/admin/platforms/" + partner.id()).then().body("connection.version", equalTo("2.2.1"));
    }

    @Test
    void deleteWithTokenCDisconnectsAndRevokesEverything() throws Exception {
        Partner partner = Partner.registered("Leaving");
        String c1 = admin().body(connectJson(partner.tokenA(), "b1", partner.roles(), null))
                .post("/admin/platforms/" + partner.id() + "/connection").then().statusCode(200)
                .extract().path("token_c");
        String c2 = admin().body(connectJson(c1, "b2", partner.roles(), null))
                .post("/admin/platforms/" + partner.id() + "/connection").then().statusCode(200)
                .extract().path("token_c");

        admin().delete("/admin/platforms/" + partner.id() + "/connection?presented_token_hash=" + sha256(partner.tokenA()))
                .then().statusCode(409).body("message", containsString("not an accepted token C"));

        admin().delete("/admin/platforms/" + partner.id() + "/connection?presented_token_hash=" + sha256(c2))
                .then().statusCode(200)
                .body("platform_id", equalTo(partner.id()))
                .body("revision", equalTo(4));

        assertThat(count("select count(*) from party_registry.platform_token where platform_id = ?"
                + " and (revoked_at is null or revoked_at > now())", partner.id())).isZero();
        assertThat(count("select count(*) from party_registry.partner_connection where platform_id = ?", partner.id()))
                .isZero();
        admin().get("/admin/platforms/" + partner.id()).then().statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("revision", equalTo(4))
                .body("connection", nullValue())
                .body("ocpi_version", nullValue())
                .body(containsString("\"connection\":null"));
        admin().delete("/admin/platforms/" + partner.id() + "/connection?presented_token_hash=" + sha256(c1))
                .then().statusCode(409);
        admin().body(connectJson(c2, "b3", partner.roles(), null))
                .post("/admin/platforms/" + partner.id() + "/connection").then().statusCode(409);

        String snapshot = single("select payload from party_registry.outbox_event where aggregate_id = ?"
                + " and type = 'hub.platform.disconnected.v1'", partner.id());
        assertThat(json.readTree(snapshot).path("credentials")).isEmpty();
        assertThat(json.readTree(snapshot).path("revision").asLong()).isEqualTo(4);
    }

    @Test
    void aNewTokenARetiresEveryTokenAndAllowsRegisteringAgain() throws Exception {
        Partner partner = Partner.registered("Restarting");
        String c1 = admin().body(connectJson(partner.tokenA(), "b1", partner.roles(), null))
                .post("/admin/platforms/" + partner.id() + "/connection").then().statusCode(200)
                .extract().path("token_c");

        String tokenA2 = admin().post("/admin/platforms/" + partner.id() + "/token-a").then().statusCode(200)
                .body("platform_id", equalTo(partner.id()))
                .body("token_a", matchesPattern("[A-Za-z0-9_-]{43}"))
                .body("versions_url", equalTo("http://localhost:8080/ocpi/versions"))
                .extract().path("token_a");

        String snapshot = single("select payload from party_registry.outbox_event where aggregate_id = ?"
                + " and type = 'hub.platform.credentials-updated.v1'", partner.id());
        JsonNode credentials = json.readTree(snapshot).path("credentials");
        assertThat(credentials).hasSize(1);
        assertThat(credentials.get(0).path("token_hash").asText()).isEqualTo(sha256(tokenA2));
        assertThat(credentials.get(0).path("kind").asText()).isEqualTo("A");
        assertThat(json.readTree(snapshot).path("revision").asLong()).isEqualTo(3);

        admin().body(connectJson(c1, "b2", partner.roles(), null))
                .post("/admin/platforms/" + partner.id() + "/connection").then().statusCode(409);
        admin().body(connectJson(tokenA2, "b2", partner.roles(), null))
                .post("/admin/platforms/" + partner.id() + "/connection").then().statusCode(200)
                .body("revision", equalTo(4)).body("credentials", hasSize(1));
    }

    @Test
    void onlyAnActivePlatformConnects() {
        Partner partner = Partner.registered("Suspended");
        admin().post("/admin/platforms/" + partner.id() + "/suspend").then().statusCode(200);

        admin().body(connectJson(partner.tokenA(), "b", partner.roles(), null))
                .post("/admin/platforms/" + partner.id() + "/connection")
                .then().statusCode(409).body("message", containsString("suspended"));
        admin().post("/admin/platforms/" + partner.id() + "/token-a")
                .then().statusCode(409).body("message", containsString("suspended"));

        admin().delete("/admin/platforms/" + partner.id()).then().statusCode(200);
        admin().body(connectJson(partner.tokenA(), "b", partner.roles(), null))
                .post("/admin/platforms/" + partner.id() + "/connection")
                .then().statusCode(409).body("message", containsString("unregistered"));
    }

    @Test
    void unregisteringAPlatformForgetsItsConnection() {
        Partner partner = Partner.registered("Gone");
        admin().body(connectJson(partner.tokenA(), "b", partner.roles(), null))
                .post("/admin/platforms/" + partner.id() + "/connection").then().statusCode(200);

        admin().delete("/admin/platforms/" + partner.id()).then().statusCode(200)
                .body("status", equalTo("UNREGISTERED")).body("connection", nullValue());
        assertThat(count("select count(*) from party_registry.partner_connection where platform_id = ?", partner.id()))
                .isZero();
    }

    @Test
    void unknownPlatformsAndInvalidRequestsAreRefused() {
        Partner partner = Partner.registered("Validated");
        String path = "/admin/platforms/" + partner.id() + "/connection";
        admin().body(connectJson(partner.tokenA(), "b", partner.roles(), null)).post("/admin/platforms/nope/connection")
                .then().statusCode(404).body("message", containsString("nope"));
        admin().delete("/admin/platforms/nope/connection?presented_token_hash=" + sha256("x")).then().statusCode(404);
        admin().post("/admin/platforms/nope/token-a").then().statusCode(404);

        admin().body(connectJson(partner.tokenA(), "b".repeat(65), partner.roles(), null)).post(path)
                .then().statusCode(400).body("message", containsString("token_b"));
        admin().body(connectJson(partner.tokenA(), "b\u00e9", partner.roles(), null)).post(path)
                .then().statusCode(400).body("message", containsString("token_b"));
        admin().body(connectJson(partner.tokenA(), "b", partner.roles(), 3601)).post(path)
                .then().statusCode(400).body("message", containsString("grace_seconds"));
        admin().body(connectJson(partner.tokenA(), "b", "[]", null)).post(path)
                .then().statusCode(400).body("message", containsString("roles"));
        admin().body(connectJson(partner.tokenA(), "b", "[{\"country_code\": \"NL\", \"party_id\": \"ABC\", \"role\": \"HUB\"}]", null))
                .post(path).then().statusCode(400).body("message", containsString("roles[0].role"));
        String twice = "[{\"country_code\": \"NL\", \"party_id\": \"%s\", \"role\": \"CPO\"},"
                .formatted(partner.pid())
                + " {\"country_code\": \"nl\", \"party_id\": \"%s\", \"role\": \"cpo\"}]".formatted(partner.pid().toLowerCase());
        admin().body(connectJson(partner.tokenA(), "b", twice, null)).post(path)
                .then().statusCode(400).body("message", containsString("listed twice"));
        admin().body(connectJson(partner.tokenA(), "b", partner.roles(), null).replace("2.2.1\"", "latest\""))
                .post(path).then().statusCode(400).body("message", containsString("version"));
        admin().body(connectJson(partner.tokenA(), "b", partner.roles(), null)
                        .replace(sha256(partner.tokenA()), "not-a-hash"))
                .post(path).then().statusCode(400).body("message", containsString("presented_token_hash"));
        admin().delete(path + "?presented_token_hash=xyz").then().statusCode(400)
                .body("message", containsString("presented_token_hash"));
        admin().delete(path).then().statusCode(400).body("message", containsString("presented_token_hash"));

        assertThat(count("select count(*) from party_registry.outbox_event where aggregate_id = ?", partner.id()))
                .isEqualTo(1);
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(String sql, String parameter) {
        return Long.parseLong(single(sql, parameter));
    }

    private static String single(String sql, String parameter) {
        try (Connection db = DriverManager.getConnection(LocalInfraResource.jdbcUrl(), LocalInfraResource.username(),
                LocalInfraResource.password());
             PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet rs = query.executeQuery()) {
                List<String> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
                assertThat(rows).as(sql).hasSize(1);
                return rows.get(0);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
