package io.chargeclear.e2e;

import io.chargeclear.testkit.partner.OcpiPartner;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** What the end-to-end tests share to bring their partners onto the running hub and to call its operator APIs. */
final class HubPartners {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private HubPartners() {
    }

    /**
     * Starts {@code partner}, registers its platform with its one party, runs the credentials handshake with token A
     * once the gateway knows it, and waits until the gateway routes to the party.
     */
    static OcpiPartner connect(RunningHub hub, OcpiPartner partner) {
        partner.start();
        String tokenA = admin(hub, "party-registry").body("""
                        {"name": "Platform %s", "parties": [
                          {"country_code": "%s", "party_id": "%s", "role": "%s", "name": "Party %s"}]}"""
                        .formatted(partner.partyId(), partner.countryCode(), partner.partyId(), partner.role().name(),
                                partner.partyId()))
                .post("/admin/platforms").then().statusCode(201).extract().path("token_a");
        await("token A known at the gateway").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> given().baseUri(hub.url("ocpi-gateway")).header("Authorization", "Token " + b64(tokenA))
                        .get("/ocpi/versions").statusCode() == 200);
        partner.connect(hub.url("ocpi-gateway") + "/ocpi/versions", tokenA);
        await("the partner's parties are routable").atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() ->
                admin(hub, "ocpi-gateway").get("/admin/routing").then().statusCode(200).extract()
                        .<List<String>>path("findAll { it.routable }.party_id").contains(partner.partyId()));
        return partner;
    }

    /** A request to {@code service}'s operator API with the admin token, JSON in and out. */
    static RequestSpecification admin(RunningHub hub, String service) {
        return given().baseUri(hub.url(service)).header("Authorization", "Bearer " + RunningHub.ADMIN_TOKEN)
                .contentType(ContentType.JSON);
    }

    static String b64(String token) {
        return Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8));
    }
}
