package io.chargeclear.kit.agreement;

import io.chargeclear.model.event.AgreementChanged.Status;
import io.chargeclear.model.event.OcpiParty;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class InEffectTest {

    static final OcpiParty CPO = new OcpiParty("NL", "CPO");
    static final OcpiParty EMSP = new OcpiParty("DE", "MSP");
    static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant UNTIL = Instant.parse("2026-07-01T00:00:00Z");
    static final Instant ENDED = Instant.parse("2026-03-01T00:00:00Z");

    static Agreement agreement(String id, Instant from, Instant until, Instant endedAt) {
        return new Agreement(id, endedAt == null ? Status.ACTIVE : Status.ENDED, 1, CPO, EMSP, from, until, endedAt,
                Set.of("sessions"), null, null, 30, from);
    }

    @Test
    void startsAtValidFromInclusive() {
        assertThat(InEffect.at(FROM, UNTIL, null, FROM)).isTrue();
        assertThat(InEffect.at(FROM, UNTIL, null, FROM.minusNanos(1000))).isFalse();
    }

    @Test
    void stopsAtValidUntilExclusive() {
        assertThat(InEffect.at(FROM, UNTIL, null, UNTIL.minusNanos(1000))).isTrue();
        assertThat(InEffect.at(FROM, UNTIL, null, UNTIL)).isFalse();
    }

    @Test
    void openEndedWindowNeverCloses() {
        assertThat(InEffect.at(FROM, null, null, Instant.parse("2099-01-01T00:00:00Z"))).isTrue();
    }

    @Test
    void anEndedAgreementStillGovernsWhatHappenedBeforeItsEnd() {
        assertThat(InEffect.at(FROM, UNTIL, ENDED, ENDED.minusSeconds(1))).isTrue();
    }

    @Test
    void anEndedAgreementGovernsNothingFromItsEndOn() {
        assertThat(InEffect.at(FROM, UNTIL, ENDED, ENDED)).isFalse();
        assertThat(InEffect.at(FROM, UNTIL, ENDED, UNTIL.minusSeconds(1))).isFalse();
    }

    @Test
    void endedBeforeItsWindowOpenedItNeverGoverned() {
        assertThat(InEffect.at(FROM, null, FROM.minusSeconds(60), FROM)).isFalse();
        assertThat(InEffect.at(FROM, null, FROM, FROM)).isFalse();
    }

    @Test
    void ofSeveralInEffectTheLatestValidFromWins() {
        Agreement older = agreement("a-old", FROM, null, null);
        Agreement newer = agreement("a-new", FROM.plusSeconds(3600), null, null);
        assertThat(InEffect.choose(List.of(older, newer), FROM.plusSeconds(7200))).contains(newer);
        assertThat(InEffect.choose(List.of(newer, older), FROM.plusSeconds(7200))).contains(newer);
        assertThat(InEffect.choose(List.of(older, newer), FROM.plusSeconds(60))).contains(older);
    }

    @Test
    void aTieOnValidFromGoesToTheGreatestIdWhateverTheOrder() {
        Agreement a = agreement("a", FROM, null, null);
        Agreement b = agreement("b", FROM, null, null);
        assertThat(InEffect.choose(List.of(a, b), FROM)).contains(b);
        assertThat(InEffect.choose(List.of(b, a), FROM)).contains(b);
    }

    @Test
    void anEndedNewerAgreementHandsBackToTheOlderOneAfterItsEnd() {
        Agreement older = agreement("a-old", FROM, null, null);
        Agreement ended = agreement("a-new", FROM.plusSeconds(3600), null, ENDED);
        assertThat(InEffect.choose(List.of(older, ended), ENDED.minusSeconds(1))).contains(ended);
        assertThat(InEffect.choose(List.of(older, ended), ENDED)).contains(older);
    }

    @Test
    void nothingInEffectIsEmpty() {
        assertThat(InEffect.choose(List.of(agreement("a", FROM, UNTIL, null)), UNTIL)).isEmpty();
        assertThat(InEffect.choose(List.of(), FROM)).isEmpty();
    }
}
