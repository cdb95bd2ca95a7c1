package io.chargeclear.e2e;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A platform registered with the party registry reaches the gateway's routing table and every other
 * service's party directory: outbox, Debezium, Kafka and four consumers, across five processes.
 */
@ExtendWith(SharedHub.class)
class PartyFlowEndToEndTest {

    private static RunningHub hub;

    @BeforeAll
    static void startHub(RunningHub running) {
        hub = running;
    }

    private static RequestSpecification admin(String service) {
        return given().baseUri(hub.url(service)).header("Authorization", "Bearer " + RunningHub.ADMIN_TOKEN)
                .contentType(ContentType.JSON);
    }

    @Test
    void aRegisteredPlatformIsKnownButNotRoutableUntilItConnectsAndASuspendedOneIsNeither() {
        String id = admin("party-registry").body("""
                        {"name": "E2E CPO", "parties": [
                          {"country_code": "NL", "party_id": "E2E", "role": "CPO", "name": "E2E Charging"}]}""")
                .post("/admin/platforms").then().statusCode(201).extract().path("id");

        Map<String, Object> route = awaitRoute(r -> true);
        assertThat(route).containsEntry("platform_id", id).containsEntry("platform_name", "E2E CPO")
                .containsEntry("connection", "NOT_CONNECTED").containsEntry("routable", false);

        for (String service : List.of("session-tracking", "cdr-rating", "settlement")) {
            await(service + " directory").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(admin(service).get("/admin/directory/parties").then().statusCode(200)
                            .extract().jsonPath().getList("party_id", String.class)).contains("E2E"));
        }

        admin("party-registry").post("/admin/platforms/" + id + "/suspend").then().statusCode(200);
        Map<String, Object> suspended = awaitRoute(r -> "SUSPENDED".equals(r.get("platform_status")));
        assertThat(suspended).containsEntry("connection", "SUSPENDED").containsEntry("routable", false);
    }

    @Test
    void everyServiceServesHealthMetricsAndOpenApiOnItsManagementPortOnly() {
        for (String service : RunningHub.SERVICES) {
            given().baseUri(hub.managementUrl(service)).get("/q/health").then().statusCode(200);
            given().baseUri(hub.managementUrl(service)).get("/q/metrics").then().statusCode(200);
            given().baseUri(hub.managementUrl(service)).get("/q/openapi").then().statusCode(200);
            given().baseUri(hub.managementUrl(service)).get("/q/swagger-ui/").then().statusCode(200);
            // the API port, the one an ingress publishes, serves none of them
            for (String path : List.of("/q/health", "/q/metrics", "/q/openapi", "/q/swagger-ui/")) {
                assertThat(given().baseUri(hub.url(service)).get(path).statusCode()).as(service + path)
                        .isIn(401, 403, 404);
            }
            String adminPath = service.equals("party-registry") ? "/admin/platforms" : "/admin/directory/parties";
            given().baseUri(hub.url(service)).get(adminPath).then().statusCode(401);
        }
    }

    private static Map<String, Object> awaitRoute(java.util.function.Predicate<Map<String, Object>> condition) {
        return await("gateway route for NL/E2E").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    JsonPath routes = admin("ocpi-gateway").get("/admin/routing").then().statusCode(200)
                            .extract().jsonPath();
                    List<Map<String, Object>> rows = routes.getList("findAll { it.party_id == 'E2E' }");
                    return rows.stream().filter(condition).findFirst().orElse(null);
                }, java.util.Objects::nonNull);
    }
}
