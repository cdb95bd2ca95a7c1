package io.chargeclear.gateway;

import io.chargeclear.model.ocpi.TokenHeader;
import io.chargeclear.testkit.KafkaTestClient;
import io.chargeclear.testkit.LocalInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.chargeclear.gateway.DeliveryFailuresTest.admin;
import static io.chargeclear.gateway.DeliveryFailuresTest.letters;
import static io.chargeclear.gateway.DeliveryFailuresTest.pushLocation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cap on retries at the head of a queue ({@code delivery.max-attempts}, 3 here, with short backoff): a job the
 * receiver keeps answering HTTP 500 is FAILED after three attempts and the jobs behind it are delivered, while a
 * receiver that cannot be connected to at all keeps every job PENDING, in order, however often it was tried.
 */
@QuarkusTest
@TestProfile(DeliveryRetryCapTest.ThreeAttempts.class)
@WithTestResource(value = LocalInfraResource.class, scope = TestResourceScope.GLOBAL)
class DeliveryRetryCapTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    /** Three counted attempts, retried within a second. */
    public static class ThreeAttempts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chargeclear.gateway.delivery.max-attempts", "3",
                    "chargeclear.gateway.delivery.backoff-min", "PT0.2S",
                    "chargeclear.gateway.delivery.backoff-max", "PT0.5S");
        }
    }

    private static final String CPO = "K" + letters();
    private static final String EMSP = "M" + letters();
    private static final String DOWN = "W" + letters();
    private static final String CPO_TOKEN_C = "cap-cpo-c-" + UUID.randomUUID();
    private static final String EMSP_PLATFORM = UUID.randomUUID().toString();
    private static final String DOWN_PLATFORM = UUID.randomUUID().toString();

    private static DeliveryFailuresTest.Partner emsp;

    @AfterAll
    static void stop() {
        if (emsp != null) {
            emsp.close();
        }
    }

    @Test
    void aJobThatKeepsFailingIsFailedAfterMaxAttemptsWhileAnUnreachableReceiverKeepsItsQueue() throws Exception {
        emsp = new DeliveryFailuresTest.Partner();
        try (KafkaTestClient kafka = new KafkaTestClient(LocalInfraResource.kafkaBootstrap())) {
            DeliveryFailuresTest.platform(kafka, UUID.randomUUID().toString(), 1, "ACTIVE", "NL", CPO, "CPO", CPO_TOKEN_C);
            DeliveryFailuresTest.platform(kafka, EMSP_PLATFORM, 1, "ACTIVE", "DE", EMSP, "EMSP", "cap-e-" + UUID.randomUUID());
            DeliveryFailuresTest.platform(kafka, DOWN_PLATFORM, 1, "ACTIVE", "DE", DOWN, "EMSP", "cap-d-" + UUID.randomUUID());
            DeliveryFailuresTest.agreement(kafka, CPO, EMSP);
            DeliveryFailuresTest.agreement(kafka, CPO, DOWN);
        }
        DeliveryFailuresTest.connection(EMSP_PLATFORM, emsp.baseUrl(), "cap-b",
                "[{\"identifier\": \"locations\", \"role\": \"RECEIVER\", \"url\": \"%1$s/ocpi/2.2.1/locations\"}]");
        DeliveryFailuresTest.connection(DOWN_PLATFORM, "http://127.0.0.1:9", "cap-down-b",
                "[{\"identifier\": \"locations\", \"role\": \"RECEIVER\", \"url\": \"%1$s/ocpi/2.2.1/locations\"}]");
        await("platforms and agreements applied").atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() ->
                DeliveryFailuresTest.accepted(pushLocation(CPO, CPO_TOKEN_C, EMSP, "FIRST"))
                        && DeliveryFailuresTest.accepted(pushLocation(CPO, CPO_TOKEN_C, DOWN, "DOWN-1")));

        pushLocation(CPO, CPO_TOKEN_C, EMSP, "X-FAIL500").statusCode(200).body("status_code", org.hamcrest.Matchers.equalTo(1000));
        pushLocation(CPO, CPO_TOKEN_C, EMSP, "LAST").statusCode(200).body("status_code", org.hamcrest.Matchers.equalTo(1000));
        pushLocation(CPO, CPO_TOKEN_C, DOWN, "DOWN-2").statusCode(200).body("status_code", org.hamcrest.Matchers.equalTo(1000));

        // LAST is another object: it does not wait for X-FAIL500 (ADR 0020), and may even go before it
        await().atMost(WAIT).until(() -> !emsp.received("PUT", "/LAST").isEmpty()
                && emsp.received("PUT", "/X-FAIL500").size() >= 3);
        assertThat(emsp.received("PUT", "/ocpi/2.2.1/locations/").stream()
                .map(r -> r.rawPath().substring(r.rawPath().lastIndexOf('/') + 1)).distinct())
                .containsExactlyInAnyOrder("FIRST", "X-FAIL500", "LAST");
        await().atMost(WAIT).untilAsserted(() -> {
            List<Map<String, Object>> failed = admin().queryParam("receiver", EMSP_PLATFORM)
                    .queryParam("status", "FAILED").get("/admin/deliveries").then().statusCode(200)
                    .extract().jsonPath().getList("");
            assertThat(failed).hasSize(1);
            assertThat(failed.get(0).get("path").toString()).endsWith("/X-FAIL500");
            assertThat(failed.get(0).get("attempts")).isEqualTo(3);
            assertThat(emsp.received("PUT", "/X-FAIL500")).as("tried max-attempts times, then given up").hasSize(3);
            assertThat(failed.get(0).get("last_error").toString())
                    .startsWith("gave up after 3 failed attempts; the last: HTTP 500");
        });

        // the unreachable receiver: tried more often than max-attempts, nothing FAILED, both jobs still queued
        await().atMost(WAIT).untilAsserted(() -> {
            List<Map<String, Object>> pending = admin().queryParam("receiver", DOWN_PLATFORM)
                    .queryParam("status", "PENDING").get("/admin/deliveries").then().statusCode(200)
                    .extract().jsonPath().getList("");
            assertThat(pending).extracting(job -> job.get("path").toString())
                    .anyMatch(path -> path.endsWith("/DOWN-1")).anyMatch(path -> path.endsWith("/DOWN-2"));
            assertThat(pending).filteredOn(job -> job.get("path").toString().endsWith("/DOWN-1"))
                    .extracting(job -> (Integer) job.get("attempts")).allMatch(attempts -> attempts > 3);
        });
        assertThat(admin().queryParam("receiver", DOWN_PLATFORM).queryParam("status", "FAILED")
                .get("/admin/deliveries").then().statusCode(200).extract().jsonPath().getList("")).isEmpty();

        // the operator requeues the failed job: it is tried max-attempts times again
        String failedId = admin().queryParam("receiver", EMSP_PLATFORM).queryParam("status", "FAILED")
                .get("/admin/deliveries").then().extract().jsonPath().getString("[0].delivery_id");
        admin().post("/admin/deliveries/" + failedId + "/retry").then().statusCode(200);
        await().atMost(WAIT).until(() -> emsp.received("PUT", "/X-FAIL500").size() == 6);
        await().atMost(WAIT).untilAsserted(() -> assertThat(admin().queryParam("receiver", EMSP_PLATFORM)
                .queryParam("status", "FAILED").get("/admin/deliveries").then().extract().jsonPath()
                .<Integer>getList("attempts")).containsExactly(6));
        assertThat(TokenHeader.encode("cap-b")).isEqualTo(emsp.received("PUT", "/LAST").get(0).authorization());
    }
}
