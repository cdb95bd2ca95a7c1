package io.chargeclear.rating.domain;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * The state of the session at the start of one charging period, against which every tariff restriction is evaluated.
 * <p>
 * OCPI 2.2.1 §mod_tariffs "TariffRestrictions": restrictions are evaluated continuously; because the CPO must start a
 * new period whenever another price component becomes active (§mod_cdrs "ChargingPeriod"), the state at the start of
 * each period decides for the whole period. Measured current and power are {@code null} when the period does not
 * report them.
 *
 * @param localStart        start of the period in the location's time zone
 * @param energySoFarKwh    ENERGY consumed in the session before this period
 * @param durationSoFarSecs wall-clock seconds since the session (or, for reservation periods, the reservation) began
 */
record PeriodState(
        PricingPhase phase,
        LocalDateTime localStart,
        BigDecimal energySoFarKwh,
        BigDecimal durationSoFarSecs,
        BigDecimal minCurrent,
        BigDecimal maxCurrent,
        BigDecimal minPower,
        BigDecimal maxPower) {
}
