package io.chargeclear.tracking.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.math.BigDecimal;
import java.time.Duration;

/** Session tracking's settings (docs/operations/tracking.md). */
@ConfigMapping(prefix = "chargeclear.tracking")
public interface TrackingConfig {

    /** An ACTIVE session without an update for this long is stuck (SESSION_STUCK, state STALE). */
    @WithDefault("PT6H")
    Duration stuckAfter();

    /** How long a command may wait for its result when the CPO's answer named no {@code timeout}. */
    @WithDefault("PT5M")
    Duration commandResultTimeout();

    /**
     * How far apart a session's start and a command or authorization may lie to be linked by the token alone
     * (without an equal authorization reference): a card used yesterday is not today's session.
     */
    @WithDefault("PT2H")
    Duration tokenLinkWindow();

    /** CDR deadline when neither an agreement nor the standard terms the hub has seen name one. */
    @WithDefault("48")
    int defaultCdrWithinHours();

    /** How often the persisted SLA timers are scanned for due ones. */
    @WithDefault("PT30S")
    Duration scanInterval();

    /** How far a CDR's {@code total_energy} (kWh) may differ from the session's final {@code kwh}. */
    @WithDefault("0.01")
    BigDecimal energyTolerance();

    /** How far a CDR's {@code total_cost.excl_vat} may differ from the session's final one. */
    @WithDefault("0.01")
    BigDecimal costTolerance();

    /** The operator's clock control. */
    ClockConfig clock();

    /** The adjustable clock, for tests and demos only. */
    interface ClockConfig {
        /** Whether {@code POST /admin/tracking/clock} may move the service's clock forward and back (404 otherwise). */
        @WithDefault("false")
        boolean adjustable();
    }
}
