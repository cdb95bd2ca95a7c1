package io.chargeclear.kit.agreement;

import io.chargeclear.model.event.AgreementChanged.Mode;
import io.chargeclear.model.event.AgreementChanged.Status;
import io.chargeclear.model.event.OcpiParty;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class BookSnapshotTest {

    static final OcpiParty CPO = new OcpiParty("NL", "CPO");
    static final OcpiParty EMSP = new OcpiParty("DE", "MSP");
    static final OcpiParty OTHER = new OcpiParty("BE", "OTH");
    static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");

    static Agreement agreement(String id, long revision, OcpiParty cpo, OcpiParty emsp, Instant endedAt,
                               String... modules) {
        return new Agreement(id, endedAt == null ? Status.ACTIVE : Status.ENDED, revision, cpo, emsp, FROM, null,
                endedAt, Set.of(modules), null, null, 30, FROM);
    }

    static StandardTerms terms(Mode mode, long revision, String... modules) {
        return new StandardTerms(mode, revision, Set.of(modules), null, null, 14, FROM);
    }

    @Test
    void aSnapshotOnlyMovesForwardByRevision() {
        BookSnapshot book = BookSnapshot.EMPTY.with(List.of(agreement("a", 2, CPO, EMSP, null, "sessions")), null);
        BookSnapshot replayed = book.with(List.of(agreement("a", 2, CPO, EMSP, null, "cdrs")), null);
        BookSnapshot stale = book.with(List.of(agreement("a", 1, CPO, EMSP, null, "cdrs")), null);
        assertThat(replayed).isSameAs(book);
        assertThat(stale).isSameAs(book);
        assertThat(book.with(List.of(agreement("a", 3, CPO, EMSP, null, "cdrs")), null).agreement("a"))
                .hasValueSatisfying(a -> assertThat(a.modules()).containsExactly("cdrs"));
    }

    @Test
    void standardTermsOnlyMoveForwardByRevision() {
        BookSnapshot book = BookSnapshot.EMPTY.with(List.of(), terms(Mode.OPEN_MARKET, 2, "sessions"));
        assertThat(book.with(List.of(), terms(Mode.AGREEMENT_REQUIRED, 1))).isSameAs(book);
        assertThat(book.with(List.of(), terms(Mode.AGREEMENT_REQUIRED, 3)).standardTerms())
                .hasValueSatisfying(t -> assertThat(t.mode()).isEqualTo(Mode.AGREEMENT_REQUIRED));
    }

    @Test
    void inEffectMatchesTheRolesExactly() {
        BookSnapshot book = BookSnapshot.EMPTY.with(List.of(agreement("a", 1, CPO, EMSP, null, "sessions")), null);
        assertThat(book.inEffect(CPO, EMSP, FROM)).isPresent();
        assertThat(book.inEffect(EMSP, CPO, FROM)).isEmpty();
        assertThat(book.inEffect(CPO, OTHER, FROM)).isEmpty();
    }

    @Test
    void withoutStandardTermsOnlyAgreementsInEffectCoveringTheModuleOpenTheGate() {
        BookSnapshot book = BookSnapshot.EMPTY.with(List.of(
                agreement("a", 1, CPO, EMSP, null, "sessions"),
                agreement("b", 1, CPO, OTHER, FROM.plusSeconds(60), "sessions")), null);
        assertThat(book.counterparts(CPO, "sessions", FROM).parties()).containsExactlyInAnyOrder(CPO, EMSP, OTHER);
        assertThat(book.counterparts(CPO, "sessions", FROM.plusSeconds(60)).parties())
                .containsExactlyInAnyOrder(CPO, EMSP);
        assertThat(book.counterparts(EMSP, "sessions", FROM).parties()).containsExactlyInAnyOrder(EMSP, CPO);
        assertThat(book.counterparts(CPO, "tariffs", FROM).parties()).containsExactly(CPO);
        assertThat(book.counterparts(CPO, "sessions", FROM).everyone()).isFalse();
    }

    @Test
    void openMarketOpensOnlyTheModulesItCovers() {
        BookSnapshot book = BookSnapshot.EMPTY.with(List.of(), terms(Mode.OPEN_MARKET, 1, "locations"));
        assertThat(book.counterparts(CPO, "locations", FROM).everyone()).isTrue();
        assertThat(book.counterparts(CPO, "sessions", FROM).includes(EMSP)).isFalse();
        BookSnapshot required = BookSnapshot.EMPTY.with(List.of(), terms(Mode.AGREEMENT_REQUIRED, 1, "locations"));
        assertThat(required.counterparts(CPO, "locations", FROM).everyone()).isFalse();
    }
}
