package io.chargeclear.rating.domain;

import io.chargeclear.model.ocpi.Price;
import io.chargeclear.model.ocpi.cdrs.CdrDimension;
import io.chargeclear.model.ocpi.cdrs.CdrDimensionType;
import io.chargeclear.model.ocpi.cdrs.ChargingPeriod;
import io.chargeclear.model.ocpi.tariffs.DayOfWeek;
import io.chargeclear.model.ocpi.tariffs.PriceComponent;
import io.chargeclear.model.ocpi.tariffs.ReservationRestrictionType;
import io.chargeclear.model.ocpi.tariffs.Tariff;
import io.chargeclear.model.ocpi.tariffs.TariffDimensionType;
import io.chargeclear.model.ocpi.tariffs.TariffElement;
import io.chargeclear.model.ocpi.tariffs.TariffRestrictions;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Random but valid tariffs and sessions for the property tests: non-negative prices and volumes, restrictions of
 * every kind, optional reservation and min/max price (min never above max), periods of whole minutes.
 */
final class RandomSessions {

    private static final Instant YEAR_START = Instant.parse("2024-01-01T00:00:00Z");
    private static final String[] VATS = {null, "0", "5.2", "10", "19", "21"};
    private static final int[] TIME_STEPS = {0, 1, 60, 300, 900};
    private static final int[] ENERGY_STEPS = {0, 1, 100, 500, 1000};

    private RandomSessions() {
    }

    static RatingInput session(Random random) {
        Tariff tariff = tariff(random);
        Instant start = YEAR_START.plus(Duration.ofMinutes(random.nextInt(366 * 24 * 60)));
        List<ChargingPeriod> periods = new ArrayList<>();
        Instant cursor = start;
        boolean reserved = random.nextInt(5) == 0;
        if (reserved) {
            int minutes = 1 + random.nextInt(60);
            periods.add(new ChargingPeriod(cursor, List.of(dim(CdrDimensionType.RESERVATION_TIME, hours(minutes))), null));
            cursor = cursor.plus(Duration.ofMinutes(minutes));
        }
        int count = reserved && random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(5);
        for (int i = 0; i < count; i++) {
            int minutes = 1 + random.nextInt(120);
            List<CdrDimension> dimensions = new ArrayList<>();
            if (random.nextInt(10) < 7) {
                dimensions.add(dim(CdrDimensionType.ENERGY, decimal(random, 1, 30_000, 3)));
                dimensions.add(dim(CdrDimensionType.TIME, hours(minutes)));
                dimensions.add(dim(CdrDimensionType.MAX_POWER, decimal(random, 10, 1500, 1)));
                dimensions.add(dim(CdrDimensionType.MIN_CURRENT, decimal(random, 60, 2000, 1)));
            } else {
                dimensions.add(dim(CdrDimensionType.PARKING_TIME, hours(minutes)));
            }
            periods.add(new ChargingPeriod(cursor, dimensions, null));
            cursor = cursor.plus(Duration.ofMinutes(minutes));
        }
        return new RatingInput(tariff, periods, start, cursor, TestSession.BERLIN);
    }

    static Tariff tariff(Random random) {
        List<TariffElement> elements = new ArrayList<>();
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            boolean reservation = random.nextInt(6) == 0;
            List<TariffDimensionType> types = new ArrayList<>(reservation
                    ? List.of(TariffDimensionType.FLAT, TariffDimensionType.TIME)
                    : Arrays.asList(TariffDimensionType.values()));
            Collections.shuffle(types, random);
            List<PriceComponent> components = new ArrayList<>();
            for (TariffDimensionType type : types.subList(0, 1 + random.nextInt(types.size()))) {
                components.add(component(random, type));
            }
            elements.add(new TariffElement(components, restrictions(random, reservation)));
        }
        Price min = null;
        Price max = null;
        if (random.nextInt(4) == 0) {
            BigDecimal excl = decimal(random, 0, 500, 2);
            min = new Price(excl, random.nextBoolean() ? excl.multiply(new BigDecimal("1.1")) : null);
        }
        if (random.nextInt(4) == 0) {
            BigDecimal excl = decimal(random, 500, 3000, 2);
            max = new Price(excl, random.nextBoolean() ? excl.multiply(new BigDecimal("1.2")) : null);
        }
        return new Tariff("DE", "CCL", "random", "EUR", null, null, null, min, max, elements, null, null, null,
                Instant.parse("2024-01-01T00:00:00Z"));
    }

    private static PriceComponent component(Random random, TariffDimensionType type) {
        BigDecimal price = random.nextInt(5) == 0 ? BigDecimal.ZERO : decimal(random, 1, 300, 2);
        String vat = VATS[random.nextInt(VATS.length)];
        int step = switch (type) {
            case ENERGY -> ENERGY_STEPS[random.nextInt(ENERGY_STEPS.length)];
            case TIME, PARKING_TIME -> TIME_STEPS[random.nextInt(TIME_STEPS.length)];
            case FLAT -> 1;
        };
        return new PriceComponent(type, price, vat == null ? null : new BigDecimal(vat), step);
    }

    private static TariffRestrictions restrictions(Random random, boolean reservation) {
        if (!reservation && random.nextInt(2) == 0) {
            return null;
        }
        String startTime = chance(random) ? String.format("%02d:00", random.nextInt(24)) : null;
        String endTime = chance(random) ? String.format("%02d:00", random.nextInt(24)) : null;
        String startDate = chance(random) ? "2024-0" + (1 + random.nextInt(9)) + "-01" : null;
        String endDate = chance(random) ? "2024-" + (10 + random.nextInt(3)) + "-01" : null;
        List<DayOfWeek> days = chance(random)
                ? Arrays.stream(DayOfWeek.values()).filter(d -> random.nextBoolean()).toList() : null;
        return new TariffRestrictions(startTime, endTime, startDate, endDate,
                chance(random) ? decimal(random, 0, 2000, 2) : null,
                chance(random) ? decimal(random, 100, 6000, 2) : null,
                chance(random) ? decimal(random, 60, 400, 1) : null,
                chance(random) ? decimal(random, 100, 2000, 1) : null,
                chance(random) ? decimal(random, 10, 500, 1) : null,
                chance(random) ? decimal(random, 100, 1500, 1) : null,
                chance(random) ? random.nextInt(7200) : null,
                chance(random) ? 600 + random.nextInt(14400) : null,
                days,
                reservation ? (random.nextBoolean() ? ReservationRestrictionType.RESERVATION
                        : ReservationRestrictionType.RESERVATION_EXPIRES) : null);
    }

    private static boolean chance(Random random) {
        return random.nextInt(6) == 0;
    }

    /** A random decimal between {@code fromUnscaled} and {@code toUnscaled} units of 10^-scale. */
    private static BigDecimal decimal(Random random, int fromUnscaled, int toUnscaled, int scale) {
        return BigDecimal.valueOf(fromUnscaled + random.nextInt(toUnscaled - fromUnscaled + 1), scale);
    }

    /** Minutes as hours with four decimals, the way CPOs typically report them (never zero). */
    private static BigDecimal hours(int minutes) {
        return BigDecimal.valueOf(minutes).divide(BigDecimal.valueOf(60), 4, RoundingMode.HALF_UP);
    }

    private static CdrDimension dim(CdrDimensionType type, BigDecimal volume) {
        return new CdrDimension(type, volume);
    }
}
