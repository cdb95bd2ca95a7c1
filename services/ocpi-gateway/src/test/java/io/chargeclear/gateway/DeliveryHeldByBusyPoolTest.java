package io.chargeclear.gateway;

import io.chargeclear.testkit.KafkaTestClient;
import io.chargeclear.testkit.LocalInfraResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.chargeclear.gateway.DeliveryFailuresTest.admin;
import static io.chargeclear.gateway.DeliveryFailuresTest.letters;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * When the hub's own connection pool to a receiver's host is full, a delivery is held, not failed (ADR 0016): over
 * real Kafka, PostgreSQL and a loopback receiver, with one pooled connection per host and no wait queue, a slow
 * answer keeps the receiver's other objects from being sent; they wait and go out once the connection is free,
 * each counted as the one attempt that was sent, and the receiver is never marked as failing.
 */
@QuarkusTest
@TestProfile(DeliveryHeldByBusyPoolTest.OneConnection.class)
@WithTestResource(value = LocalInfraResource.class, scope = TestResourceScope.GLOBAL)
class DeliveryHeldByBusyPoolTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    /** Four jobs in flight per receiver but one connection per host, and nothing may wait for it. */
    public static class OneConnection implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chargeclear.gateway.delivery.max-in-flight-per-receiver", "4",
                    "chargeclear.gateway.partner-client.pool-size", "1",
                    "chargeclear.gateway.partner-client.wait-queue-size", "0",
                    "chargeclear.gateway.delivery.max-attempts", "3",
                    "chargeclear.gateway.delivery.backoff-min", "PT0.2S",
                    "chargeclear.gateway.delivery.backoff-max", "PT0.5S");
        }
    }

    private static final String CPO = "H" + letters();
    private static final String EMSP = "P" + letters();
    private static final String CPO_TOKEN_C = "held-cpo-c-" + UUID.randomUUID();
    private static final String EMSP_PLATFORM = UUID.randomUUID().toString();

    private static DeliveryInFlightTest.Partner emsp;

    @Inject
    MeterRegistry metrics;

    @AfterAll
    static void stop() {
        if (emsp != null) {
            emsp.close();
        }
    }

    @Test
    void jobsHeldByTheHubsOwnFullPoolWaitWithoutCountingAgainstTheReceiver() throws Exception {
        connect();
        String run = letters() + System.nanoTime() % 1000;
        String slow = run + "-SLOW";
        List<String> others = List.of(run + "-B1", run + "-B2", run + "-B3");
        double heldBefore = held();
        DeliveryInFlightTest.nextAttempt(EMSP_PLATFORM, "now() + interval '1 hour'");
        push(slow);
        others.forEach(this::push);
        emsp.holdSlowAnswers();
        await().atMost(WAIT).until(() -> jobs("PENDING").stream()
                .filter(job -> String.valueOf(job.get("path")).contains(run)).count() == 4);
        DeliveryInFlightTest.nextAttempt(EMSP_PLATFORM, "now()");

        // the four jobs start together; whichever takes the one connection first, the others find the pool full
        await("the slow object holds the one connection").atMost(WAIT).until(() -> emsp.inHand() == 1);
        emsp.answerSlow();

        await().atMost(WAIT).until(() -> jobs("DELIVERED").stream()
                .filter(job -> String.valueOf(job.get("path")).contains(run)).count() == 4);
        assertThat(held() - heldBefore).as("jobs held while the pool was full").isPositive();
        assertThat(jobs("DELIVERED").stream().filter(job -> String.valueOf(job.get("path")).contains(run)))
                .as("a held job was never sent: only its one real attempt counts")
                .allSatisfy(job -> assertThat(job.get("attempts")).isEqualTo(1));
        for (String id : others) {
            assertThat(emsp.received(id)).as("%s sent once, after the pool had room", id).hasSize(1);
        }
        Map<String, Object> receiver = admin().get("/admin/deliveries/receivers").then().statusCode(200).extract()
                .jsonPath().getMap("find { it.platform_id == '" + EMSP_PLATFORM + "' }");
        assertThat(receiver.get("consecutive_failures")).as("the hub's own limit is not the receiver's failure")
                .isEqualTo(0);
        assertThat(receiver.get("last_error")).isNull();
    }

    private void connect() throws Exception {
        emsp = new DeliveryInFlightTest.Partner();
        try (KafkaTestClient kafka = new KafkaTestClient(LocalInfraResource.kafkaBootstrap())) {
            DeliveryFailuresTest.platform(kafka, UUID.randomUUID().toString(), 1, "ACTIVE", "NL", CPO, "CPO", CPO_TOKEN_C);
            DeliveryFailuresTest.platform(kafka, EMSP_PLATFORM, 1, "ACTIVE", "DE", EMSP, "EMSP", "held-e-" + UUID.randomUUID());
            DeliveryFailuresTest.agreement(kafka, CPO, EMSP);
        }
        DeliveryFailuresTest.connection(EMSP_PLATFORM, emsp.baseUrl(), "held-b",
                "[{\"identifier\": \"locations\", \"role\": \"RECEIVER\", \"url\": \"%1$s/ocpi/2.2.1/locations\"}]");
        await("platforms and agreements applied").atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() ->
                DeliveryFailuresTest.accepted(DeliveryInFlightTest.push(CPO_TOKEN_C, CPO, EMSP, "WARM-UP", "warm")));
        await("the first delivery").atMost(Duration.ofMinutes(3)).until(() -> !emsp.received("WARM-UP").isEmpty());
    }

    private void push(String id) {
        DeliveryInFlightTest.push(CPO_TOKEN_C, CPO, EMSP, id, "x").statusCode(200).body("status_code", equalTo(1000));
    }

    private double held() {
        var counter = metrics.find("chargeclear.delivery.held").tags("module", "locations").counter();
        return counter == null ? 0 : counter.count();
    }

    private static List<Map<String, Object>> jobs(String status) {
        return admin().queryParam("receiver", EMSP_PLATFORM).queryParam("status", status).queryParam("limit", 1000)
                .get("/admin/deliveries").then().statusCode(200).extract().jsonPath().getList("");
    }
}
