package io.chargeclear.rating.domain;

import io.chargeclear.model.ocpi.tariffs.TariffDimensionType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The priced session: exact subtotals in the buckets of the OCPI CDR ({@code total_fixed_cost},
 * {@code total_energy_cost}, {@code total_time_cost}, {@code total_parking_cost}, {@code total_reservation_cost}),
 * the min/max price adjustment, the exact total and the total rounded once to the currency's minor units.
 * <p>
 * OCPI 2.2.1 §mod_cdrs "CDR object". The subtotals are before {@code min_price}/{@code max_price}; the adjustment
 * that brings the total within those bounds is shown separately (docs/adr/0004-tariff-engine-decisions.md, D4), so
 * {@code total = fixed + energy + time + parking + reservation + priceBoundAdjustment}.
 *
 * @param fixed                FLAT costs except the fixed parts of parking and reservation
 * @param energy               ENERGY costs, including the step_size excess
 * @param time                 TIME (charging time) costs, including the step_size excess
 * @param parking              PARKING_TIME costs and fixed parking fees, including the step_size excess
 * @param reservation          reservation TIME and FLAT costs
 * @param priceBoundAdjustment what min_price added (positive) or max_price removed (negative)
 * @param total                the exact total session cost
 * @param roundedTotal         {@code total} rounded once, HALF_UP, to the currency's minor units
 * @param volumes              the measured quantities of the session
 * @param appliedElements      per charging period (in time order), the index in {@code Tariff.elements} of the
 *                             element whose component priced each dimension
 * @param taxes                the exact tax in {@code total} per rate, one "VAT" line per distinct {@code vat}
 *                             percentage of the components that priced something (docs/adr/0026-taxes-in-rating.md)
 * @param taxBasis             which side of the taxes the tariff let the engine know
 */
public record CostBreakdown(
        Cost fixed,
        Cost energy,
        Cost time,
        Cost parking,
        Cost reservation,
        Cost priceBoundAdjustment,
        Cost total,
        Cost roundedTotal,
        SessionVolumes volumes,
        List<AppliedElements> appliedElements,
        List<TaxLine> taxes,
        TaxBasis taxBasis) {

    public CostBreakdown {
        Objects.requireNonNull(fixed, "fixed");
        Objects.requireNonNull(energy, "energy");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(parking, "parking");
        Objects.requireNonNull(reservation, "reservation");
        Objects.requireNonNull(priceBoundAdjustment, "priceBoundAdjustment");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(roundedTotal, "roundedTotal");
        Objects.requireNonNull(volumes, "volumes");
        appliedElements = List.copyOf(appliedElements);
        taxes = List.copyOf(taxes);
        Objects.requireNonNull(taxBasis, "taxBasis");
    }

    /** A breakdown without taxes known per rate, as before tariffs carried {@code tax_included}. */
    public CostBreakdown(Cost fixed, Cost energy, Cost time, Cost parking, Cost reservation, Cost priceBoundAdjustment,
                         Cost total, Cost roundedTotal, SessionVolumes volumes, List<AppliedElements> appliedElements) {
        this(fixed, energy, time, parking, reservation, priceBoundAdjustment, total, roundedTotal, volumes,
                appliedElements, List.of(), TaxBasis.COMPLETE);
    }

    /**
     * What the tariff told the engine about taxes. OCPI 2.3.0 lets a tariff leave a component's {@code vat} out: with
     * {@code tax_included} NO its price is still before taxes but the after-tax amount is the CDR's to say; with YES
     * its price is after taxes and the split is unknown.
     */
    public enum TaxBasis {
        /** Before and after taxes are both known (every 2.2.1 tariff, N/A, every priced component with a vat). */
        COMPLETE,
        /** A NO component without vat priced something: {@code total.inclVat} lacks its taxes. */
        BEFORE_TAXES_ONLY,
        /** A YES component without vat priced something: {@code total.exclVat} still holds its taxes. */
        AFTER_TAXES_ONLY
    }

    /** The sum of the five subtotals, before min_price / max_price. */
    public Cost subtotalSum() {
        return fixed.plus(energy).plus(time).plus(parking).plus(reservation);
    }

    /**
     * The quantities of the session, as the CDR reports them (OCPI 2.2.1 §mod_cdrs "total_energy", "total_time",
     * "total_parking_time"), before any step_size rounding.
     *
     * @param totalEnergyKwh       sum of the ENERGY volumes
     * @param totalTimeHours       end minus start of the CDR, charging and not charging
     * @param chargingTimeHours    sum of the TIME volumes
     * @param parkingTimeHours     sum of the PARKING_TIME volumes
     * @param reservationTimeHours sum of the RESERVATION_TIME volumes
     */
    public record SessionVolumes(
            BigDecimal totalEnergyKwh,
            BigDecimal totalTimeHours,
            BigDecimal chargingTimeHours,
            BigDecimal parkingTimeHours,
            BigDecimal reservationTimeHours) {
    }

    /**
     * Which tariff element priced which dimension in one charging period; a dimension is absent when no element
     * matched it, so that dimension cost nothing in the period (OCPI 2.2.1 §mod_tariffs "TariffElement").
     */
    public record AppliedElements(Instant periodStart, Map<TariffDimensionType, Integer> elementIndexByDimension) {

        public AppliedElements {
            Objects.requireNonNull(periodStart, "periodStart");
            elementIndexByDimension = Map.copyOf(elementIndexByDimension);
        }
    }
}
