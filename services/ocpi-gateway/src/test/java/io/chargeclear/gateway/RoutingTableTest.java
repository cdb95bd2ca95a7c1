package io.chargeclear.gateway;

import io.chargeclear.testkit.KafkaTestClient;
import io.chargeclear.testkit.LocalInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The routing table follows hub.party.v1 and the partner connections: a registered platform's parties are known
 * but not routable until it connects; a suspended platform's parties stay known but are not routable.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, scope = TestResourceScope.GLOBAL)
class RoutingTableTest {

    @Test
    void aPlatformThatNeverConnectedOrIsSuspendedIsKnownButNotRoutable() {
        String platform = UUID.randomUUID().toString();
        try (KafkaTestClient kafka = new KafkaTestClient(LocalInfraResource.kafkaBootstrap())) {
            publish(kafka, platform, "hub.platform.registered.v1", 1, "ACTIVE");
            assertThat(awaitRoute(platform, "ACTIVE")).containsEntry("routable", false)
                    .containsEntry("connection", "NOT_CONNECTED").containsEntry("ocpi_version", null)
                    .containsEntry("party_id", "RTB").containsEntry("role", "EMSP")
                    .containsEntry("platform_name", "Routing test platform");

            publish(kafka, platform, "hub.platform.suspended.v1", 2, "SUSPENDED");
            assertThat(awaitRoute(platform, "SUSPENDED")).containsEntry("routable", false)
                    .containsEntry("connection", "SUSPENDED")
                    .containsEntry("platform_status", "SUSPENDED");
        }
    }

    private static void publish(KafkaTestClient kafka, String platform, String type, int revision, String status) {
        kafka.produce("hub.party.v1", platform, Map.of("ce_id", UUID.randomUUID().toString(), "ce_type", type),
                """
                {"platform_id": "%s", "name": "Routing test platform", "status": "%s", "revision": %d,
                 "parties": [{"country_code": "BE", "party_id": "RTB", "role": "EMSP", "name": "RTB"}],
                 "changed_at": "2026-11-24T10:00:00Z"}""".formatted(platform, status, revision));
    }

    private static Map<String, Object> awaitRoute(String platform, String platformStatus) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> {
            List<Map<String, Object>> routes = given().header("Authorization", "Bearer chargeclear-dev-admin")
                    .get("/admin/routing").then().statusCode(200).extract().jsonPath()
                    .getList("findAll { it.platform_id == '" + platform + "' }");
            return routes.size() == 1 && platformStatus.equals(routes.get(0).get("platform_status"))
                    ? routes.get(0) : null;
        }, java.util.Objects::nonNull);
    }
}
