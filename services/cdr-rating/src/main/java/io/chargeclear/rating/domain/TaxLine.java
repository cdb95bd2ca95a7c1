package io.chargeclear.rating.domain;

import io.chargeclear.model.money.Money;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Objects;

/**
 * One tax of a rated CDR (OCPI 2.3.0 §types "TaxAmount"): its name, its rate when known and its amount, with the
 * currency. The hub names a tax it computes from a tariff's {@code vat} "VAT", as OCPI 2.2.1 implies; a CPO's own
 * lines (GST, QST, a US state tax without a rate) keep their names.
 *
 * @param name       the tax's name
 * @param percentage its rate in percent; null when unknown
 * @param amount     the tax amount
 */
public record TaxLine(String name, BigDecimal percentage, Money amount) {

    /** The name OCPI 2.2.1's single {@code vat} percentage stands for. */
    public static final String VAT = "VAT";

    /** The order of {@code rating.cdr-rated.v1} {@code taxes}: by name, then percentage, a line without one first. */
    public static final Comparator<TaxLine> ORDER = Comparator.comparing(TaxLine::name)
            .thenComparing(TaxLine::percentage, Comparator.nullsFirst(Comparator.naturalOrder()));

    public TaxLine {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(amount, "amount");
    }

    /** The same line with its amount rounded once, HALF_UP, to the currency's minor units. */
    public TaxLine rounded() {
        return new TaxLine(name, percentage, amount.roundedToMinorUnits());
    }

    public TaxLine plus(Money more) {
        return new TaxLine(name, percentage, amount.plus(more));
    }
}
