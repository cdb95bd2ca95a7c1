package io.chargeclear.e2e;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * A token A works at the gateway the moment the registry's {@code POST /admin/platforms} returned it (ADR 0018):
 * the partner's first call, sent without waiting, is accepted, though {@code hub.party.v1} has not brought the
 * platform to the gateway yet; the gateway asks the registry about a token it does not know. A token nobody issued
 * stays refused.
 */
@ExtendWith(SharedHub.class)
class TokenAOnReturnEndToEndTest {

    private static RunningHub hub;

    @BeforeAll
    static void startHub(RunningHub running) {
        hub = running;
    }

    @Test
    void aTokenAIsAcceptedOnTheVeryFirstCallAfterRegistration() {
        for (int i = 0; i < 3; i++) {
            String partyId = "TA" + i;
            String tokenA = given().baseUri(hub.url("party-registry"))
                    .header("Authorization", "Bearer " + RunningHub.ADMIN_TOKEN).contentType(ContentType.JSON)
                    .body("""
                            {"name": "Token A %s", "parties": [
                              {"country_code": "NL", "party_id": "%s", "role": "EMSP", "name": "Token A %s"}]}"""
                            .formatted(partyId, partyId, partyId))
                    .post("/admin/platforms").then().statusCode(201).extract().path("token_a");

            ocpi(tokenA).get("/ocpi/versions").then().statusCode(200).body("status_code", equalTo(1000));
        }
    }

    @Test
    void aTokenNobodyIssuedIsRefused() {
        String forged = "forged-" + UUID.randomUUID();
        ocpi(forged).get("/ocpi/versions").then().statusCode(401);
        ocpi(forged).get("/ocpi/versions").then().statusCode(401);
    }

    private static RequestSpecification ocpi(String token) {
        return given().baseUri(hub.url("ocpi-gateway")).header("Authorization",
                "Token " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)));
    }
}
