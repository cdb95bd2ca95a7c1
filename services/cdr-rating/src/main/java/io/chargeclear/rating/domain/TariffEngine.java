package io.chargeclear.rating.domain;

import io.chargeclear.model.money.Money;
import io.chargeclear.model.ocpi.Price;
import io.chargeclear.model.ocpi.cdrs.CdrDimension;
import io.chargeclear.model.ocpi.cdrs.CdrDimensionType;
import io.chargeclear.model.ocpi.cdrs.ChargingPeriod;
import io.chargeclear.model.ocpi.tariffs.PriceComponent;
import io.chargeclear.model.ocpi.tariffs.TariffDimensionType;
import io.chargeclear.model.ocpi.tariffs.TariffElement;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Prices a session or CDR with an OCPI 2.2.1 or 2.3.0 tariff, exactly, so the hub can check the CPO's {@code total_cost} and
 * subtotals and rate sessions itself.
 * <p>
 * The rules follow OCPI 2.2.1 §mod_tariffs (element selection, restrictions, step_size, VAT, min/max price) and
 * §mod_cdrs (which cost goes in which CDR total). Where the specification is silent or contradicts itself the engine
 * follows docs/adr/0004-tariff-engine-decisions.md. A 2.3.0 tariff's {@code tax_included} says whether prices are
 * before taxes, after taxes or untaxed (docs/adr/0026-taxes-in-rating.md); the taxes come out per rate. The engine is
 * stateless and thread-safe.
 */
public final class TariffEngine {

    private static final Comparator<ChargingPeriod> BY_START = Comparator.comparing(ChargingPeriod::startDateTime);

    /** Prices the periods of {@code input} with its tariff. */
    public CostBreakdown rate(RatingInput input) {
        String currency = input.tariff().currency();
        List<ChargingPeriod> periods = input.chargingPeriods().stream().sorted(BY_START).toList();
        periods.forEach(TariffEngine::requireValid);

        boolean hasSessionPeriods = periods.stream().anyMatch(p -> !isReservation(p));
        boolean hasReservationPeriods = periods.stream().anyMatch(TariffEngine::isReservation);
        PricingPhase reservationPhase = hasSessionPeriods ? PricingPhase.RESERVATION : PricingPhase.EXPIRED_RESERVATION;
        // ADR 0004, D6: session duration counts from the first charging period when a reservation preceded it.
        Instant sessionOrigin = hasReservationPeriods && hasSessionPeriods
                ? periods.stream().filter(p -> !isReservation(p)).findFirst().orElseThrow().startDateTime()
                : input.sessionStart();

        ElementSelector selector = new ElementSelector(input.tariff());
        Ledger ledger = new Ledger(currency, input.taxIncluded());
        List<CostBreakdown.AppliedElements> applied = new ArrayList<>();
        BigDecimal energySoFar = BigDecimal.ZERO;
        for (ChargingPeriod period : periods) {
            boolean reservation = isReservation(period);
            Instant origin = reservation ? input.sessionStart() : sessionOrigin;
            PeriodState state = new PeriodState(
                    reservation ? reservationPhase : PricingPhase.SESSION,
                    period.startDateTime().atZone(input.timeZone()).toLocalDateTime(),
                    energySoFar,
                    seconds(Duration.between(origin, period.startDateTime())),
                    measurement(period, CdrDimensionType.MIN_CURRENT, CdrDimensionType.CURRENT),
                    measurement(period, CdrDimensionType.MAX_CURRENT, CdrDimensionType.CURRENT),
                    measurement(period, CdrDimensionType.MIN_POWER, CdrDimensionType.POWER),
                    measurement(period, CdrDimensionType.MAX_POWER, CdrDimensionType.POWER));
            Map<TariffDimensionType, Integer> used = reservation
                    ? priceReservationPeriod(period, state, selector, ledger)
                    : priceSessionPeriod(period, state, selector, ledger);
            applied.add(new CostBreakdown.AppliedElements(period.startDateTime(), used));
            energySoFar = energySoFar.add(volume(period, CdrDimensionType.ENERGY));
        }
        ledger.applyStepSizes();

        Cost subtotal = ledger.subtotal();
        Cost total = PriceBounds.apply(subtotal, input.tariff().minPrice(), input.tariff().maxPrice(), currency);
        Cost adjustment = new Cost(total.exclVat().minus(subtotal.exclVat()), total.inclVat().minus(subtotal.inclVat()));
        ledger.taxOfAdjustment(adjustment.inclVat().minus(adjustment.exclVat()));
        return new CostBreakdown(
                ledger.cost(Bucket.FIXED),
                ledger.cost(Bucket.ENERGY),
                ledger.cost(Bucket.TIME),
                ledger.cost(Bucket.PARKING),
                ledger.cost(Bucket.RESERVATION),
                adjustment,
                total,
                total.roundedToMinorUnits(),
                volumes(input, periods),
                applied,
                ledger.taxes(),
                ledger.taxBasis());
    }

    private static Map<TariffDimensionType, Integer> priceSessionPeriod(
            ChargingPeriod period, PeriodState state, ElementSelector selector, Ledger ledger) {
        Map<TariffDimensionType, Integer> used = new EnumMap<>(TariffDimensionType.class);
        selector.select(TariffDimensionType.FLAT, state).ifPresent(flat -> {
            used.put(TariffDimensionType.FLAT, flat.elementIndex());
            ledger.chargeFlatOnce(PricingPhase.SESSION, isParkingFee(flat.element()) ? Bucket.PARKING : Bucket.FIXED,
                    flat.component());
        });
        priceVolume(period, state, selector, ledger, used, TariffDimensionType.ENERGY, CdrDimensionType.ENERGY, Bucket.ENERGY);
        priceVolume(period, state, selector, ledger, used, TariffDimensionType.TIME, CdrDimensionType.TIME, Bucket.TIME);
        priceVolume(period, state, selector, ledger, used, TariffDimensionType.PARKING_TIME, CdrDimensionType.PARKING_TIME,
                Bucket.PARKING);
        return used;
    }

    // OCPI 2.2.1 §mod_tariffs "reservation": only FLAT and TIME are allowed; TIME prices the reservation duration.
    private static Map<TariffDimensionType, Integer> priceReservationPeriod(
            ChargingPeriod period, PeriodState state, ElementSelector selector, Ledger ledger) {
        Map<TariffDimensionType, Integer> used = new EnumMap<>(TariffDimensionType.class);
        selector.select(TariffDimensionType.FLAT, state).ifPresent(flat -> {
            used.put(TariffDimensionType.FLAT, flat.elementIndex());
            ledger.chargeFlatOnce(PricingPhase.RESERVATION, Bucket.RESERVATION, flat.component());
        });
        priceVolume(period, state, selector, ledger, used, TariffDimensionType.TIME, CdrDimensionType.RESERVATION_TIME,
                Bucket.RESERVATION);
        return used;
    }

    private static void priceVolume(ChargingPeriod period, PeriodState state, ElementSelector selector, Ledger ledger,
                                    Map<TariffDimensionType, Integer> used, TariffDimensionType dimension,
                                    CdrDimensionType measured, Bucket bucket) {
        Optional<ElementSelector.Selected> selected = selector.select(dimension, state);
        selected.ifPresent(s -> {
            used.put(dimension, s.elementIndex());
            ledger.chargeVolume(bucket, measured, s.component(), volume(period, measured));
        });
    }

    /**
     * A FLAT is a fixed parking fee (CDR {@code total_parking_cost}) when its element prices parking and nothing that
     * is charging; otherwise it is the session's fixed fee (CDR {@code total_fixed_cost}). ADR 0004, D3.
     */
    private static boolean isParkingFee(TariffElement element) {
        boolean parking = element.priceComponents().stream().anyMatch(c -> c.type() == TariffDimensionType.PARKING_TIME);
        boolean charging = element.priceComponents().stream()
                .anyMatch(c -> c.type() == TariffDimensionType.ENERGY || c.type() == TariffDimensionType.TIME);
        return parking && !charging;
    }

    private static boolean isReservation(ChargingPeriod period) {
        return period.dimensions().stream().anyMatch(d -> d.type() == CdrDimensionType.RESERVATION_TIME);
    }

    private static void requireValid(ChargingPeriod period) {
        for (CdrDimension dimension : period.dimensions()) {
            boolean billable = switch (dimension.type()) {
                case ENERGY, TIME, PARKING_TIME, RESERVATION_TIME -> true;
                default -> false;
            };
            if (billable && dimension.volume().signum() < 0) {
                throw new IllegalArgumentException("negative " + dimension.type() + " volume " + dimension.volume()
                        + " in the period starting " + period.startDateTime() + " (energy export is not rated)");
            }
        }
        boolean mixed = isReservation(period) && period.dimensions().stream().anyMatch(d -> d.volume().signum() > 0
                && (d.type() == CdrDimensionType.ENERGY || d.type() == CdrDimensionType.TIME
                || d.type() == CdrDimensionType.PARKING_TIME));
        if (mixed) {
            // OCPI 2.2.1 §mod_cdrs "ChargingPeriod": reservation -> charging must start a new period.
            throw new IllegalArgumentException("the period starting " + period.startDateTime()
                    + " mixes reservation time with charging or parking");
        }
    }

    private static BigDecimal volume(ChargingPeriod period, CdrDimensionType type) {
        return period.dimensions().stream()
                .filter(d -> d.type() == type)
                .map(CdrDimension::volume)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static BigDecimal measurement(ChargingPeriod period, CdrDimensionType type, CdrDimensionType fallback) {
        return period.dimensions().stream().filter(d -> d.type() == type).map(CdrDimension::volume).findFirst()
                .or(() -> period.dimensions().stream().filter(d -> d.type() == fallback).map(CdrDimension::volume)
                        .findFirst())
                .orElse(null);
    }

    private static BigDecimal seconds(Duration duration) {
        return BigDecimal.valueOf(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9));
    }

    private static CostBreakdown.SessionVolumes volumes(RatingInput input, List<ChargingPeriod> periods) {
        return new CostBreakdown.SessionVolumes(
                sum(periods, CdrDimensionType.ENERGY),
                Quantities.secondsToHours(seconds(Duration.between(input.sessionStart(), input.sessionEnd())),
                        RoundingMode.HALF_UP),
                sum(periods, CdrDimensionType.TIME),
                sum(periods, CdrDimensionType.PARKING_TIME),
                sum(periods, CdrDimensionType.RESERVATION_TIME));
    }

    private static BigDecimal sum(List<ChargingPeriod> periods, CdrDimensionType type) {
        return periods.stream().map(p -> volume(p, type)).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** The CDR total a cost is reported in (OCPI 2.2.1 §mod_cdrs "CDR object", total_*_cost). */
    private enum Bucket {
        FIXED, ENERGY, TIME, PARKING, RESERVATION
    }

    /** Running costs of one session, plus what the step_size rounding needs to know at its end. */
    private static final class Ledger {

        private final String currency;
        private final TaxIncluded taxIncluded;
        private final Map<Bucket, Cost> costs = new EnumMap<>(Bucket.class);
        /** Exact tax per vat percentage, compared by value ({@code 5} and {@code 5.0} are one rate). */
        private final TreeMap<BigDecimal, Money> taxByRate = new TreeMap<>();
        /** Tax the price bounds moved that no single rate explains (several rates, or none). */
        private Money unattributedTax;
        private CostBreakdown.TaxBasis taxBasis = CostBreakdown.TaxBasis.COMPLETE;
        private final Map<PricingPhase, Boolean> flatCharged = new EnumMap<>(PricingPhase.class);
        private final StepTracker energy = new StepTracker(StepTracker.Unit.KWH);
        private final StepTracker chargingAndParkingTime = new StepTracker(StepTracker.Unit.HOURS);
        private final StepTracker reservationTime = new StepTracker(StepTracker.Unit.HOURS);

        Ledger(String currency, TaxIncluded taxIncluded) {
            this.currency = currency;
            this.taxIncluded = taxIncluded;
            for (Bucket bucket : Bucket.values()) {
                costs.put(bucket, Cost.zero(currency));
            }
        }

        /**
         * OCPI 2.2.1 leaves FLAT re-activation open; a FLAT is charged once per phase, the first time a FLAT component
         * is active (ADR 0004, D2). An expired reservation shares the reservation's single FLAT.
         */
        void chargeFlatOnce(PricingPhase phase, Bucket bucket, PriceComponent flat) {
            PricingPhase key = phase == PricingPhase.EXPIRED_RESERVATION ? PricingPhase.RESERVATION : phase;
            if (!flatCharged.getOrDefault(key, false)) {
                flatCharged.put(key, true);
                add(bucket, flat.price(), flat.vat());
            }
        }

        void chargeVolume(Bucket bucket, CdrDimensionType measured, PriceComponent component, BigDecimal volume) {
            add(bucket, volume.multiply(component.price()), component.vat());
            StepTracker tracker = switch (measured) {
                case ENERGY -> energy;
                case RESERVATION_TIME -> reservationTime;
                default -> chargingAndParkingTime;
            };
            tracker.record(measured, bucket, component, volume);
        }

        // OCPI 2.2.1 §mod_cdrs "step_size": once per session for ENERGY, once for TIME and PARKING_TIME together.
        void applyStepSizes() {
            for (StepTracker tracker : List.of(energy, chargingAndParkingTime, reservationTime)) {
                tracker.excess().ifPresent(excess ->
                        add(excess.bucket(), excess.volume().multiply(excess.component().price()), excess.component().vat()));
            }
        }

        Cost cost(Bucket bucket) {
            return costs.get(bucket);
        }

        Cost subtotal() {
            return costs.values().stream().reduce(Cost.zero(currency), Cost::plus);
        }

        /**
         * Adds the cost of {@code price} (a component's price times its volume) under the tariff's
         * {@code tax_included}: before taxes for a 2.2.1 tariff and NO, after taxes for YES, untaxed for N/A
         * (docs/adr/0026-taxes-in-rating.md).
         */
        private void add(Bucket bucket, BigDecimal price, BigDecimal vatPercent) {
            Cost cost;
            if (taxIncluded == TaxIncluded.NOT_APPLICABLE) {
                cost = new Cost(Money.of(price, currency), Money.of(price, currency));
            } else if (taxIncluded == TaxIncluded.YES) {
                cost = vatPercent == null
                        ? new Cost(Money.of(price, currency), Money.of(price, currency))
                        : Cost.withVatIncluded(price, vatPercent, currency);
                if (vatPercent == null && price.signum() != 0) {
                    taxBasis = CostBreakdown.TaxBasis.AFTER_TAXES_ONLY;
                }
            } else {
                cost = Cost.withVat(price, vatPercent, currency);
                if (vatPercent == null && price.signum() != 0 && taxIncluded == TaxIncluded.NO) {
                    taxBasis = CostBreakdown.TaxBasis.BEFORE_TAXES_ONLY;
                }
            }
            if (vatPercent != null && taxIncluded != TaxIncluded.NOT_APPLICABLE) {
                taxByRate.merge(vatPercent, cost.inclVat().minus(cost.exclVat()), Money::plus);
            }
            costs.merge(bucket, cost, Cost::plus);
        }

        /**
         * The tax min_price or max_price added or removed: it belongs to the one rate when there is one; with
         * several rates (or none) it cannot be split honestly and stays a line without a percentage.
         */
        void taxOfAdjustment(Money tax) {
            if (tax.isZero()) {
                return;
            }
            if (taxByRate.size() == 1) {
                taxByRate.merge(taxByRate.firstKey(), tax, Money::plus);
            } else {
                unattributedTax = tax;
            }
        }

        List<TaxLine> taxes() {
            List<TaxLine> lines = new ArrayList<>();
            if (unattributedTax != null) {
                lines.add(new TaxLine(TaxLine.VAT, null, unattributedTax));
            }
            taxByRate.forEach((rate, amount) -> lines.add(new TaxLine(TaxLine.VAT, rate, amount)));
            return lines;
        }

        CostBreakdown.TaxBasis taxBasis() {
            return taxBasis;
        }
    }

    /**
     * Remembers the volume billed at a positive price per dimension and the last component that billed any, so the
     * session total of that dimension can be rounded up to that component's step_size and the excess billed at its
     * price (OCPI 2.2.1 §mod_cdrs "step_size"; ADR 0004, D5).
     */
    private static final class StepTracker {

        enum Unit { KWH, HOURS }

        private final Unit unit;
        private final Map<CdrDimensionType, BigDecimal> paidVolume = new EnumMap<>(CdrDimensionType.class);
        private Last last;

        StepTracker(Unit unit) {
            this.unit = unit;
        }

        void record(CdrDimensionType dimension, Bucket bucket, PriceComponent component, BigDecimal volume) {
            if (volume.signum() > 0 && component.price().signum() > 0) {
                paidVolume.merge(dimension, volume, BigDecimal::add);
                last = new Last(dimension, bucket, component);
            }
        }

        Optional<Excess> excess() {
            if (last == null || last.component().stepSize() == null || last.component().stepSize() <= 0) {
                return Optional.empty();
            }
            BigDecimal billed = paidVolume.get(last.dimension());
            int step = last.component().stepSize();
            BigDecimal rounded = switch (unit) {
                case KWH -> Quantities.whToKwh(Quantities.roundUpToStep(Quantities.kwhToWh(billed), step));
                case HOURS -> Quantities.secondsToHours(
                        Quantities.roundUpToStep(Quantities.hoursToSeconds(billed), step), RoundingMode.CEILING);
            };
            BigDecimal extra = rounded.subtract(billed);
            return extra.signum() > 0 ? Optional.of(new Excess(last.bucket(), last.component(), extra)) : Optional.empty();
        }

        private record Last(CdrDimensionType dimension, Bucket bucket, PriceComponent component) {
        }
    }

    private record Excess(Bucket bucket, PriceComponent component, BigDecimal volume) {
    }

    /**
     * OCPI 2.2.1 §mod_tariffs "min_price"/"max_price": the total excluding VAT and the total including VAT are each
     * kept within their bound; a bound without {@code incl_vat} moves the incl-VAT total by the same amount as the
     * excl-VAT total (ADR 0004, D4).
     */
    private static final class PriceBounds {

        private PriceBounds() {
        }

        static Cost apply(Cost subtotal, Price min, Price max, String currency) {
            BigDecimal excl = subtotal.exclVat().amount();
            BigDecimal incl = subtotal.inclVat().amount();
            if (min != null) {
                BigDecimal bounded = excl.max(min.exclVat());
                incl = min.inclVat() != null ? incl.max(min.inclVat()) : incl.add(bounded.subtract(excl));
                excl = bounded;
            }
            if (max != null) {
                BigDecimal bounded = excl.min(max.exclVat());
                incl = max.inclVat() != null ? incl.min(max.inclVat()) : incl.add(bounded.subtract(excl));
                excl = bounded;
            }
            return new Cost(Money.of(excl, currency), Money.of(incl, currency));
        }
    }
}
