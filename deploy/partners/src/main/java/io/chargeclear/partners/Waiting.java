package io.chargeclear.partners;

import java.time.Duration;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * Polling for what the hub does asynchronously (events travelling through Kafka, queued deliveries), with a
 * deadline after which the demo fails naming what it waited for.
 */
public final class Waiting {

    private static final Duration POLL = Duration.ofMillis(200);

    private Waiting() {
    }

    /**
     * Waits until {@code condition} holds and returns how long that took; throws {@link DemoFailure} after
     * {@code limit}. A condition that throws counts as not holding yet (e.g. the hub is still starting).
     */
    public static Duration until(String what, Duration limit, BooleanSupplier condition) {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        RuntimeException last = null;
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return Duration.ofNanos(System.nanoTime() - start);
                }
            } catch (RuntimeException e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new DemoFailure("timed out after " + limit.toSeconds() + " s waiting until " + what
                        + (last == null ? "" : " (last error: " + last.getMessage() + ")"));
            }
            pause(POLL);
        }
    }

    /** Whether {@code condition} comes to hold within {@code limit}. */
    static boolean within(Duration limit, BooleanSupplier condition) {
        try {
            until("the condition holds", limit, condition);
            return true;
        } catch (DemoFailure timedOut) {
            return false;
        }
    }

    /** Sleeps for {@code duration}; an interrupt ends the sleep early and stays set. */
    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code 1.4 s}: a duration as the demo prints it. */
    public static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
