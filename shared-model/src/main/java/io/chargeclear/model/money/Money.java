package io.chargeclear.model.money;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An exact amount of money in one ISO-4217 currency. Amount and currency always travel together, so two
 * amounts in different currencies can never be added by accident; there is no {@code double} anywhere.
 * In JSON the amount is a decimal string ({@code {"amount": "12.34", "currency": "EUR"}}) so no consumer
 * parses it into a binary floating point number.
 */
@JsonAutoDetect(isGetterVisibility = JsonAutoDetect.Visibility.NONE, getterVisibility = JsonAutoDetect.Visibility.NONE)
public record Money(
        @JsonProperty("amount") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
        @JsonProperty("currency") Currency currency) implements Comparable<Money> {

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
    }

    @JsonCreator
    static Money fromJson(@JsonProperty("amount") String amount, @JsonProperty("currency") String currency) {
        if (amount == null || currency == null) {
            throw new IllegalArgumentException("money needs both amount and currency");
        }
        return of(amount, currency);
    }

    public static Money of(String amount, String currencyCode) {
        return new Money(new BigDecimal(amount), currency(currencyCode));
    }

    public static Money of(BigDecimal amount, String currencyCode) {
        return new Money(amount, currency(currencyCode));
    }

    public static Money zero(String currencyCode) {
        return new Money(BigDecimal.ZERO, currency(currencyCode));
    }

    /** Amount given in the currency's minor units (cents for EUR), as the ledger stores it. */
    public static Money ofMinor(long minorUnits, String currencyCode) {
        Currency currency = currency(currencyCode);
        return new Money(BigDecimal.valueOf(minorUnits, minorDigits(currency)), currency);
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.add(other.amount), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.subtract(other.amount), currency);
    }

    public Money negate() {
        return new Money(amount.negate(), currency);
    }

    /** Exact product, at full precision; round once at the end with {@link #roundedToMinorUnits()}. */
    public Money times(BigDecimal factor) {
        return new Money(amount.multiply(factor), currency);
    }

    /** Rounds to the currency's minor units, HALF_UP (the hub's rule, see docs/adr). */
    public Money roundedToMinorUnits() {
        return new Money(amount.setScale(minorDigits(currency), RoundingMode.HALF_UP), currency);
    }

    /**
     * The same amount written plainly: without trailing zeros a database column's scale adds ({@code 3.300000}), but
     * never with fewer digits than the currency's minor units ({@code 3.30}, {@code 0.10}).
     */
    public Money withoutTrailingZeros() {
        BigDecimal stripped = amount.stripTrailingZeros();
        return new Money(stripped.setScale(Math.max(minorDigits(currency), stripped.scale())), currency);
    }

    /** The amount in minor units; fails if the amount has more precision than the currency allows. */
    public long toMinorUnits() {
        return amount.setScale(minorDigits(currency), RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
    }

    public boolean isNegative() {
        return amount.signum() < 0;
    }

    public boolean isZero() {
        return amount.signum() == 0;
    }

    /** Numeric equality regardless of scale: 1.5 EUR equals 1.50 EUR. */
    public boolean isSameAmountAs(Money other) {
        return currency.equals(other.currency) && amount.compareTo(other.amount) == 0;
    }

    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return amount.compareTo(other.amount);
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency.getCurrencyCode();
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new CurrencyMismatchException(currency, other.currency);
        }
    }

    private static int minorDigits(Currency currency) {
        int digits = currency.getDefaultFractionDigits();
        return Math.max(digits, 0);
    }

    private static Currency currency(String code) {
        Objects.requireNonNull(code, "currency");
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an ISO-4217 currency code: " + code, e);
        }
    }

    /** Raised when amounts in two different currencies are combined. */
    public static final class CurrencyMismatchException extends IllegalArgumentException {
        public CurrencyMismatchException(Currency left, Currency right) {
            super("cannot combine " + left.getCurrencyCode() + " with " + right.getCurrencyCode());
        }
    }
}
