package io.chargeclear.rating.domain;

import io.chargeclear.model.event.CdrFlagged.Reason;
import io.chargeclear.model.event.CdrRated.HubFeeNote;
import io.chargeclear.model.money.Money;
import io.chargeclear.model.ocpi.Price;
import io.chargeclear.model.ocpi.cdrs.CDR;
import io.chargeclear.model.ocpi.cdrs.CdrDimensionType;
import io.chargeclear.model.ocpi.tariffs.Tariff;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Re-rates one CDR the way the clearing house settles it (docs/adr/0009-cdr-rating-and-agreement-pricing.md): the
 * {@link TariffEngine} prices the CDR's periods with the tariff in effect at session start, in the location's time
 * zone; the result is compared with the CPO's {@code total_cost}; the agreement's fee is applied. Everything that
 * keeps the CDR from standing is collected as a {@link Reason} with a sentence, not thrown: the caller flags it.
 * <p>
 * Amounts: the eMSP pays the hub's total including VAT, rounded once to minor units; the hub's fee is the
 * agreement's percentage of the exact total excluding VAT plus its per-session amount in the CDR's currency, rounded
 * once; the CPO receives the difference, so payable = receivable + fee to the cent. When the terms have per-session
 * amounts but none in the CDR's currency, the percentage alone applies and the result carries a
 * {@link HubFeeNote}: the hub's own fee never keeps the partners' money from settling, and no rate nobody agreed to
 * converts it (docs/adr/0027-hub-fee-in-every-currency.md).
 */
public final class CdrPricer {

    /** Tolerance on {@code total_energy} against the sum of the ENERGY periods. */
    private static final BigDecimal ENERGY_TOLERANCE_KWH = new BigDecimal("0.001");
    private static final BigDecimal ONE_HUNDRED = BigDecimal.valueOf(100);

    private final TariffEngine engine = new TariffEngine();
    private final BigDecimal costTolerance;

    /** @param costTolerance how far (in currency units) the CPO's total may differ from the hub's */
    public CdrPricer(BigDecimal costTolerance) {
        this.costTolerance = Objects.requireNonNull(costTolerance, "costTolerance");
    }

    /**
     * The fee terms in effect between the CDR's CPO and eMSP.
     *
     * @param agreementId the agreement; null for the hub's standard terms
     * @param percent     percentage of the total excluding VAT; null for none
     * @param perSession  fixed amounts per CDR, at most one per currency; empty (or null) for none
     */
    public record Fee(String agreementId, BigDecimal percent, List<Money> perSession) {

        public Fee {
            perSession = perSession == null ? List.of() : List.copyOf(perSession);
        }

        /** The fixed amount a CDR in {@code currency} pays, if the terms have one in it. */
        public Optional<Money> perSessionIn(String currency) {
            return perSession.stream().filter(m -> m.currency().getCurrencyCode().equals(currency)).findFirst();
        }

        /** What to say about the fee of a CDR in {@code currency}: null when the terms apply in full. */
        HubFeeNote noteFor(String currency) {
            return !perSession.isEmpty() && perSessionIn(currency).isEmpty()
                    ? HubFeeNote.NO_PER_SESSION_FEE_IN_CURRENCY : null;
        }
    }

    /**
     * The outcome: rated when {@code reasons} is empty. The amounts are set whenever the hub could price the CDR and
     * knows the fee, also when it is flagged (for the operator to see); {@code hubFeeNote} with them, null when the fee
     * terms applied in full.
     */
    public record Priced(List<Reason> reasons, List<String> details, CostBreakdown breakdown, Money hubFee,
                         Money emspPayable, Money cpoReceivable, HubFeeNote hubFeeNote) {

        public Priced {
            reasons = List.copyOf(reasons);
            details = List.copyOf(details);
        }

        public boolean rated() {
            return reasons.isEmpty();
        }
    }

    /**
     * @param tariff the tariff version in effect at session start; null when unknown
     * @param zone   the location's time zone; null when the location is unknown (priced in UTC, and flagged)
     * @param fee    the fee terms; null when no agreement or open-market terms apply
     */
    public Priced price(CDR cdr, Tariff tariff, ZoneId zone, Fee fee) {
        List<Reason> reasons = new ArrayList<>();
        List<String> details = new ArrayList<>();
        if (cdr.chargingPeriods() == null || cdr.chargingPeriods().isEmpty()) {
            flag(reasons, details, Reason.MISSING_PERIODS, "the CDR has no charging periods to rate");
        } else {
            BigDecimal measured = cdr.chargingPeriods().stream()
                    .flatMap(p -> p.dimensions().stream())
                    .filter(d -> d.type() == CdrDimensionType.ENERGY)
                    .map(d -> d.volume())
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            if (measured.subtract(cdr.totalEnergy()).abs().compareTo(ENERGY_TOLERANCE_KWH) > 0) {
                flag(reasons, details, Reason.ENERGY_MISMATCH, "total_energy is " + cdr.totalEnergy().toPlainString()
                        + " kWh but the ENERGY periods add up to " + measured.toPlainString() + " kWh");
            }
        }
        if (zone == null) {
            flag(reasons, details, Reason.UNKNOWN_LOCATION, "location " + cdr.cdrLocation().id()
                    + " is unknown to the hub, so is its time zone for the tariff's restrictions");
        }
        CostBreakdown breakdown = null;
        if (tariff == null) {
            flag(reasons, details, Reason.UNKNOWN_TARIFF, "no tariff of " + cdr.countryCode() + "*" + cdr.partyId()
                    + " in effect at " + cdr.startDateTime() + " is known to the hub");
        } else if (!tariff.currency().equals(cdr.currency())) {
            flag(reasons, details, Reason.CURRENCY_MISMATCH, "tariff " + tariff.id() + " is in " + tariff.currency()
                    + ", the CDR in " + cdr.currency());
        } else if (!reasons.contains(Reason.MISSING_PERIODS)) {
            breakdown = engine.rate(RatingInput.of(cdr, tariff, zone == null ? ZoneOffset.UTC : zone));
            compare(cdr.totalCost(), breakdown.roundedTotal(), reasons, details);
        }
        if (fee == null) {
            flag(reasons, details, Reason.NO_AGREEMENT, "no agreement between " + cdr.countryCode() + "*"
                    + cdr.partyId() + " and " + cdr.cdrToken().countryCode() + "*" + cdr.cdrToken().partyId()
                    + " was in effect at " + cdr.startDateTime() + ", and the standard terms require one");
        }
        if (breakdown == null || fee == null) {
            return new Priced(reasons, details, breakdown, null, null, null, null);
        }
        Money payable = breakdown.roundedTotal().inclVat();
        Money hubFee = fee(fee, breakdown.total().exclVat());
        return new Priced(reasons, details, breakdown, hubFee, payable, payable.minus(hubFee),
                fee.noteFor(cdr.currency()));
    }

    /**
     * An operator accepted the CPO's total as it is: the eMSP pays the CPO's total including VAT (excluding, when
     * the CDR gives none), the fee applies to the CPO's total excluding VAT.
     */
    public Priced accept(CDR cdr, Fee fee) {
        Objects.requireNonNull(fee, "fee");
        String currency = cdr.currency();
        Price claimed = cdr.totalCost();
        Money payable = Money.of(claimed.inclVat() != null ? claimed.inclVat() : claimed.exclVat(), currency)
                .roundedToMinorUnits();
        Money hubFee = fee(fee, Money.of(claimed.exclVat(), currency));
        return new Priced(List.of(), List.of(), null, hubFee, payable, payable.minus(hubFee), fee.noteFor(currency));
    }

    /**
     * percent% of {@code base} plus the per-session amount in {@code base}'s currency (none when the terms have none
     * in it), rounded once to minor units, HALF_UP.
     */
    static Money fee(Fee fee, Money base) {
        String currency = base.currency().getCurrencyCode();
        Money total = Money.zero(currency);
        if (fee.percent() != null) {
            total = total.plus(base.times(fee.percent().divide(ONE_HUNDRED)));
        }
        Optional<Money> perSession = fee.perSessionIn(currency);
        if (perSession.isPresent()) {
            total = total.plus(perSession.get());
        }
        return total.roundedToMinorUnits();
    }

    private void compare(Price claimed, Cost rated, List<Reason> reasons, List<String> details) {
        BigDecimal exclDiff = claimed.exclVat().subtract(rated.exclVat().amount()).abs();
        boolean inclOff = claimed.inclVat() != null
                && claimed.inclVat().subtract(rated.inclVat().amount()).abs().compareTo(costTolerance) > 0;
        if (exclDiff.compareTo(costTolerance) > 0 || inclOff) {
            flag(reasons, details, Reason.COST_MISMATCH, "the CPO's total_cost is " + claimed.exclVat().toPlainString()
                    + " excl. / " + (claimed.inclVat() == null ? "-" : claimed.inclVat().toPlainString())
                    + " incl. VAT; the hub rates " + rated.exclVat().amount().toPlainString() + " / "
                    + rated.inclVat().amount().toPlainString() + " (tolerance " + costTolerance.toPlainString() + ")");
        }
    }

    private static void flag(List<Reason> reasons, List<String> details, Reason reason, String detail) {
        if (!reasons.contains(reason)) {
            reasons.add(reason);
            details.add(detail);
        }
    }
}
