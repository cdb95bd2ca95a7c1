package io.chargeclear.gateway;

import io.chargeclear.model.ocpi.TokenHeader;
import io.chargeclear.testkit.KafkaTestClient;
import io.chargeclear.testkit.LocalInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.oneOf;

/**
 * The OCPI transport: token authentication from the hashes hub.party.v1 carries, the envelope on every
 * answer, the versions module, and GET credentials. Platforms are announced over real Kafka exactly as the
 * registry's outbox publishes them.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, scope = TestResourceScope.GLOBAL)
class OcpiTransportTest {

    private static final String TOKEN_A = "token-a-" + UUID.randomUUID();
    private static final String TOKEN_C = "token-c-" + UUID.randomUUID();
    private static final String EXPIRED = "token-x-" + UUID.randomUUID();
    private static final String SUSPENDED_TOKEN = "token-s-" + UUID.randomUUID();
    private static final String PLAIN_TOKEN = "token-p-" + UUID.randomUUID();

    private static boolean announced;

    /** The management interface (health, metrics, OpenAPI): its own port, never the one partners call. */
    @TestHTTPResource(management = true)
    URL management;

    /** Once per class, but in @BeforeEach: RestAssured knows the app's random port only from then on. */
    @BeforeEach
    void announcePlatforms() {
        if (announced) {
            return;
        }
        announced = true;
        try (KafkaTestClient kafka = new KafkaTestClient(LocalInfraResource.kafkaBootstrap())) {
            announce(kafka, "ACTIVE", "\"credentials\": [{\"token_hash\": \"%s\", \"kind\": \"A\"}]"
                    .formatted(TokenHeader.sha256(TOKEN_A)));
            announce(kafka, "ACTIVE", ("\"credentials\": [{\"token_hash\": \"%s\", \"kind\": \"C\"},"
                    + " {\"token_hash\": \"%s\", \"kind\": \"C\", \"expires_at\": \"2020-01-01T00:00:00Z\"}]")
                    .formatted(TokenHeader.sha256(TOKEN_C), TokenHeader.sha256(EXPIRED)));
            announce(kafka, "SUSPENDED", "\"credentials\": [{\"token_hash\": \"%s\", \"kind\": \"C\"}]"
                    .formatted(TokenHeader.sha256(SUSPENDED_TOKEN)));
            announce(kafka, "ACTIVE", ("\"plain_tokens\": true, \"credentials\": [{\"token_hash\": \"%s\","
                    + " \"kind\": \"C\"}]").formatted(TokenHeader.sha256(PLAIN_TOKEN)));
        }
        await("credentials applied").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> ocpi(SUSPENDED_TOKEN).get("/ocpi/versions").statusCode() == 401
                        && ocpi(TOKEN_A).get("/ocpi/versions").statusCode() == 200
                        && ocpi(TOKEN_C).get("/ocpi/versions").statusCode() == 200
                        && ocpi(PLAIN_TOKEN).get("/ocpi/versions").statusCode() == 200
                        && given().header("Authorization", "Token " + SUSPENDED_TOKEN).get("/ocpi/versions")
                        .body().asString().contains("suspended"));
    }

    private static void announce(KafkaTestClient kafka, String status, String credentials) {
        String platform = UUID.randomUUID().toString();
        kafka.produce("hub.party.v1", platform, Map.of("ce_id", UUID.randomUUID().toString(),
                "ce_type", "hub.platform.registered.v1"), """
                {"platform_id": "%s", "name": "Transport test", "status": "%s", "revision": 1,
                 "parties": [{"country_code": "NL", "party_id": "TT%s", "role": "CPO", "name": "TT"}],
                 %s, "changed_at": "%s"}""".formatted(platform, status, status.charAt(0), credentials, Instant.now()));
    }

    private static RequestSpecification ocpi(String token) {
        return given().header("Authorization", TokenHeader.encode(token));
    }

    @Test
    void versionsListTwoTwoOneWithTheDetailsUrl() {
        ocpi(TOKEN_A).get("/ocpi/versions").then().statusCode(200)
                .body("status_code", equalTo(1000))
                .body("timestamp", notNullValue())
                .body("data[0].version", equalTo("2.2.1"))
                .body("data[0].url", equalTo("http://localhost:8080/ocpi/2.2.1"));
        ocpi(TOKEN_C).get("/ocpi/2.2.1").then().statusCode(200)
                .body("data.version", equalTo("2.2.1"))
                .body("data.endpoints.identifier", hasItem("credentials"))
                .body("data.endpoints.find { it.identifier == 'credentials' }.url",
                        equalTo("http://localhost:8080/ocpi/2.2.1/credentials"));
    }

    @Test
    void aPlainTokenIsAcceptedOnlyFromAPlatformSetUpForPlainTokens() {
        given().header("Authorization", "Token " + PLAIN_TOKEN).get("/ocpi/versions").then().statusCode(200);
        given().header("Authorization", "Token " + PLAIN_TOKEN).get("/ocpi/2.2.1/credentials").then()
                .statusCode(200).body("data.token", equalTo(PLAIN_TOKEN));
        given().header("Authorization", "Token " + TOKEN_A).get("/ocpi/versions").then().statusCode(401)
                .body("status_message", containsString("Base64"));
    }

    @Test
    void getCredentialsAnswersTheHubAsRoleHubWithThePresentedToken() {
        ocpi(TOKEN_C).get("/ocpi/2.2.1/credentials").then().statusCode(200)
                .body("data.token", equalTo(TOKEN_C))
                .body("data.url", equalTo("http://localhost:8080/ocpi/versions"))
                .body("data.roles[0].role", equalTo("HUB"))
                .body("data.roles[0].party_id", equalTo("CCH"))
                .body("data.roles[0].business_details.name", equalTo("ChargeClear Hub"));
    }

    @Test
    void missingUnknownExpiredAndSuspendedTokensAreRefusedWith401AndAnEnvelope() {
        given().get("/ocpi/versions").then().statusCode(401)
                .body("status_code", equalTo(2000)).body("status_message", containsString("Authorization"));
        ocpi("nobody-knows-me").get("/ocpi/versions").then().statusCode(401)
                .body("status_message", containsString("not accepted"));
        ocpi(EXPIRED).get("/ocpi/versions").then().statusCode(401);
        ocpi(SUSPENDED_TOKEN).get("/ocpi/versions").then().statusCode(401)
                .body("status_message", containsString("suspended"));
    }

    @Test
    void tokenAOpensOnlyVersionsAndCredentials() {
        ocpi(TOKEN_A).get("/ocpi/2.2.1/credentials").then().statusCode(200);
        ocpi(TOKEN_A).get("/ocpi/2.2.1/sender/locations").then().statusCode(403)
                .body("status_code", equalTo(2000))
                .body("status_message", containsString("token A"));
    }

    @Test
    void anUnknownModuleIsA404EnvelopeNotAnHtmlPage() {
        ocpi(TOKEN_C).get("/ocpi/2.2.1/nosuchmodule").then().statusCode(404)
                .body("status_code", equalTo(2000)).body("timestamp", notNullValue());
    }

    @Test
    void requestAndCorrelationIdsAreEchoed() {
        ocpi(TOKEN_C).header("X-Request-ID", "req-1").header("X-Correlation-ID", "corr-1")
                .get("/ocpi/versions").then().statusCode(200)
                .header("X-Request-ID", equalTo("req-1")).header("X-Correlation-ID", equalTo("corr-1"));
        given().get("/ocpi/versions").then().statusCode(401).header("X-Request-ID", notNullValue());
    }

    @Test
    void theOperatorApiKeepsItsOwnErrorFormat() {
        given().get("/admin/routing").then().statusCode(401).body("status", equalTo(401));
        given().header("Authorization", "Bearer chargeclear-dev-admin").get("/admin/nosuch")
                .then().statusCode(404).body("status", equalTo(404));
    }

    @Test
    void managementEndpointsAreServedOnTheManagementPortOnly() {
        // ready once the agreement book has caught up with what earlier tests published on hub.agreement.v1
        await("the gateway is ready").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().baseUri(management.toString()).get("health/ready").then().statusCode(200)
                        .body("status", endsWith("UP")));
        given().baseUri(management.toString()).get("metrics").then().statusCode(200)
                .body(containsString("http_server_requests"));
        given().baseUri(management.toString()).get("openapi").then().statusCode(200)
                .body(containsString("/ocpi/2.2.1"));
        given().baseUri(management.toString()).get("swagger-ui/").then().statusCode(200);
        // the port partners reach serves none of them
        for (String path : new String[] {"/q/health", "/q/health/ready", "/q/metrics", "/q/openapi", "/q/swagger-ui/"}) {
            given().get(path).then().statusCode(oneOf(401, 403, 404)).body(not(containsString("UP")));
        }
    }
}
