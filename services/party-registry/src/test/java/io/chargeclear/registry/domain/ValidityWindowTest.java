package io.chargeclear.registry.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ValidityWindowTest {

    private static final Instant JAN = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant FEB = Instant.parse("2026-02-01T00:00:00Z");
    private static final Instant MAR = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void windowsAreHalfOpen() {
        assertThat(new ValidityWindow(JAN, FEB).overlaps(new ValidityWindow(FEB, MAR))).isFalse();
        assertThat(new ValidityWindow(FEB, MAR).overlaps(new ValidityWindow(JAN, FEB))).isFalse();
        assertThat(new ValidityWindow(JAN, MAR).overlaps(new ValidityWindow(FEB, null))).isTrue();
        assertThat(new ValidityWindow(JAN, null).overlaps(new ValidityWindow(MAR, null))).isTrue();
        assertThat(new ValidityWindow(FEB, null).overlaps(new ValidityWindow(JAN, FEB))).isFalse();
        assertThat(new ValidityWindow(JAN, FEB).contains(JAN)).isTrue();
        assertThat(new ValidityWindow(JAN, FEB).contains(FEB)).isFalse();
    }

    @Test
    void endingCutsTheWindowOrEmptiesAFutureOne() {
        assertThat(new ValidityWindow(JAN, null).endedAt(FEB)).isEqualTo(new ValidityWindow(JAN, FEB));
        assertThat(new ValidityWindow(JAN, MAR).endedAt(FEB)).isEqualTo(new ValidityWindow(JAN, FEB));
        assertThat(new ValidityWindow(JAN, FEB).endedAt(MAR)).isEqualTo(new ValidityWindow(JAN, FEB));
        ValidityWindow never = new ValidityWindow(FEB, null).endedAt(JAN);
        assertThat(never).isEqualTo(new ValidityWindow(FEB, FEB));
        assertThat(never.isEmpty()).isTrue();
        assertThat(never.overlaps(new ValidityWindow(JAN, null))).isFalse();
    }
}
