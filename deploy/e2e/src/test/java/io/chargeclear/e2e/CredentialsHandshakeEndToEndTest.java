package io.chargeclear.e2e;

import io.chargeclear.testkit.OcpiPartnerStub;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/**
 * A partner connects exactly as OCPI 2.2.1 §credentials prescribes: the operator registers its platform
 * (token A), the partner POSTs its credentials to the gateway, the hub calls the partner back with token B,
 * the registry issues token C, and token C works on the partner's very next call while token A stops.
 * Then the partner rotates (PUT, old token in grace) and unregisters (DELETE).
 */
@ExtendWith(SharedHub.class)
class CredentialsHandshakeEndToEndTest {

    private static RunningHub hub;

    @BeforeAll
    static void startHub(RunningHub running) {
        hub = running;
    }

    private static RequestSpecification admin() {
        return given().baseUri(hub.url("party-registry")).header("Authorization", "Bearer " + RunningHub.ADMIN_TOKEN)
                .contentType(ContentType.JSON);
    }

    private static RequestSpecification ocpi(String token) {
        return given().baseUri(hub.url("ocpi-gateway")).contentType(ContentType.JSON).header("Authorization",
                "Token " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)));
    }

    private static String credentials(String tokenB, String versionsUrl, String partyId, String role) {
        return """
                {"token": "%s", "url": "%s", "roles": [{"role": "%s", "party_id": "%s", "country_code": "NL",
                  "business_details": {"name": "Partner %s"}}]}""".formatted(tokenB, versionsUrl, role, partyId, partyId);
    }

    private static String[] registerPlatform(String partyId) {
        var registered = admin().body("""
                        {"name": "Partner %s", "parties": [
                          {"country_code": "NL", "party_id": "%s", "role": "CPO", "name": "Partner %s"}]}"""
                        .formatted(partyId, partyId, partyId))
                .post("/admin/platforms").then().statusCode(201).extract();
        String tokenA = registered.path("token_a");
        assertThat(registered.<String>path("versions_url")).isEqualTo(hub.url("ocpi-gateway") + "/ocpi/versions");
        await("token A known at the gateway").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> ocpi(tokenA).get("/ocpi/versions").statusCode() == 200);
        return new String[] {registered.path("id"), tokenA};
    }

    @Test
    void aPartnerRegistersRotatesAndUnregistersOverOcpi() throws Exception {
        String[] platform = registerPlatform("HSE");
        String platformId = platform[0];
        String tokenA = platform[1];

        try (OcpiPartnerStub partner = OcpiPartnerStub.start("partner-token-b")) {
            String tokenC = ocpi(tokenA).body(credentials("partner-token-b", partner.versionsUrl(), "HSE", "CPO"))
                    .post("/ocpi/2.2.1/credentials")
                    .then().statusCode(200)
                    .body("status_code", equalTo(1000))
                    .body("data.url", equalTo(hub.url("ocpi-gateway") + "/ocpi/versions"))
                    .body("data.roles[0].role", equalTo("HUB"))
                    .body("data.token", not(equalTo(tokenA)))
                    .extract().path("data.token");

            // read-your-writes: token C works on the very next call, token A no longer does
            ocpi(tokenC).get("/ocpi/2.2.1/credentials").then().statusCode(200).body("data.token", equalTo(tokenC));
            ocpi(tokenA).get("/ocpi/versions").then().statusCode(401);
            assertThat(partner.received()).containsExactly(
                    "GET /ocpi/versions Token " + b64("partner-token-b"),
                    "GET /ocpi/2.2.1 Token " + b64("partner-token-b"));
            admin().get("/admin/platforms/" + platformId).then().statusCode(200)
                    .body("connection.version", equalTo("2.2.1"))
                    .body("connection.versions_url", equalTo(partner.versionsUrl()))
                    .body("connection.connected_at", notNullValue())
                    .body(not(containsString("partner-token-b")));

            // PUT rotates: a new token C, the old one still accepted during the grace window
            String rotated = ocpi(tokenC).body(credentials("partner-token-b", partner.versionsUrl(), "HSE", "CPO"))
                    .put("/ocpi/2.2.1/credentials").then().statusCode(200).body("status_code", equalTo(1000))
                    .extract().path("data.token");
            assertThat(rotated).isNotEqualTo(tokenC);
            ocpi(rotated).get("/ocpi/versions").then().statusCode(200);
            ocpi(tokenC).get("/ocpi/versions").then().statusCode(200);

            // a rotation that fails (the partner's new versions URL is unusable) leaves the credentials as they were
            ocpi(rotated).body(credentials("partner-token-b", "http://127.0.0.1:1/ocpi/versions", "HSE", "CPO"))
                    .put("/ocpi/2.2.1/credentials").then().statusCode(200).body("status_code", equalTo(3001));
            ocpi(rotated).get("/ocpi/2.2.1/credentials").then().statusCode(200).body("data.token", equalTo(rotated));
            admin().get("/admin/platforms/" + platformId).then().statusCode(200)
                    .body("connection.versions_url", equalTo(partner.versionsUrl()));

            // DELETE unregisters: the partner's tokens stop working
            ocpi(rotated).delete("/ocpi/2.2.1/credentials").then().statusCode(200).body("status_code", equalTo(1000));
            ocpi(rotated).get("/ocpi/versions").then().statusCode(401);
            ocpi(tokenC).get("/ocpi/versions").then().statusCode(401);
        }
    }

    @Test
    void aPartnerCannotClaimAPartyTheOperatorDidNotApprove() throws Exception {
        String[] platform = registerPlatform("HSF");
        String tokenA = platform[1];
        try (OcpiPartnerStub partner = OcpiPartnerStub.start("token-b-f")) {
            ocpi(tokenA).body(credentials("token-b-f", partner.versionsUrl(), "HSF", "EMSP"))
                    .post("/ocpi/2.2.1/credentials")
                    .then().statusCode(400).body("status_code", equalTo(2001))
                    .body("status_message", containsString("HSF"));
            // nothing changed: token A still opens registration
            ocpi(tokenA).get("/ocpi/versions").then().statusCode(200);
        }
    }

    private static String b64(String token) {
        return Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8));
    }
}
