package io.chargeclear.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static io.chargeclear.gateway.DeliveryFailuresTest.admin;
import static io.chargeclear.gateway.DeliveryFailuresTest.letters;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Delivery in batches with several requests in flight per receiver (ADR 0020), over real Kafka, PostgreSQL and a
 * loopback partner that answers several requests at once: an object the receiver is slow on does not hold the
 * receiver's other objects, while the updates of one object arrive strictly in order, each only after the previous
 * one was answered; and a batch's results, written together, count every attempt, retry and give-up exactly once.
 * <p>
 * Each scenario holds the receiver (its next attempt far ahead) until all its jobs are queued, then lets it go, so
 * the jobs are taken as one batch, as they are when a backlog builds up.
 */
@QuarkusTest
@TestProfile(DeliveryInFlightTest.FourInFlight.class)
@WithTestResource(value = LocalInfraResource.class, scope = TestResourceScope.GLOBAL)
class DeliveryInFlightTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** The longest the partner holds a slow answer if the test never lets it go (a failed test must not hang). */
    private static final Duration SLOW_HOLD_LIMIT = Duration.ofSeconds(30);

    /** Four requests in flight per receiver, three counted attempts, retried within a second. */
    public static class FourInFlight implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chargeclear.gateway.delivery.max-in-flight-per-receiver", "4",
                    "chargeclear.gateway.delivery.max-attempts", "3",
                    "chargeclear.gateway.delivery.backoff-min", "PT0.2S",
                    "chargeclear.gateway.delivery.backoff-max", "PT0.5S");
        }
    }

    private static final String CPO = "F" + letters();
    private static final String EMSP = "N" + letters();
    private static final String CPO_TOKEN_C = "flight-cpo-c-" + UUID.randomUUID();
    private static final String EMSP_PLATFORM = UUID.randomUUID().toString();

    private static Partner emsp;

    @Inject
    MeterRegistry metrics;

    @BeforeEach
    void connect() throws SQLException {
        if (emsp != null) {
            return;
        }
        emsp = new Partner();
        try (KafkaTestClient kafka = new KafkaTestClient(LocalInfraResource.kafkaBootstrap())) {
            DeliveryFailuresTest.platform(kafka, UUID.randomUUID().toString(), 1, "ACTIVE", "NL", CPO, "CPO", CPO_TOKEN_C);
            DeliveryFailuresTest.platform(kafka, EMSP_PLATFORM, 1, "ACTIVE", "DE", EMSP, "EMSP", "flight-e-" + UUID.randomUUID());
            DeliveryFailuresTest.agreement(kafka, CPO, EMSP);
        }
        DeliveryFailuresTest.connection(EMSP_PLATFORM, emsp.baseUrl(), "flight-b",
                "[{\"identifier\": \"locations\", \"role\": \"RECEIVER\", \"url\": \"%1$s/ocpi/2.2.1/locations\"}]");
        await("platforms and agreements applied").atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() ->
                DeliveryFailuresTest.accepted(push("WARM-UP", "warm")));
        // a fresh stack: the outbox relay and the delivery consumer may take a while to start the first time
        await("the first delivery").atMost(Duration.ofMinutes(3)).until(() -> !emsp.received("WARM-UP").isEmpty());
    }

    @AfterAll
    static void stop() {
        if (emsp != null) {
            emsp.close();
        }
    }

    @Test
    void aSlowObjectDoesNotHoldTheOthersWhileEachObjectsUpdatesStayInOrder() throws Exception {
        String run = letters() + System.nanoTime() % 1000;
        String slow = run + "-SLOW";
        String same = run + "-SAME";
        List<String> others = List.of(run + "-B1", run + "-B2", run + "-B3");
        hold();
        push(slow, "slow-1").statusCode(200).body("status_code", equalTo(1000));
        for (String other : others) {
            push(other, "other").statusCode(200);
        }
        push(slow, "slow-2").statusCode(200);
        for (int version = 1; version <= 5; version++) {
            push(same, "same-" + version).statusCode(200);
        }
        emsp.holdSlowAnswers();
        awaitPending(run, 10);
        release();
        // the slow object's answer is held until the other objects were answered: they must not wait for it
        await("the other objects go out while the slow one is in flight").atMost(WAIT)
                .until(() -> others.stream().allMatch(id -> emsp.received(id).size() == 1));
        emsp.answerSlow();

        await().atMost(WAIT).until(() -> emsp.received(slow).size() == 2 && emsp.received(same).size() == 5
                && others.stream().allMatch(id -> emsp.received(id).size() == 1));

        Received slow1 = emsp.received(slow).get(0);
        Received slow2 = emsp.received(slow).get(1);
        assertThat(slow1.body()).contains("slow-1");
        assertThat(slow2.body()).as("the slow object's update after its first").contains("slow-2");
        assertThat(slow2.arrived()).as("its second update only once the first was answered")
                .isGreaterThanOrEqualTo(slow1.answered());
        for (String other : others) {
            assertThat(emsp.received(other).get(0).arrived()).as("%s went out while the slow object was in flight", other)
                    .isLessThan(slow1.answered());
        }
        List<Received> updates = emsp.received(same);
        assertThat(updates).extracting(r -> r.body().replaceAll("(?s).*\"name\": \"(same-\\d)\".*", "$1"))
                .as("one object's updates in the order pushed").containsExactly("same-1", "same-2", "same-3", "same-4", "same-5");
        IntStream.range(1, updates.size()).forEach(i -> assertThat(updates.get(i).arrived())
                .as("update %d only after update %d was answered", i + 1, i).isGreaterThanOrEqualTo(updates.get(i - 1).answered()));
        assertThat(emsp.mostAtOnce()).as("several requests in flight, never more than configured").isBetween(2, 4);
        // the batch's results are written once its last job was answered: leave no result (or metric) for the next test
        await("the batch's results written").atMost(WAIT).until(() -> jobs("DELIVERED").stream()
                .filter(job -> String.valueOf(job.get("path")).contains(run)).count() == 10);
    }

    @Test
    void aBatchWithSeveralFailingObjectsCountsEachAttemptAndEachGiveUpOnce() throws Exception {
        String run = letters() + System.nanoTime() % 1000;
        List<String> failing = List.of(run + "-A-FAIL500", run + "-B-FAIL500");
        List<String> passing = List.of(run + "-C", run + "-D");
        double failedBefore = count("chargeclear.delivery.jobs", "outcome", "failed");
        double deliveredBefore = count("chargeclear.delivery.jobs", "outcome", "delivered");
        hold();
        for (String id : List.of(failing.get(0), passing.get(0), failing.get(1), passing.get(1))) {
            push(id, "x").statusCode(200);
        }
        awaitPending(run, 4);
        // the operator sees how long the backlog waited: the oldest pending job's time
        // compared with every job listed as pending for the receiver, this run's four and any other test's
        List<Map<String, Object>> pending = jobs("PENDING");
        Instant oldest = pending.stream().map(job -> Instant.parse((String) job.get("requested_at")))
                .min(Comparator.naturalOrder()).orElseThrow();
        assertThat(receiver().get("pending")).isEqualTo(pending.size());
        assertThat(Instant.parse((String) receiver().get("oldest_pending_at"))).isEqualTo(oldest);
        release();

        await().atMost(WAIT).untilAsserted(() -> {
            List<Map<String, Object>> failed = jobs("FAILED").stream()
                    .filter(job -> String.valueOf(job.get("path")).contains(run)).toList();
            assertThat(failed).hasSize(2);
            assertThat(failed).allSatisfy(job -> {
                assertThat(job.get("attempts")).isEqualTo(3);
                assertThat(job.get("last_error").toString()).startsWith("gave up after 3 failed attempts; the last: HTTP 500");
            });
        });
        for (String id : failing) {
            assertThat(emsp.received(id)).as("%s sent max-attempts times, then given up", id).hasSize(3);
        }
        for (String id : passing) {
            assertThat(emsp.received(id)).as("%s sent once", id).hasSize(1);
        }
        assertThat(jobs("DELIVERED").stream().filter(job -> String.valueOf(job.get("path")).contains(run)))
                .hasSize(2).allSatisfy(job -> assertThat(job.get("attempts")).isEqualTo(1));
        assertThat(count("chargeclear.delivery.jobs", "outcome", "failed") - failedBefore)
                .as("each give-up counted once").isEqualTo(2.0);
        assertThat(count("chargeclear.delivery.jobs", "outcome", "delivered") - deliveredBefore).isEqualTo(2.0);
        Map<String, Object> receiver = receiver();
        assertThat(receiver.get("pending")).isEqualTo(0);
        assertThat(receiver.get("oldest_pending_at")).as("nothing waits").isNull();
        assertThat(String.valueOf(receiver.get("last_error"))).startsWith("HTTP 500");
        assertThat((Integer) receiver.get("consecutive_failures")).as("the failed attempts since the last answer")
                .isBetween(3, 6);
    }

    // ------------------------------------------------------------------------------------------------------------

    private double count(String name, String tag, String value) {
        var counter = metrics.find(name).tags(tag, value, "module", "locations").counter();
        return counter == null ? 0 : counter.count();
    }

    private static List<Map<String, Object>> jobs(String status) {
        return admin().queryParam("receiver", EMSP_PLATFORM).queryParam("status", status).queryParam("limit", 1000)
                .get("/admin/deliveries").then().statusCode(200).extract().jsonPath().getList("");
    }

    private static Map<String, Object> receiver() {
        return admin().get("/admin/deliveries/receivers").then().statusCode(200).extract()
                .jsonPath().getMap("find { it.platform_id == '" + EMSP_PLATFORM + "' }");
    }

    private static void awaitPending(String run, int count) {
        await().atMost(WAIT).until(() -> jobs("PENDING").stream()
                .filter(job -> String.valueOf(job.get("path")).contains(run)).count() == count);
    }

    /** The receiver waits (as during a backoff) while its backlog builds up. */
    private static void hold() throws SQLException {
        nextAttempt("now() + interval '1 hour'");
    }

    /** The backlog goes out: taken as one batch. */
    private static void release() throws SQLException {
        nextAttempt("now()");
    }

    private static void nextAttempt(String when) throws SQLException {
        nextAttempt(EMSP_PLATFORM, when);
    }

    /** Sets when the dispatcher may next try the receiver (a SQL expression). */
    static void nextAttempt(String receiverPlatform, String when) throws SQLException {
        try (Connection db = DriverManager.getConnection(LocalInfraResource.jdbcUrl(), LocalInfraResource.username(),
                LocalInfraResource.password());
             PreparedStatement update = db.prepareStatement("update ocpi_gateway.delivery_receiver"
                     + " set next_attempt_at = " + when + " where platform_id = ?")) {
            update.setString(1, receiverPlatform);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    private static io.restassured.response.ValidatableResponse push(String id, String name) {
        return push(CPO_TOKEN_C, CPO, EMSP, id, name);
    }

    /** A location {@code id} named {@code name}, PUT by the NL CPO {@code cpo} to the DE eMSP {@code emsp}. */
    static io.restassured.response.ValidatableResponse push(String cpoTokenC, String cpo, String emsp, String id,
                                                            String name) {
        String body = """
                {"country_code": "NL", "party_id": "%s", "id": "%s", "publish": true, "name": "%s",
                 "address": "Oudegracht 1", "city": "Utrecht", "postal_code": "3511", "country": "NLD",
                 "coordinates": {"latitude": "52.090737", "longitude": "5.121420"}, "evses": [],
                 "time_zone": "Europe/Amsterdam", "last_updated": "2026-01-01T10:00:00Z"}""".formatted(cpo, id, name);
        return given().header("Authorization", io.chargeclear.model.ocpi.TokenHeader.encode(cpoTokenC))
                .contentType(io.restassured.http.ContentType.JSON)
                .header("OCPI-from-country-code", "NL").header("OCPI-from-party-id", cpo)
                .header("OCPI-to-country-code", "DE").header("OCPI-to-party-id", emsp)
                .body(body).put("/ocpi/2.2.1/receiver/locations/NL/" + cpo + "/" + id).then();
    }

    /** One request the partner received: its path, body, and when it arrived and was answered (nanoTime). */
    record Received(String path, String body, long arrived, long answered) {
    }

    /**
     * A receiver on a loopback port that serves several requests at once, holds its answer to a path containing
     * {@code SLOW} while the test says so ({@link #holdSlowAnswers}, {@link #answerSlow}), answers HTTP 500 to one
     * containing {@code FAIL500}, and OCPI 1000 otherwise.
     */
    static final class Partner implements AutoCloseable {
        private final HttpServer server;
        private final ExecutorService threads = Executors.newFixedThreadPool(16);
        private final List<Received> received = new CopyOnWriteArrayList<>();
        private volatile CountDownLatch slowGate = new CountDownLatch(0);
        private final java.util.concurrent.atomic.AtomicInteger atOnce = new java.util.concurrent.atomic.AtomicInteger();
        private final java.util.concurrent.atomic.AtomicInteger mostAtOnce = new java.util.concurrent.atomic.AtomicInteger();

        Partner() {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.setExecutor(threads);
            server.createContext("/", this::handle);
            server.start();
        }

        String baseUrl() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        /** From now on a {@code SLOW} path is answered only after {@link #answerSlow}. */
        void holdSlowAnswers() {
            slowGate = new CountDownLatch(1);
        }

        /** Lets every held and later {@code SLOW} answer go. */
        void answerSlow() {
            slowGate.countDown();
        }

        /** Requests whose path ends with {@code /id}, in the order they arrived. */
        List<Received> received(String id) {
            return received.stream().filter(r -> r.path().endsWith("/" + id)).toList();
        }

        int mostAtOnce() {
            return mostAtOnce.get();
        }

        /** Requests it holds now: arrived and not yet answered. */
        int inHand() {
            return atOnce.get();
        }

        private void handle(HttpExchange exchange) throws IOException {
            long arrived = System.nanoTime();
            mostAtOnce.accumulateAndGet(atOnce.incrementAndGet(), Math::max);
            try {
                String path = exchange.getRequestURI().getRawPath();
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                if (path.contains("SLOW")) {
                    slowGate.await(SLOW_HOLD_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
                }
                int http = path.contains("FAIL500") ? 500 : 200;
                byte[] answer = http == 200 ? "{\"status_code\": 1000, \"timestamp\": \"2026-01-01T00:00:00Z\"}"
                        .getBytes(StandardCharsets.UTF_8) : new byte[0];
                // recorded before the answer leaves: the hub cannot have seen it earlier
                received.add(new Received(path, body, arrived, System.nanoTime()));
                atOnce.decrementAndGet();
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(http, answer.length == 0 ? -1 : answer.length);
                if (answer.length > 0) {
                    exchange.getResponseBody().write(answer);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        }

        @Override
        public void close() {
            server.stop(0);
            threads.shutdownNow();
        }
    }
}
