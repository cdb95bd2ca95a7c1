package io.chargeclear.model.money;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MoneyTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void addingDifferentCurrenciesIsRefused() {
        assertThatThrownBy(() -> Money.of("1.00", "EUR").plus(Money.of("1.00", "GBP")))
                .isInstanceOf(Money.CurrencyMismatchException.class)
                .hasMessageContaining("EUR").hasMessageContaining("GBP");
    }

    @Test
    void roundsHalfUpToTheCurrencyMinorUnitsOnlyWhenAsked() {
        Money exact = Money.of("0.25", "EUR").times(new BigDecimal("10.01"));
        assertThat(exact.amount()).isEqualByComparingTo("2.5025");
        assertThat(exact.roundedToMinorUnits().amount()).isEqualTo(new BigDecimal("2.50"));
        assertThat(Money.of("2.505", "EUR").roundedToMinorUnits().amount()).isEqualTo(new BigDecimal("2.51"));
        assertThat(Money.of("-2.505", "EUR").roundedToMinorUnits().amount()).isEqualTo(new BigDecimal("-2.51"));
        assertThat(Money.of("7.5", "JPY").roundedToMinorUnits().amount()).isEqualTo(new BigDecimal("8"));
    }

    @Test
    void minorUnitsRoundTripAndRefuseHiddenPrecision() {
        assertThat(Money.ofMinor(1234, "EUR")).isEqualTo(Money.of("12.34", "EUR"));
        assertThat(Money.of("12.3", "EUR").toMinorUnits()).isEqualTo(1230);
        assertThat(Money.of("-0.01", "EUR").toMinorUnits()).isEqualTo(-1);
        assertThatThrownBy(() -> Money.of("0.001", "EUR").toMinorUnits()).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void unknownCurrencyCodeIsRefusedWithItsName() {
        assertThatThrownBy(() -> Money.of("1", "XYZ1")).hasMessageContaining("XYZ1");
    }

    @Test
    void jsonCarriesTheAmountAsADecimalString() throws Exception {
        String written = json.writeValueAsString(Money.of("0.10", "EUR"));
        assertThat(written).isEqualTo("{\"amount\":\"0.10\",\"currency\":\"EUR\"}");
        assertThat(json.readValue(written, Money.class)).isEqualTo(Money.of("0.10", "EUR"));
        assertThatThrownBy(() -> json.readValue("{\"amount\":\"1\"}", Money.class))
                .hasMessageContaining("currency");
    }

    @Test
    void numericEqualityIgnoresScale() {
        assertThat(Money.of("1.5", "EUR").isSameAmountAs(Money.of("1.50", "EUR"))).isTrue();
        assertThat(Money.of("1.5", "EUR").compareTo(Money.of("1.49", "EUR"))).isPositive();
    }

    @Test
    void writesAmountsWithoutTheTrailingZerosOfAColumnScaleButWithTheMinorUnits() {
        assertThat(Money.of("3.300000", "EUR").withoutTrailingZeros().amount().toPlainString()).isEqualTo("3.30");
        assertThat(Money.of("0.082500", "EUR").withoutTrailingZeros().amount().toPlainString()).isEqualTo("0.0825");
        assertThat(Money.of("100", "JPY").withoutTrailingZeros().amount().toPlainString()).isEqualTo("100");
        assertThat(Money.of("-5.2400", "EUR").withoutTrailingZeros().amount().toPlainString()).isEqualTo("-5.24");
    }
}
