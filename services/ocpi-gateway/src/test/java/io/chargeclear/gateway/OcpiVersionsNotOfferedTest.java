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
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The hub's default today (docs/adr/0025-ocpi-version-per-platform.md): {@code chargeclear.ocpi.versions=2.2.1}. The
 * versions list names 2.2.1 alone, and the 2.3.0 tree answers as if it did not exist: HTTP 404 with an OCPI envelope,
 * never a 500, and a registration tried there uses up nothing (the token A still opens the 2.2.1 tree).
 */
@QuarkusTest
@TestProfile(OcpiVersionsNotOfferedTest.Only221.class)
@WithTestResource(value = LocalInfraResource.class, scope = TestResourceScope.GLOBAL)
class OcpiVersionsNotOfferedTest {

    private static final String TOKEN_A = "nv-a-" + UUID.randomUUID();
    private static boolean announced;

    public static class Only221 implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chargeclear.ocpi.versions", "2.2.1");
        }
    }

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
                    {"platform_id": "%s", "name": "Not offered test", "status": "ACTIVE", "revision": 1,
                     "parties": [{"country_code": "NL", "party_id": "NVO", "role": "CPO", "name": "NVO"}],
                     "credentials": [{"token_hash": "%s", "kind": "A"}], "changed_at": "%s"}"""
                    .formatted(platform, TokenHeader.sha256(TOKEN_A), Instant.now()));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> ocpi().get("/ocpi/versions").statusCode() == 200);
    }

    private static RequestSpecification ocpi() {
        return given().header("Authorization", TokenHeader.encode(TOKEN_A)).contentType(ContentType.JSON);
    }

    @Test
    void versionsList221AloneAndThe230TreeIsA404Envelope() {
        ocpi().get("/ocpi/versions").then().statusCode(200)
                .body("data.version", equalTo(List.of("2.2.1")));
        ocpi().get("/ocpi/2.3.0").then().statusCode(404)
                .body("status_code", equalTo(2000))
                .body("status_message", containsString("does not offer OCPI 2.3.0"));
        ocpi().body("""
                        {"token": "b", "url": "http://127.0.0.1:1/ocpi/versions", "roles": [{"role": "CPO",
                          "party_id": "NVO", "country_code": "NL", "business_details": {"name": "NVO"}}]}""")
                .post("/ocpi/2.3.0/credentials").then().statusCode(404)
                .body("status_code", equalTo(2000))
                .body("status_message", containsString("does not offer OCPI 2.3.0"));
        ocpi().get("/ocpi/2.3.0/credentials").then().statusCode(404).body("status_code", equalTo(2000));
        ocpi().get("/ocpi/2.2.1").then().statusCode(200).body("data.version", equalTo("2.2.1"));
    }
}
