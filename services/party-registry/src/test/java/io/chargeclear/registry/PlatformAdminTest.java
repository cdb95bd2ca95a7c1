package io.chargeclear.registry;

import io.chargeclear.testkit.LocalInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, scope = TestResourceScope.GLOBAL)
class PlatformAdminTest {

    static RequestSpecification admin() {
        return given().header("Authorization", "Bearer chargeclear-dev-admin").contentType(ContentType.JSON);
    }

    /** A party id no other test uses, so tests stay independent on the shared database. */
    /** 36³ three-character party ids, handed out in turn from a random start: never the same one twice in a run. */
    private static final AtomicInteger NEXT_PARTY_ID = new AtomicInteger(ThreadLocalRandom.current().nextInt(46_656));

    /**
     * A party id no other test of this run has used: the registry refuses (409) a party that is registered already,
     * and three random hex characters collided often enough across the module's tests to fail a run.
     */
    static String freshPartyId() {
        String id = Integer.toString(NEXT_PARTY_ID.getAndIncrement() % 46_656, 36).toUpperCase(java.util.Locale.ROOT);
        return "0".repeat(3 - id.length()) + id;
    }

    static String platformJson(String name, String cc, String pid, String role) {
        return """
                {"name": "%s", "parties": [{"country_code": "%s", "party_id": "%s", "role": "%s", "name": "%s party"}]}
                """.formatted(name, cc, pid, role, name);
    }

    static String register(String name, String cc, String pid, String role) {
        return admin().body(platformJson(name, cc, pid, role))
                .post("/admin/platforms").then().statusCode(201).extract().path("id");
    }

    @Test
    void registrationAnswersTokenAAndTheVersionsUrlOnce() {
        String pid = freshPartyId();
        String id = admin().body(platformJson("Acme Charging", "nl", pid.toLowerCase(), "CPO"))
                .post("/admin/platforms")
                .then().statusCode(201)
                .body("id", notNullValue())
                .body("token_a", matchesPattern("[A-Za-z0-9_-]{43}"))
                .body("versions_url", equalTo("http://localhost:8080/ocpi/versions"))
                .body("status", equalTo("ACTIVE"))
                .body("parties[0].country_code", equalTo("NL"))
                .body("parties[0].party_id", equalTo(pid))
                .extract().path("id");

        admin().get("/admin/platforms/" + id).then().statusCode(200)
                .body("name", equalTo("Acme Charging"))
                .body("token_a", nullValue())
                .body("parties", hasSize(1));
        admin().get("/admin/platforms").then().statusCode(200).body("id", hasItem(id));
    }

    @Test
    void aPlatformOnAnOlderOcpiVersionCanBeSetUpForPlainTokens() {
        String pid = freshPartyId();
        String id = admin().body("""
                        {"name": "Legacy peer", "plain_tokens": true,
                         "parties": [{"country_code": "BE", "party_id": "%s", "role": "EMSP", "name": "Legacy"}]}"""
                        .formatted(pid))
                .post("/admin/platforms").then().statusCode(201).body("plain_tokens", equalTo(true))
                .extract().path("id");
        admin().get("/admin/platforms/" + id).then().body("plain_tokens", equalTo(true));
        admin().body(platformJson("Current peer", "BE", freshPartyId(), "CPO")).post("/admin/platforms")
                .then().statusCode(201).body("plain_tokens", equalTo(false));
    }

    @Test
    void theAdminApiRefusesAMissingOrWrongToken() {
        given().get("/admin/platforms").then().statusCode(401).body("message", containsString("Bearer"));
        given().header("Authorization", "Bearer guess").get("/admin/platforms")
                .then().statusCode(401).body("status", equalTo(401));
    }

    @Test
    void invalidInputIsRefusedNamingTheField() {
        admin().body(platformJson("Bad", "NLD", "ABC", "CPO")).post("/admin/platforms")
                .then().statusCode(400).body("message", containsString("country_code"));
        admin().body(platformJson("Bad", "NL", "ABC", "HUB")).post("/admin/platforms")
                .then().statusCode(400).body("message", containsString("role"));
        admin().body("{\"name\": \"No parties\", \"parties\": []}").post("/admin/platforms")
                .then().statusCode(400).body("message", containsString("parties"));
        admin().body("{\"name\": ").post("/admin/platforms")
                .then().statusCode(400).body("message", containsString("JSON"));
    }

    @Test
    void aPartyCanBeClaimedByOneLivePlatformOnly() {
        String pid = freshPartyId();
        String first = register("First owner", "DE", pid, "EMSP");

        admin().body(platformJson("Intruder", "DE", pid, "EMSP")).post("/admin/platforms")
                .then().statusCode(409).body("message", containsString("DE/" + pid));
        admin().get("/admin/platforms").then().body("name", not(hasItem("Intruder")));

        // the same party id in another role is a different party
        register("Same id, other role", "DE", pid, "CPO");

        admin().delete("/admin/platforms/" + first).then().statusCode(200).body("status", equalTo("UNREGISTERED"));
        register("Next owner", "DE", pid, "EMSP");
    }

    @Test
    void suspendReactivateUnregisterFollowTheLifecycle() {
        String id = register("Lifecycle", "FR", freshPartyId(), "CPO");

        admin().post("/admin/platforms/" + id + "/suspend").then().statusCode(200)
                .body("status", equalTo("SUSPENDED")).body("revision", equalTo(2));
        admin().post("/admin/platforms/" + id + "/suspend").then().statusCode(409)
                .body("message", containsString("SUSPENDED"));
        admin().post("/admin/platforms/" + id + "/reactivate").then().statusCode(200)
                .body("status", equalTo("ACTIVE")).body("revision", equalTo(3));
        admin().delete("/admin/platforms/" + id).then().statusCode(200).body("status", equalTo("UNREGISTERED"));
        admin().post("/admin/platforms/" + id + "/reactivate").then().statusCode(409);
    }

    @Test
    void anUnknownPlatformIsNotFound() {
        admin().get("/admin/platforms/nope").then().statusCode(404).body("message", containsString("nope"));
        admin().post("/admin/platforms/nope/suspend").then().statusCode(404);
    }
}
