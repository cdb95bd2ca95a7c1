package io.chargeclear.tracking.service;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The clock every SLA decision of this service reads: the system clock, plus an offset an operator may move
 * forward where {@code chargeclear.tracking.clock.adjustable} allows it (tests and demos show a 48-hour SLA
 * breach without waiting 48 hours), and back again by at most as much, so a demonstration leaves the clock as it
 * found it. Neither fires a timer early: a timer that fired stays fired, and one set while the clock was ahead falls
 * due that much later once it is back. The offset lives in memory only: a restart goes back to the system time.
 */
@Singleton
public class TrackingClock extends Clock {

    private final Clock system = Clock.systemUTC();
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** The same moving clock seen in another zone: it keeps following the offset. */
    @Override
    public Clock withZone(ZoneId zone) {
        TrackingClock moving = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return moving.withZone(other);
            }

            @Override
            public Instant instant() {
                return moving.instant();
            }
        };
    }

    @Override
    public Instant instant() {
        return system.instant().plus(offset.get());
    }

    /** Now, at the microsecond precision PostgreSQL keeps. */
    public Instant now() {
        return instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Moves the clock forward by {@code by} (never back) and returns the new now. */
    public Instant advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the clock only moves forward");
        }
        offset.accumulateAndGet(by, Duration::plus);
        return now();
    }

    /**
     * Moves the clock back by {@code by}, at most to the system time: it undoes moves forward, and never runs behind
     * the time every other service reads. Returns the new now.
     *
     * @throws IllegalStateException if the clock is less than {@code by} ahead of the system time
     */
    public Instant back(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the clock moves back by a positive duration");
        }
        offset.updateAndGet(ahead -> {
            if (ahead.compareTo(by) < 0) {
                throw new IllegalStateException("the clock is " + ahead + " ahead of the system time; it moves back"
                        + " at most that far, never behind the system time, not " + by);
            }
            return ahead.minus(by);
        });
        return now();
    }

    public Duration offset() {
        return offset.get();
    }
}
