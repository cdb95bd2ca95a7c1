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
 * Amounts: the eMSP pays the hub's total including taxes: the total before taxes rounded once to minor units plus
 * the tax lines (one "VAT" line per rate of the tariff, or the CPO's own lines of an OCPI 2.3.0 CDR,
 * docs/adr/0026-taxes-in-rating.md); the hub's fee is the
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
     * terms applied in full. {@code total} is the rating's total cost in minor units and {@code taxes} its tax lines,
     * rounded, ordered by {@link TaxLine#ORDER}, with {@code total.inclVat = total.exclVat + Σ taxes} exactly; both
     * null when the hub could not price the CDR. {@code details} may hold warnings on a rated CDR too.
     */
    public record Priced(List<Reason> reasons, List<String> details, CostBreakdown breakdown, Money hubFee,
                         Money emspPayable, Money cpoReceivable, HubFeeNote hubFeeNote, Cost total,
                         List<TaxLine> taxes) {

        public Priced {
            reasons = List.copyOf(reasons);
            details = List.copyOf(details);
            taxes = taxes == null ? null : List.copyOf(taxes);
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
        return price(cdr, null, tariff, null, zone, fee);
    }

    /**
     * Rates a CDR that may come from either OCPI version with a tariff of either version
     * (docs/adr/0026-taxes-in-rating.md).
     *
     * @param cpoTaxes    the tax lines of the CDR's {@code total_cost} when the CDR is OCPI 2.3.0 and carries some; null
     *                    otherwise. When given they are the rating's lines (clearing uses the CPO's breakdown)
     * @param taxIncluded the tariff's {@code tax_included}; null for an OCPI 2.2.1 tariff
     */
    public Priced price(CDR cdr, List<TaxLine> cpoTaxes, Tariff tariff, TaxIncluded taxIncluded, ZoneId zone,
                        Fee fee) {
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
            breakdown = engine.rate(RatingInput.of(cdr, tariff, taxIncluded, zone == null ? ZoneOffset.UTC : zone));
            if (taxIncluded == null) {
                compare(cdr.totalCost(), breakdown.roundedTotal(), reasons, details);
            } else {
                compareTaxed(cdr.totalCost(), breakdown, reasons, details);
            }
        }
        Taxed taxed = breakdown == null ? null : taxed(breakdown, cpoTaxes, cdr.currency());
        if (taxed != null && breakdown.taxBasis() == CostBreakdown.TaxBasis.AFTER_TAXES_ONLY) {
            details.add("tariff " + tariff.id() + " includes taxes (tax_included YES) but states no vat for a component"
                    + " that priced this CDR, so the hub cannot split its price into before and after taxes: "
                    + (cpoTaxes == null
                    ? "the after-tax total " + taxed.total().inclVat().amount().toPlainString()
                    + " is recorded as the total before taxes too, with no tax line"
                    : "the total before taxes is the hub's after-tax total less the CPO's taxes"));
        }
        details.addAll(TaxWarnings.of(cdr, cpoTaxes, costTolerance));
        if (fee == null) {
            flag(reasons, details, Reason.NO_AGREEMENT, "no agreement between " + cdr.countryCode() + "*"
                    + cdr.partyId() + " and " + cdr.cdrToken().countryCode() + "*" + cdr.cdrToken().partyId()
                    + " was in effect at " + cdr.startDateTime() + ", and the standard terms require one");
        }
        if (breakdown == null || fee == null) {
            return new Priced(reasons, details, breakdown, null, null, null, null,
                    taxed == null ? null : taxed.total(), taxed == null ? null : taxed.taxes());
        }
        Money payable = taxed.total().inclVat();
        Money hubFee = fee(fee, taxed.exactBeforeTaxes());
        return new Priced(reasons, details, breakdown, hubFee, payable, payable.minus(hubFee),
                fee.noteFor(cdr.currency()), taxed.total(), taxed.taxes());
    }

    /** The rating's total: before taxes exact (the fee's base) and rounded, the tax lines, and after taxes. */
    private record Taxed(Money exactBeforeTaxes, Cost total, List<TaxLine> taxes) {
    }

    /**
     * The CPO's lines when a 2.3.0 CDR carries some (brief L1: clearing uses the original breakdown), else the
     * engine's lines per rate, rounded so that they add up to exactly rounded incl − rounded excl (the largest line
     * takes the cents the rounding of each line left over); then incl = before taxes + Σ taxes, always. When the
     * tariff gave only the after-tax total and the CPO's lines are kept, before taxes is that total less them.
     */
    private static Taxed taxed(CostBreakdown breakdown, List<TaxLine> cpoTaxes, String currency) {
        Money exactBefore = breakdown.total().exclVat();
        List<TaxLine> lines;
        if (cpoTaxes != null) {
            lines = cpoTaxes.stream().map(TaxLine::rounded).toList();
            if (breakdown.taxBasis() == CostBreakdown.TaxBasis.AFTER_TAXES_ONLY) {
                exactBefore = breakdown.total().inclVat().minus(sum(lines, currency));
            }
        } else {
            Money target = breakdown.roundedTotal().inclVat().minus(breakdown.roundedTotal().exclVat());
            lines = allocate(breakdown.taxes(), target, currency);
        }
        Money before = exactBefore.roundedToMinorUnits();
        List<TaxLine> ordered = lines.stream().sorted(TaxLine.ORDER).toList();
        return new Taxed(exactBefore, new Cost(before, before.plus(sum(ordered, currency))), ordered);
    }

    private static List<TaxLine> allocate(List<TaxLine> exact, Money target, String currency) {
        List<TaxLine> lines = new ArrayList<>(exact.stream().map(TaxLine::rounded).toList());
        Money rest = target.minus(sum(lines, currency));
        if (rest.isZero()) {
            return lines;
        }
        if (lines.isEmpty()) {
            lines.add(new TaxLine(TaxLine.VAT, null, rest));
            return lines;
        }
        int largest = 0;
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).amount().amount().abs().compareTo(lines.get(largest).amount().amount().abs()) > 0) {
                largest = i;
            }
        }
        lines.set(largest, lines.get(largest).plus(rest));
        return lines;
    }

    private static Money sum(List<TaxLine> lines, String currency) {
        return lines.stream().map(TaxLine::amount).reduce(Money.zero(currency), Money::plus);
    }

    /**
     * An operator accepted the CPO's total as it is: the eMSP pays the CPO's total including VAT (excluding, when
     * the CDR gives none), the fee applies to the CPO's total excluding VAT.
     */
    public Priced accept(CDR cdr, Fee fee) {
        return accept(cdr, null, fee);
    }

    /**
     * The same for a CDR of either version; the tax lines are the CPO's ({@code cpoTaxes} of a 2.3.0 CDR, else one
     * "VAT" line of incl − excl, none when that is zero), each rounded to minor units.
     */
    public Priced accept(CDR cdr, List<TaxLine> cpoTaxes, Fee fee) {
        Objects.requireNonNull(fee, "fee");
        String currency = cdr.currency();
        Price claimed = cdr.totalCost();
        Money payable = Money.of(claimed.inclVat() != null ? claimed.inclVat() : claimed.exclVat(), currency)
                .roundedToMinorUnits();
        Money hubFee = fee(fee, Money.of(claimed.exclVat(), currency));
        List<TaxLine> taxes;
        if (cpoTaxes != null) {
            taxes = cpoTaxes.stream().map(TaxLine::rounded).sorted(TaxLine.ORDER).toList();
        } else {
            Money vat = claimed.inclVat() == null ? Money.zero(currency)
                    : Money.of(claimed.inclVat().subtract(claimed.exclVat()), currency).roundedToMinorUnits();
            taxes = vat.isZero() ? List.of() : List.of(new TaxLine(TaxLine.VAT, null, vat));
        }
        Cost total = new Cost(Money.of(claimed.exclVat(), currency).roundedToMinorUnits(), payable);
        return new Priced(List.of(), List.of(), null, hubFee, payable, payable.minus(hubFee), fee.noteFor(currency),
                total, taxes);
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

    /**
     * The tolerance check for a 2.3.0 tariff: the CPO's total before taxes against the hub's when the tariff lets the
     * hub know it, and the CPO's after-tax total (before taxes + Σ taxes; before taxes alone when it states none)
     * against the hub's when the tariff lets the hub know that (OCPI 2.3.0 brief §4).
     */
    private void compareTaxed(Price claimed, CostBreakdown breakdown, List<Reason> reasons, List<String> details) {
        Cost rated = breakdown.roundedTotal();
        boolean beforeKnown = breakdown.taxBasis() != CostBreakdown.TaxBasis.AFTER_TAXES_ONLY;
        boolean afterKnown = breakdown.taxBasis() != CostBreakdown.TaxBasis.BEFORE_TAXES_ONLY;
        BigDecimal claimedAfter = claimed.inclVat() != null ? claimed.inclVat() : claimed.exclVat();
        boolean beforeOff = beforeKnown
                && claimed.exclVat().subtract(rated.exclVat().amount()).abs().compareTo(costTolerance) > 0;
        boolean afterOff = afterKnown
                && claimedAfter.subtract(rated.inclVat().amount()).abs().compareTo(costTolerance) > 0;
        if (beforeOff || afterOff) {
            flag(reasons, details, Reason.COST_MISMATCH, "the CPO's total_cost is "
                    + claimed.exclVat().toPlainString() + " before / " + claimedAfter.toPlainString()
                    + " after taxes; the hub rates " + (beforeKnown ? rated.exclVat().amount().toPlainString() : "-")
                    + " / " + (afterKnown ? rated.inclVat().amount().toPlainString() : "-")
                    + " (tolerance " + costTolerance.toPlainString() + ")");
        }
    }

    private static void flag(List<Reason> reasons, List<String> details, Reason reason, String detail) {
        if (!reasons.contains(reason)) {
            reasons.add(reason);
            details.add(detail);
        }
    }
}
