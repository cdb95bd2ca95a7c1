package io.chargeclear.gateway.partner;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServer;
import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The partner client's connection pool against a real loopback HTTP server that answers slowly and counts the
 * connections it is given: the pool size per host is a hard bound, connections are reused, and a full wait queue
 * fails at once instead of waiting out the deadline.
 */
class PartnerClientPoolTest {

    private static final Duration TEST_BOUND = Duration.ofSeconds(30);
    private static final long ANSWER_DELAY_MS = 200;

    private Vertx vertx;
    private HttpServer server;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.getDelegate().createHttpServer()
                .connectionHandler(connection -> connections.incrementAndGet())
                .requestHandler(request -> {
                    mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    vertx.getDelegate().setTimer(ANSWER_DELAY_MS, t -> {
                        inFlight.decrementAndGet();
                        answered.incrementAndGet();
                        request.response().putHeader("Content-Type", "application/json")
                                .end("{\"status_code\":1000,\"timestamp\":\"2026-01-01T00:00:00Z\"}");
                    });
                });
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        vertx.closeAndAwait();
    }

    @Test
    void concurrentSlowRequestsToOneHostUseAtMostThePoolSizeOfConnections() {
        PartnerClient client = new PartnerClient(vertx, Duration.ofSeconds(2), Duration.ofSeconds(10), 4, 100,
                Duration.ofSeconds(10));

        List<PartnerAnswer> answers = all(client, 20, Duration.ofSeconds(10));

        assertThat(answers).hasSize(20).allMatch(PartnerAnswer::success);
        assertThat(connections.get()).as("connections opened").isEqualTo(4);
        assertThat(mostInFlight.get()).as("requests the partner had at once").isEqualTo(4);
    }

    @Test
    void keptAliveConnectionsAreReusedForLaterRequests() {
        PartnerClient client = new PartnerClient(vertx, Duration.ofSeconds(2), Duration.ofSeconds(10), 4, 100,
                Duration.ofSeconds(10));

        all(client, 4, Duration.ofSeconds(10));
        all(client, 4, Duration.ofSeconds(10));

        assertThat(answered.get()).isEqualTo(8);
        assertThat(connections.get()).as("the second round opens no new connection").isEqualTo(4);
    }

    @Test
    void aFullWaitQueueFailsAtOnceAsBusyWithoutSendingAnything() {
        PartnerClient client = new PartnerClient(vertx, Duration.ofSeconds(2), Duration.ofSeconds(10), 2, 3,
                Duration.ofSeconds(10));
        List<Uni<Object>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(call(client, Duration.ofSeconds(10))
                    .<Object>map(answer -> answer)
                    .onFailure().recoverWithItem(e -> e));
        }
        long started = System.nanoTime();

        List<Object> outcomes = Uni.join().all(calls).andCollectFailures().await().atMost(TEST_BOUND);

        List<PartnerCallException> busy = outcomes.stream().filter(o -> o instanceof PartnerCallException)
                .map(o -> (PartnerCallException) o).toList();
        long answers = outcomes.stream().filter(o -> o instanceof PartnerAnswer).count();
        // at most 2 in flight + 3 waiting get through (Vert.x counts requests waiting for a connection being opened
        // in the queue too, so it may be fewer); every other one is refused as busy, not timed out
        assertThat(answers).isBetween(2L, 5L);
        assertThat(busy).hasSize(10 - (int) answers).allMatch(PartnerCallException::busy)
                .noneMatch(PartnerCallException::timedOut);
        assertThat(answered.get()).as("refused requests never reached the partner").isEqualTo((int) answers);
        assertThat(connections.get()).isEqualTo(2);
        // 5 requests over 2 connections at 200 ms each: about 600 ms, far from the 10 s deadline
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aRequestWaitingForAConnectionGivesUpAtItsOwnDeadline() {
        PartnerClient client = new PartnerClient(vertx, Duration.ofSeconds(5), Duration.ofSeconds(10), 1, 10,
                Duration.ofSeconds(10));
        Uni<Object> first = call(client, Duration.ofSeconds(5)).map(a -> a);
        Uni<Object> waiting = call(client, Duration.ofMillis(100)).<Object>map(a -> a).onFailure().recoverWithItem(e -> e);

        List<Object> outcomes = Uni.join().all(first, waiting).andCollectFailures().await().atMost(TEST_BOUND);

        assertThat(outcomes.get(0)).isInstanceOf(PartnerAnswer.class);
        assertThat(outcomes.get(1)).isInstanceOf(PartnerCallException.class);
        assertThat(((PartnerCallException) outcomes.get(1)).timedOut()).isTrue();
        assertThat(answered.get()).as("the request that gave up was never sent").isEqualTo(1);
        // and the connection it would have had is free again: the next request is served at once
        assertThat(call(client, Duration.ofSeconds(1)).await().atMost(TEST_BOUND).success()).isTrue();
    }

    private List<PartnerAnswer> all(PartnerClient client, int count, Duration timeout) {
        List<Uni<PartnerAnswer>> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            calls.add(call(client, timeout));
        }
        return Uni.join().all(calls).andFailFast().await().atMost(TEST_BOUND);
    }

    private Uni<PartnerAnswer> call(PartnerClient client, Duration timeout) {
        return client.call("POST", "http://127.0.0.1:" + server.actualPort() + "/ocpi/tokens/T1/authorize", "token-b",
                false, Map.of(), "{}", timeout);
    }
}
