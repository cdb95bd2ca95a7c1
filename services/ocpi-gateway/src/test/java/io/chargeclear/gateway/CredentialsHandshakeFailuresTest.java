package io.chargeclear.gateway;

import io.chargeclear.model.ocpi.TokenHeader;
import io.chargeclear.testkit.KafkaTestClient;
import io.chargeclear.testkit.LocalInfraResource;
import io.chargeclear.testkit.OcpiPartnerStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Every way the credentials handshake fails before the registry is asked: wrong token kind (405), a body that
 * is not valid credentials (2001), a partner whose endpoints cannot be used (3001), that speaks no mutual
 * version (3002) or lists no credentials endpoint (3003). Partners are real HTTP servers on loopback. The
 * successful handshake, which needs the registry too, runs in the end-to-end module.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, scope = TestResourceScope.GLOBAL)
class CredentialsHandshakeFailuresTest {

    private static final String TOKEN_A = "hs-token-a-" + UUID.randomUUID();
    private static final String TOKEN_C = "hs-token-c-" + UUID.randomUUID();
    private static boolean announced;

    @BeforeEach
    void announcePlatform() {
        if (announced) {
            return;
        }
        announced = true;
        try (KafkaTestClient kafka = new KafkaTestClient(LocalInfraResource.kafkaBootstrap())) {
            String platform = UUID.randomUUID().toString();
            kafka.produce("hub.party.v1", platform, Map.of("ce_id", UUID.randomUUID().toString(),
                    "ce_type", "hub.platform.registered.v1"), """
                    {"platform_id": "%s", "name": "Handshake test", "status": "ACTIVE", "revision": 1,
                     "parties": [{"country_code": "NL", "party_id": "HSK", "role": "CPO", "name": "HSK"}],
                     "credentials": [{"token_hash": "%s", "kind": "A"}, {"token_hash": "%s", "kind": "C"}],
                     "changed_at": "%s"}""".formatted(platform, TokenHeader.sha256(TOKEN_A),
                    TokenHeader.sha256(TOKEN_C), Instant.now()));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> ocpi(TOKEN_A).get("/ocpi/versions").statusCode() == 200);
    }

    private static RequestSpecification ocpi(String token) {
        return given().header("Authorization", TokenHeader.encode(token)).contentType(ContentType.JSON);
    }

    private static String credentials(String tokenB, String versionsUrl) {
        return """
                {"token": "%s", "url": "%s", "roles": [{"role": "CPO", "party_id": "HSK", "country_code": "NL",
                  "business_details": {"name": "Handshake CPO"}}]}""".formatted(tokenB, versionsUrl);
    }

    @Test
    void postWithTokenCIsRefusedAs405AlreadyRegistered() {
        ocpi(TOKEN_C).body(credentials("b", "http://127.0.0.1:1/ocpi/versions")).post("/ocpi/2.2.1/credentials")
                .then().statusCode(405).body("status_code", equalTo(2000))
                .body("status_message", containsString("already registered"));
    }

    @Test
    void putAndDeleteWithTokenAAreRefusedAs405NotRegistered() {
        ocpi(TOKEN_A).body(credentials("b", "http://127.0.0.1:1/ocpi/versions")).put("/ocpi/2.2.1/credentials")
                .then().statusCode(405).body("status_message", containsString("not registered"));
        ocpi(TOKEN_A).delete("/ocpi/2.2.1/credentials").then().statusCode(405);
    }

    @Test
    void aBodyThatIsNotCredentialsIsA2001NamingTheField() {
        ocpi(TOKEN_A).body("{\"url\": \"http://127.0.0.1/ocpi/versions\", \"roles\": []}").post("/ocpi/2.2.1/credentials")
                .then().statusCode(400).body("status_code", equalTo(2001))
                .body("status_message", containsString("token")).body("status_message", containsString("roles"));
        ocpi(TOKEN_A).body("{\"token\": ").post("/ocpi/2.2.1/credentials")
                .then().statusCode(400).body("status_code", equalTo(2001));
        ocpi(TOKEN_A).body("{\"token\": \"b\", \"url\": \"http://127.0.0.1/ocpi/versions\", \"roles\": \"CPO\"}")
                .post("/ocpi/2.2.1/credentials")
                .then().statusCode(400).body("status_code", equalTo(2001))
                .body("status_message", equalTo("roles must be a list"));
    }

    @Test
    void anUnreachableVersionsEndpointIs3001() {
        ocpi(TOKEN_A).body(credentials("b", "http://127.0.0.1:1/ocpi/versions")).post("/ocpi/2.2.1/credentials")
                .then().statusCode(200).body("status_code", equalTo(3001))
                .body("status_message", containsString("versions endpoint"));
    }

    @Test
    void aPartnerThatRefusesTokenBIs3001() throws Exception {
        try (OcpiPartnerStub partner = OcpiPartnerStub.start("the-real-token-b")) {
            ocpi(TOKEN_A).body(credentials("a-wrong-token-b", partner.versionsUrl())).post("/ocpi/2.2.1/credentials")
                    .then().statusCode(200).body("status_code", equalTo(3001))
                    .body("status_message", containsString("HTTP 401"));
        }
    }

    @Test
    void noMutualVersionIs3002() throws Exception {
        try (OcpiPartnerStub partner = OcpiPartnerStub.start("token-b").offeringVersion("2.1.1")) {
            ocpi(TOKEN_A).body(credentials("token-b", partner.versionsUrl())).post("/ocpi/2.2.1/credentials")
                    .then().statusCode(200).body("status_code", equalTo(3002))
                    .body("status_message", containsString("2.1.1"));
        }
    }

    @Test
    void detailsWithoutCredentialsEndpointAre3003AndTheHubUsedTokenB() throws Exception {
        try (OcpiPartnerStub partner = OcpiPartnerStub.start("token-b").offeringCredentials(false)) {
            ocpi(TOKEN_A).body(credentials("token-b", partner.versionsUrl())).post("/ocpi/2.2.1/credentials")
                    .then().statusCode(200).body("status_code", equalTo(3003));
            org.assertj.core.api.Assertions.assertThat(partner.received()).containsExactly(
                    "GET /ocpi/versions " + TokenHeader.encode("token-b"),
                    "GET /ocpi/2.2.1 " + TokenHeader.encode("token-b"));
        }
    }
}
