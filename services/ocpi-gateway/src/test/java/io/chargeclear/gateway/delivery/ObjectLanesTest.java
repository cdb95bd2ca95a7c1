package io.chargeclear.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.chargeclear.gateway.delivery.DeliveryDispatcher.Job;
import io.chargeclear.gateway.delivery.ObjectLanes.Step;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The order and concurrency rules of one batch, with attempts that answer after a chosen delay. */
class ObjectLanesTest {

    private static final Instant FAR = Instant.now().plus(Duration.ofHours(1));

    /** What happened: which job started and ended, in the order it happened. */
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();

    @Test
    void oneInFlightKeepsTheQueueOrderExactly() {
        List<Job> jobs = List.of(job(1, "A"), job(2, "B"), job(3, "A"), job(4, "C"), job(5, "B"));

        List<String> results = run(jobs, 1, false, Map.of(), Set.of());

        assertThat(results).containsExactly("1", "2", "3", "4", "5");
        assertThat(mostInFlight.get()).isEqualTo(1);
    }

    @Test
    void aSlowObjectDoesNotHoldTheOthersAndItsOwnUpdatesWaitForIt() {
        List<Job> jobs = List.of(job(1, "SLOW"), job(2, "B"), job(3, "SLOW"), job(4, "C"), job(5, "D"), job(6, "B"));

        List<String> results = run(jobs, 3, false, Map.of(1L, 300L), Set.of());

        assertThat(results).containsExactlyInAnyOrder("1", "2", "3", "4", "5", "6");
        assertThat(events.indexOf("end 6")).as("other objects go on while the slow one is in flight")
                .isLessThan(events.indexOf("end 1"));
        assertThat(events.indexOf("start 3")).as("the slow object's next update only after it")
                .isGreaterThan(events.indexOf("end 1"));
        assertThat(events.indexOf("start 6")).isGreaterThan(events.indexOf("end 2"));
        assertThat(mostInFlight.get()).isEqualTo(3);
    }

    @Test
    void aRetryStopsNewStartsAndItsObjectsLaterJobsStay() {
        List<Job> jobs = List.of(job(1, "A"), job(2, "B"), job(3, "A"), job(4, "C"), job(5, "D"));

        List<String> results = run(jobs, 2, false, Map.of(2L, 200L), Set.of(1L));

        assertThat(results).as("job 1 failed; job 2 was in flight and ends; nothing new starts")
                .containsExactlyInAnyOrder("1", "2");
        assertThat(events).doesNotContain("start 3", "start 4", "start 5");
    }

    @Test
    void aCautiousBatchSendsOneUntilTheReceiverAnswers() {
        List<Job> jobs = List.of(job(1, "A"), job(2, "B"), job(3, "C"), job(4, "D"));

        run(jobs, 4, true, Map.of(), Set.of());

        assertThat(events.subList(0, 2)).containsExactly("start 1", "end 1");
        assertThat(mostInFlight.get()).isGreaterThan(1);
    }

    @Test
    void aCautiousBatchWhoseFirstAttemptFailsSendsNothingElse() {
        List<Job> jobs = List.of(job(1, "A"), job(2, "B"), job(3, "C"));

        List<String> results = run(jobs, 4, true, Map.of(), Set.of(1L));

        assertThat(results).containsExactly("1");
    }

    @Test
    void nothingStartsAfterTheDeadline() {
        List<String> results = new ObjectLanes<String>(List.of(job(1, "A")), 4, false, Instant.now().minusSeconds(1),
                Instant::now, job -> Uni.createFrom().item("x"), r -> Step.NEXT).run().await().atMost(Duration.ofSeconds(5));

        assertThat(results).isEmpty();
    }

    private List<String> run(List<Job> jobs, int maxInFlight, boolean cautious, Map<Long, Long> delayMillis,
                             Set<Long> failing) {
        return new ObjectLanes<String>(jobs, maxInFlight, cautious, FAR, Instant::now, job -> {
            events.add("start " + job.seq());
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            return Uni.createFrom().item(String.valueOf(job.seq()))
                    .onItem().delayIt().by(Duration.ofMillis(delayMillis.getOrDefault(job.seq(), 20L)))
                    .invoke(() -> {
                        inFlight.decrementAndGet();
                        events.add("end " + job.seq());
                    });
        }, result -> failing.contains(Long.parseLong(result)) ? Step.STOP : Step.ANSWERED)
                .run().await().atMost(Duration.ofSeconds(10));
    }

    private static Job job(long seq, String object) {
        return new Job(seq, "d" + seq, "receiver", "locations", "RECEIVER", "NL/CPO/" + object, null, "PUT", Map.of(),
                "{}", "locations:NL*CPO*" + object, 0, null, null);
    }
}
