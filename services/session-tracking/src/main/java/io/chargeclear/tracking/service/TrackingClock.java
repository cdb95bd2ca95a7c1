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
 * breach without waiting 48 hours). The offset lives in memory only: a restart goes back to the system time,
 * which never fires a timer early.
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

    public Duration offset() {
        return offset.get();
    }
}
