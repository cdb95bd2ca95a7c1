package io.chargeclear.settlement.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The tax lines of rated CDRs as settlement keeps and reports them (docs/adr/0028-tax-lines-in-settlement.md).
 * A rating's lines are kept as they came, one per tax (GST and QST stay two lines); a statement sums them per tax
 * name and percentage, exactly, and rounds each sum once, HALF_UP, to the currency's minor units. Nothing here
 * ever merges two names into one "VAT", and nothing adds amounts of two currencies: a statement has one currency.
 */
public final class Taxes {

    /** The name a rating written before tax lines existed stands for: its whole {@code incl_vat - excl_vat}. */
    public static final String VAT = "VAT";

    /** Statement lines: by name, then percentage, the line without a percentage before the others. */
    private static final Comparator<Key> ORDER = Comparator.comparing(Key::name)
            .thenComparing(Key::percentage, Comparator.nullsFirst(Comparator.naturalOrder()));

    private Taxes() {
    }

    /**
     * One tax of one rated CDR (or of its reversal, negated), as the rating gave it.
     *
     * @param name       the tax's name, never blank
     * @param percentage its rate in percent, null when unknown
     * @param amount     the amount in the CDR's currency, exact as given (signed like the CDR's amounts)
     */
    public record Line(String name, BigDecimal percentage, BigDecimal amount) {

        public Line {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a tax line needs a name");
            }
            Objects.requireNonNull(amount, "the amount of tax line " + name);
        }

        Line negated() {
            return new Line(name, percentage, amount.negate());
        }

        /** The same tax and amount, however many trailing zeros either was written with. */
        boolean sameAs(Line other) {
            return name.equals(other.name) && amount.compareTo(other.amount) == 0
                    && (percentage == null ? other.percentage == null
                    : other.percentage != null && percentage.compareTo(other.percentage) == 0);
        }
    }

    /**
     * One tax of a statement: the sum of that name and percentage over its entries, in minor units.
     *
     * @param name        the tax's name
     * @param percentage  its rate in percent without trailing zeros; null for the lines that had none
     * @param amountMinor the sum rounded once, HALF_UP, to the currency's minor units
     */
    public record Total(String name, BigDecimal percentage, long amountMinor) {
    }

    /**
     * The lines a rating stands for. A rating that carries its lines ({@code carried} not null, possibly empty)
     * stands for exactly those; one written before ratings carried lines stands for one {@value #VAT} line of
     * {@code inclVat - exclVat}, none when that is zero or a total is missing.
     */
    public static List<Line> ofRating(List<Line> carried, BigDecimal exclVat, BigDecimal inclVat) {
        if (carried != null) {
            return List.copyOf(carried);
        }
        if (exclVat == null || inclVat == null || inclVat.compareTo(exclVat) == 0) {
            return List.of();
        }
        return List.of(new Line(VAT, null, inclVat.subtract(exclVat)));
    }

    /** The lines of a reversal: every amount negated, in the same order. */
    public static List<Line> negated(List<Line> lines) {
        return lines.stream().map(Line::negated).toList();
    }

    /** Whether two lists hold the same taxes with the same amounts, in the same order. */
    public static boolean same(List<Line> a, List<Line> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).sameAs(b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * A statement's taxes: the exact sum of every line per tax name and percentage, each sum rounded once, HALF_UP,
     * to the minor units of {@code currency}. A tax that appears only in entries that cancel out stays, at zero.
     */
    public static List<Total> totals(List<Line> lines, String currency) {
        int digits = Currency.getInstance(currency).getDefaultFractionDigits();
        TreeMap<Key, BigDecimal> sums = new TreeMap<>(ORDER);
        for (Line line : lines) {
            BigDecimal percentage = line.percentage() == null ? null : plain(line.percentage());
            sums.merge(new Key(line.name(), percentage), line.amount(), BigDecimal::add);
        }
        List<Total> totals = new ArrayList<>(sums.size());
        sums.forEach((key, sum) -> totals.add(new Total(key.name(), key.percentage(),
                sum.setScale(Math.max(digits, 0), RoundingMode.HALF_UP).unscaledValue().longValueExact())));
        return totals;
    }

    /** 9.9750 → 9.975; 21.0 → 21. */
    private static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private record Key(String name, BigDecimal percentage) {
    }
}
