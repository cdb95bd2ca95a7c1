package io.chargeclear.rating.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Unit conversions between the CDR's hours and kWh and the step_size units (seconds and Wh).
 * <p>
 * OCPI 2.2.1 §mod_tariffs "TariffDimensionType": TIME and PARKING_TIME step in seconds, ENERGY in Wh. Every
 * conversion is exact except seconds → hours when the result does not terminate (for example 1 s = 0.000277… h); that
 * quotient is carried at {@value #HOURS_SCALE} decimals, far below any currency's minor unit (ADR 0004, D11).
 */
final class Quantities {

    static final int HOURS_SCALE = 20;
    private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);
    private static final BigDecimal WH_PER_KWH = BigDecimal.valueOf(1000);

    private Quantities() {
    }

    static BigDecimal hoursToSeconds(BigDecimal hours) {
        return hours.multiply(SECONDS_PER_HOUR);
    }

    static BigDecimal secondsToHours(BigDecimal seconds, RoundingMode mode) {
        return seconds.divide(SECONDS_PER_HOUR, HOURS_SCALE, mode).stripTrailingZeros();
    }

    static BigDecimal kwhToWh(BigDecimal kwh) {
        return kwh.multiply(WH_PER_KWH);
    }

    static BigDecimal whToKwh(BigDecimal wh) {
        return wh.divide(WH_PER_KWH);
    }

    /** The smallest multiple of {@code step} that is at least {@code volume}. */
    static BigDecimal roundUpToStep(BigDecimal volume, int step) {
        BigDecimal stepSize = BigDecimal.valueOf(step);
        return volume.divide(stepSize, 0, RoundingMode.CEILING).multiply(stepSize);
    }
}
