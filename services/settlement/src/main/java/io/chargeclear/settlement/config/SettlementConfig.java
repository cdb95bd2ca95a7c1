package io.chargeclear.settlement.config;

import io.chargeclear.settlement.domain.SettlementCalendar;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.ZoneId;

/** How the hub settles: {@code chargeclear.settlement.*}. */
@ConfigMapping(prefix = "chargeclear.settlement")
public interface SettlementConfig {

    /** Length of a settlement period: DAILY, WEEKLY (Monday to Monday) or MONTHLY. */
    @WithDefault("MONTHLY")
    SettlementCalendar.Length period();

    /** The hub's time zone: periods start at midnight there. */
    @WithDefault("UTC")
    ZoneId timeZone();

    /** Dispute window when neither the CDR's agreement nor the hub's standard terms are known yet. */
    @WithDefault("P30D")
    Duration defaultDisputeWindow();

    default SettlementCalendar calendar() {
        return new SettlementCalendar(period(), timeZone());
    }
}
