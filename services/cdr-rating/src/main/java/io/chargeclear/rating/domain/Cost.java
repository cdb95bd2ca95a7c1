package io.chargeclear.rating.domain;

import io.chargeclear.model.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * One amount of a session's cost, excluding and including VAT, kept exact until the final rounding.
 * <p>
 * OCPI 2.2.1 §types "Price class" carries the same pair; VAT is applied per price component
 * (OCPI 2.2.1 §mod_tariffs "PriceComponent", field {@code vat}), so a Cost may mix several VAT rates.
 */
public record Cost(Money exclVat, Money inclVat) {

    private static final BigDecimal ONE_HUNDRED = BigDecimal.valueOf(100);
    private static final int INCLUSIVE_SCALE = 10;

    public Cost {
        Objects.requireNonNull(exclVat, "exclVat");
        Objects.requireNonNull(inclVat, "inclVat");
    }

    /** A zero cost in the given ISO-4217 currency. */
    public static Cost zero(String currency) {
        return new Cost(Money.zero(currency), Money.zero(currency));
    }

    /**
     * The cost of {@code exclVat} under a component's VAT percentage: incl = excl × (1 + vat/100).
     * A {@code null} percentage means no VAT applies (OCPI 2.2.1 §mod_tariffs "vat"), so incl equals excl.
     */
    public static Cost withVat(BigDecimal exclVat, BigDecimal vatPercent, String currency) {
        BigDecimal incl = vatPercent == null
                ? exclVat
                : exclVat.multiply(BigDecimal.ONE.add(vatPercent.divide(ONE_HUNDRED)));
        return new Cost(Money.of(exclVat, currency), Money.of(incl, currency));
    }

    /**
     * The cost of a price that includes VAT (OCPI 2.3.0 {@code tax_included} YES): excl = incl / (1 + vat/100),
     * computed to {@value #INCLUSIVE_SCALE} decimals HALF_UP, far below the single final rounding to minor units.
     */
    public static Cost withVatIncluded(BigDecimal inclVat, BigDecimal vatPercent, String currency) {
        BigDecimal divisor = BigDecimal.ONE.add(vatPercent.divide(ONE_HUNDRED));
        BigDecimal excl = inclVat.divide(divisor, INCLUSIVE_SCALE, RoundingMode.HALF_UP).stripTrailingZeros();
        return new Cost(Money.of(excl, currency), Money.of(inclVat, currency));
    }

    public Cost plus(Cost other) {
        return new Cost(exclVat.plus(other.exclVat), inclVat.plus(other.inclVat));
    }

    /** Both amounts rounded to the currency's minor units, HALF_UP. */
    public Cost roundedToMinorUnits() {
        return new Cost(exclVat.roundedToMinorUnits(), inclVat.roundedToMinorUnits());
    }

    /** Numeric equality of both amounts regardless of scale. */
    public boolean isSameAs(Cost other) {
        return exclVat.isSameAmountAs(other.exclVat) && inclVat.isSameAmountAs(other.inclVat);
    }

    @Override
    public String toString() {
        return exclVat + " excl / " + inclVat + " incl";
    }
}
