package io.chargeclear.gateway.security;

import io.chargeclear.model.ocpi.TokenHeader;
import io.chargeclear.testkit.KafkaTestClient;
import io.chargeclear.testkit.LocalInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Who may call what at the gateway, and how a refusal reads: roles on the matched resources, so a path written
 * another way (percent-encoded letters, double encoding, dot segments, matrix parameters, case) reaches either the
 * same resource with the same roles or none, never data, never a 2xx, never a 500.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, scope = TestResourceScope.GLOBAL)
class AccessControlTest {

    private static final String ADMIN = "chargeclear-dev-admin";
    private static final String TOKEN_A = "acl-token-a-" + UUID.randomUUID();
    private static final String TOKEN_C = "acl-token-c-" + UUID.randomUUID();
    /** The party this test announces; its code must never appear in a refused answer. */
    private static final String PARTY = "ZQX";
    /** Another platform's party: what the hubclientinfo list shows the test's platform (never its own party). */
    private static final String LISTED = "ZQV";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

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
                    {"platform_id": "%s", "name": "Access control test", "status": "ACTIVE", "revision": 1,
                     "parties": [{"country_code": "NL", "party_id": "%s", "role": "CPO", "name": "ACL"}],
                     "credentials": [{"token_hash": "%s", "kind": "A"}, {"token_hash": "%s", "kind": "C"}],
                     "changed_at": "%s"}""".formatted(platform, PARTY, TokenHeader.sha256(TOKEN_A),
                    TokenHeader.sha256(TOKEN_C), Instant.now()));
            String other = UUID.randomUUID().toString();
            kafka.produce("hub.party.v1", other, Map.of("ce_id", UUID.randomUUID().toString(),
                    "ce_type", "hub.platform.registered.v1"), """
                    {"platform_id": "%s", "name": "Access control test, the other side", "status": "ACTIVE",
                     "revision": 1, "parties": [{"country_code": "NL", "party_id": "%s", "role": "EMSP", "name": "ACV"}],
                     "credentials": [{"token_hash": "%s", "kind": "C"}], "changed_at": "%s"}""".formatted(other, LISTED,
                    TokenHeader.sha256("token-c-" + UUID.randomUUID()), Instant.now()));
        }
        await("platform known").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> ocpi(TOKEN_C).get("/ocpi/2.2.1/hubclientinfo").statusCode() == 200
                        && ocpi(TOKEN_C).get("/ocpi/2.2.1/hubclientinfo").body().asString().contains(LISTED)
                        && admin().get("/admin/routing").body().asString().contains(PARTY));
    }

    private static RequestSpecification ocpi(String token) {
        return given().header("Authorization", TokenHeader.encode(token));
    }

    private static RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + ADMIN);
    }

    @Test
    void aPartnerTokenOnTheOperatorApiIsForbiddenWithAJsonError() {
        ocpi(TOKEN_C).get("/admin/routing").then().statusCode(403)
                .body("status", equalTo(403))
                .body("message", containsString("operator"));
        ocpi(TOKEN_A).get("/admin/deliveries").then().statusCode(403).body("status", equalTo(403));
    }

    @Test
    void theOperatorTokenOnOcpiIsForbiddenWithAnOcpiEnvelope() {
        admin().get("/ocpi/2.2.1/hubclientinfo").then().statusCode(403)
                .body("status_code", equalTo(2000))
                .body("status_message", containsString("partner"))
                .body("timestamp", notNullValue());
        admin().get("/ocpi/versions").then().statusCode(403).body("status_code", equalTo(2000));
    }

    @Test
    void tokenAOnAModuleIsForbiddenNamingWhatIsMissing() {
        ocpi(TOKEN_A).get("/ocpi/2.2.1/hubclientinfo").then().statusCode(403)
                .body("status_code", equalTo(2000))
                .body("status_message", containsString("register first"));
        ocpi(TOKEN_A).get("/ocpi/2.2.1/sender/tariffs").then().statusCode(403).body("status_code", equalTo(2000));
    }

    @Test
    void unknownTokensAndCredentialsOfOtherSchemesAreUnauthorizedWithAChallenge() {
        ocpi("nobody-" + UUID.randomUUID()).get("/ocpi/2.2.1/hubclientinfo").then().statusCode(401)
                .header("WWW-Authenticate", "Token")
                .body("status_code", equalTo(2000))
                .body("status_message", containsString("not accepted"));
        given().header("Authorization", "Bearer wrong").get("/admin/routing").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .body("status", equalTo(401)).body("message", containsString("admin token not accepted"));
        given().header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("a:b".getBytes()))
                .get("/admin/routing").then().statusCode(401).body("status", equalTo(401));
        given().header("Authorization", "Token " + "x".repeat(65)).get("/ocpi/versions").then().statusCode(401)
                .body("status_code", equalTo(2000));
        given().header("Authorization", "Token").get("/ocpi/versions").then().statusCode(401)
                .body("status_code", equalTo(2000));
        given().header("Authorization", "Bearer").get("/admin/routing").then().statusCode(401)
                .body("status", equalTo(401));
    }

    @Test
    void theOperatorApiWrittenAnyOtherWayGivesNoDataWithoutTheOperatorToken() throws Exception {
        List<String> tricks = List.of("/%61dmin/routing", "/adm%69n/routing", "/admin/r%6Futing",
                "/%2561dmin/routing", "/%25%36%31dmin/routing", "//admin/routing", "/./admin/routing",
                "/admin/./routing", "/x/../admin/routing", "/admin/x/../routing", "/admin;x=y/routing",
                "/admin/routing;x=y", "/ADMIN/routing", "/Admin/Routing", "/admin/routing/", "/admin/routing.",
                "/admin%2frouting", "/%2fadmin/routing", "/admin/deliveries/../routing", "/%61dmin/directory/parties");
        for (String trick : tricks) {
            for (String authorization : new String[]{null, TokenHeader.encode(TOKEN_C), TokenHeader.encode(TOKEN_A)}) {
                HttpResponse<String> answer = raw(trick, authorization);
                assertThat(answer.statusCode()).as("%s with %s", trick, authorization == null ? "nothing" : "a partner token")
                        .isBetween(400, 499);
                assertThat(answer.body()).as(trick).doesNotContain(PARTY);
            }
        }
        // the decoded path is the operator API: it answers as the operator API does, with the operator's roles
        HttpResponse<String> encoded = raw("/%61dmin/routing", null);
        assertThat(encoded.statusCode()).isEqualTo(401);
        assertThat(encoded.body()).contains("\"status\":401");
        assertThat(raw("/%61dmin/routing", TokenHeader.encode(TOKEN_C)).statusCode()).isEqualTo(403);
        assertThat(raw("/%61dmin/routing", "Bearer " + ADMIN).body()).contains(PARTY);
    }

    @Test
    void ocpiModulesWrittenAnyOtherWayGiveNoDataWithoutTokenC() throws Exception {
        List<String> tricks = List.of("/%6fcpi/2.2.1/hubclientinfo", "/ocp%69/2.2.1/hubclientinfo",
                "/ocpi/2.2.1/hubcl%69entinfo", "/%256fcpi/2.2.1/hubclientinfo", "//ocpi/2.2.1/hubclientinfo",
                "/./ocpi/2.2.1/hubclientinfo", "/ocpi/./2.2.1/hubclientinfo", "/x/../ocpi/2.2.1/hubclientinfo",
                "/ocpi;x=y/2.2.1/hubclientinfo", "/ocpi/2.2.1/hubclientinfo;x=y", "/OCPI/2.2.1/hubclientinfo",
                "/ocpi/2.2.1/HubClientInfo", "/ocpi/2.2.1/hubclientinfo/", "/ocpi/2.2.1/hubclientinfo.",
                "/ocpi%2f2.2.1/hubclientinfo", "/ocpi/2.2.1/credentials/../hubclientinfo");
        for (String trick : tricks) {
            for (String authorization : new String[]{null, TokenHeader.encode(TOKEN_A), "Bearer " + ADMIN}) {
                HttpResponse<String> answer = raw(trick, authorization);
                assertThat(answer.statusCode()).as("%s with %s", trick, authorization == null ? "nothing" : "a credential")
                        .isBetween(400, 499);
                assertThat(answer.body()).as(trick).doesNotContain(LISTED);
            }
        }
        HttpResponse<String> encoded = raw("/%6fcpi/2.2.1/hubclientinfo", null);
        assertThat(encoded.statusCode()).isEqualTo(401);
        assertThat(encoded.body()).contains("\"status_code\":2000");
        assertThat(raw("/%6fcpi/2.2.1/hubclientinfo", TokenHeader.encode(TOKEN_C)).body()).contains(LISTED);
    }

    @Test
    void noTokenReachesTheLog() throws IOException {
        String secret = "acl-secret-" + UUID.randomUUID();
        ocpi(secret).get("/ocpi/2.2.1/hubclientinfo").then().statusCode(401);
        given().header("Authorization", "Bearer " + secret).get("/admin/routing").then().statusCode(401);
        given().header("Authorization", "Token " + secret).get("/ocpi/versions").then().statusCode(401);
        ocpi(TOKEN_C).get("/ocpi/2.2.1/credentials").then().statusCode(200);
        ocpi(TOKEN_A).get("/ocpi/2.2.1/hubclientinfo").then().statusCode(403);
        Path log = Path.of("target", "quarkus-test.log");
        assertThat(log).exists();
        String written = Files.readString(log);
        assertThat(written).doesNotContain(secret).doesNotContain(TOKEN_A).doesNotContain(TOKEN_C)
                .doesNotContain(ADMIN)
                .doesNotContain(TokenHeader.encode(secret).substring(6))
                .doesNotContain(TokenHeader.encode(TOKEN_C).substring(6));
    }

    /** The path exactly as written: no client-side normalization or re-encoding. */
    private static HttpResponse<String> raw(String path, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .timeout(Duration.ofSeconds(20)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
