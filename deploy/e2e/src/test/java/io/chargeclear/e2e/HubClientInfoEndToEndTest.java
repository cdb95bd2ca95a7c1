package io.chargeclear.e2e;

import io.chargeclear.testkit.partner.Answer;
import io.chargeclear.testkit.partner.OcpiPartner;
import io.chargeclear.testkit.partner.Received;
import io.chargeclear.testkit.partner.Target;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * OCPI 2.2.1 §mod_hub_client_info, the hub pushing: a connected eMSP platform is told, through its hubclientinfo
 * Receiver interface, when a CPO is registered (PLANNED), connects (CONNECTED), stops answering the hub
 * (OFFLINE, after failed deliveries), answers again (CONNECTED) and is suspended by the operator (SUSPENDED);
 * the hub's ClientInfo list says the same. A platform with no traffic at all is found OFFLINE by the still-alive
 * check, and CONNECTED again when it answers it.
 */
@ExtendWith(SharedHub.class)
class HubClientInfoEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static RunningHub hub;
    private static OcpiPartner emsp;
    private static OcpiPartner cpo;

    @BeforeAll
    static void connectTheEmsp(RunningHub running) {
        hub = running;
        emsp = OcpiPartner.emsp("DE", "HI1", "hi1-token-b").start();
        emsp.connect(hub.url("ocpi-gateway") + "/ocpi/versions", register(emsp));
    }

    @AfterAll
    static void stopPartners() {
        for (OcpiPartner partner : new OcpiPartner[] {emsp, cpo}) {
            if (partner != null) {
                partner.close();
            }
        }
    }

    @Test
    void theEmspLearnsEveryConnectionStatusChangeOfTheCpo() {
        cpo = OcpiPartner.cpo("NL", "HI2", "hi2-token-b").start();
        String tokenA = register(cpo);
        awaitStatus("PLANNED");
        cpo.connect(hub.url("ocpi-gateway") + "/ocpi/versions", tokenA);
        Received connected = awaitStatus("CONNECTED");
        assertThat(connected.header("OCPI-to-party-id")).as("hubclientinfo carries no routing headers").isNull();
        assertThat(connected.json().path("role").asText()).isEqualTo("CPO");

        String agreement = registryAdmin().body("""
                        {"cpo": {"country_code": "NL", "party_id": "HI2"}, "emsp": {"country_code": "DE", "party_id": "HI1"},
                         "valid_from": "%s", "hub_fee": {"percent": "1"}}"""
                        .formatted(Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS)))
                .post("/admin/agreements").then().statusCode(201).extract().path("id");
        await("the agreement reaches the gateway").atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() ->
                gatewayAdmin().get("/admin/routing/agreements").then().extract().<List<String>>path("agreements.id")
                        .contains(agreement));

        // the CPO goes down; the token the eMSP pushes cannot be delivered, and after a few failures it is OFFLINE
        cpo.online(false);
        Answer pushed = emsp.call("PUT", "tokens", "RECEIVER", "DE/HI1/TOK-HI?type=RFID", """
                {"country_code": "DE", "party_id": "HI1", "uid": "TOK-HI", "type": "RFID", "contract_id": "DE-HI1-C1",
                 "issuer": "HI1", "valid": true, "whitelist": "ALLOWED", "last_updated": "2026-01-01T10:00:00Z"}""",
                Target.hub());
        assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(1000);
        awaitStatus("OFFLINE");
        Answer list = emsp.get(emsp.hubUrl("hubclientinfo", "SENDER"), Target.none());
        assertThat(list.data().findParents("party_id").stream()
                .filter(info -> info.path("party_id").asText().equals("HI2"))
                .map(info -> info.path("status").asText()).toList()).containsExactly("OFFLINE");

        // back online: the pending token arrives and the CPO is CONNECTED again
        cpo.online(true);
        cpo.awaitReceived("PUT", "/DE/HI1/TOK-HI", WAIT);
        awaitStatus("CONNECTED", 2);

        registryAdmin().post("/admin/platforms/" + platformOf("HI2") + "/suspend").then().statusCode(200);
        awaitStatus("SUSPENDED");
    }

    @Test
    void aSilentPlatformThatStopsAnsweringTheStillAliveCheckIsOffline() {
        OcpiPartner silent = OcpiPartner.cpo("NL", "HI3", "hi3-token-b").start();
        try {
            silent.connect(hub.url("ocpi-gateway") + "/ocpi/versions", register(silent));
            awaitStatus("HI3", "CONNECTED", 1);
            // no traffic at all: only the still-alive GET on its versions endpoint can notice it is down
            silent.online(false);
            awaitStatus("HI3", "OFFLINE", 1);
            assertThat(silent.received().stream().filter(r -> !r.online())
                    .anyMatch(r -> r.method().equals("GET") && r.path().equals("/ocpi/versions"))).isTrue();
            silent.online(true);
            awaitStatus("HI3", "CONNECTED", 2);
        } finally {
            silent.close();
        }
    }

    /** Waits for the first ClientInfo of the CPO with this status pushed to the eMSP. */
    private static Received awaitStatus(String status) {
        return awaitStatus(status, 1);
    }

    /** Waits until the eMSP got the {@code nth} push of this status for the CPO. */
    private static Received awaitStatus(String status, int nth) {
        return awaitStatus("HI2", status, nth);
    }

    /** Waits until the eMSP got the {@code nth} push of this status for CPO {@code NL*<partyId>}. */
    private static Received awaitStatus(String partyId, String status, int nth) {
        await("the eMSP is told NL*" + partyId + " is " + status).atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> pushes(partyId, status).size() >= nth);
        return pushes(partyId, status).get(nth - 1);
    }

    private static List<Received> pushes(String partyId, String status) {
        return emsp.received("PUT", "hubclientinfo").stream()
                .filter(r -> r.path().endsWith("/NL/" + partyId))
                .filter(r -> status.equals(r.json().path("status").asText()))
                .toList();
    }

    private static String register(OcpiPartner partner) {
        String tokenA = registryAdmin().body("""
                        {"name": "Platform %s", "parties": [
                          {"country_code": "%s", "party_id": "%s", "role": "%s", "name": "Party %s"}]}"""
                        .formatted(partner.partyId(), partner.countryCode(), partner.partyId(), partner.role().name(),
                                partner.partyId()))
                .post("/admin/platforms").then().statusCode(201).extract().path("token_a");
        await("token A known at the gateway").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> given().baseUri(hub.url("ocpi-gateway"))
                        .header("Authorization", "Token " + Base64.getEncoder().encodeToString(
                                tokenA.getBytes(StandardCharsets.UTF_8)))
                        .get("/ocpi/versions").statusCode() == 200);
        return tokenA;
    }

    private static String platformOf(String partyId) {
        List<String> ids = registryAdmin().get("/admin/platforms").then().statusCode(200).extract()
                .path("findAll { p -> p.parties.any { it.party_id == '" + partyId + "' } }.id");
        return Optional.ofNullable(ids).filter(l -> l.size() == 1).map(l -> l.get(0)).orElseThrow();
    }

    private static RequestSpecification registryAdmin() {
        return given().baseUri(hub.url("party-registry")).header("Authorization", "Bearer " + RunningHub.ADMIN_TOKEN)
                .contentType(ContentType.JSON);
    }

    private static RequestSpecification gatewayAdmin() {
        return given().baseUri(hub.url("ocpi-gateway")).header("Authorization", "Bearer " + RunningHub.ADMIN_TOKEN);
    }
}
