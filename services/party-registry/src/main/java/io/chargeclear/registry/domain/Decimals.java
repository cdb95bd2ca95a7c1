package io.chargeclear.registry.domain;

import io.chargeclear.model.money.Money;

import java.math.BigDecimal;

/**
 * One written form for the decimals the registry stores: the database hands back numeric columns at their
 * declared scale ({@code 2.5000}), the API and events show the value as entered ({@code 2.5}), and money
 * keeps at least its currency's minor digits ({@code 0.10 EUR}). Never in exponent notation.
 */
public final class Decimals {

    private Decimals() {
    }

    public static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    public static Money plain(Money money) {
        return money.withoutTrailingZeros();
    }
}
