package io.chargeclear.kit.agreement;

import io.chargeclear.model.event.AgreementChanged;
import io.chargeclear.model.event.AgreementChanged.HubFee;
import io.chargeclear.model.event.AgreementChanged.Mode;
import io.chargeclear.model.event.AgreementChanged.Sla;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * The hub's standard terms as the book holds them: the newest {@code hub.agreement.standard-terms-changed.v1}
 * snapshot. They govern a pair without an agreement in effect only in {@link Mode#OPEN_MARKET} mode.
 *
 * @param hubFee null when none is charged; exact amounts
 * @param sla    null when none is stated
 */
public record StandardTerms(Mode mode, long revision, Set<String> modules, HubFee hubFee, Sla sla,
                           int disputeWindowDays, Instant changedAt) {

    public StandardTerms {
        Objects.requireNonNull(mode, "mode");
        modules = Set.copyOf(modules);
    }

    static StandardTerms of(AgreementChanged.StandardTermsChanged event) {
        return new StandardTerms(event.mode(), event.revision(),
                event.modules() == null ? Set.of() : Set.copyOf(event.modules()), event.hubFee(), event.sla(),
                event.disputeWindowDays(), event.changedAt());
    }

    public boolean openMarket() {
        return mode == Mode.OPEN_MARKET;
    }

    /** Whether a pair without an agreement may exchange {@code module}: open market and the module covered. */
    public boolean openFor(String module) {
        return openMarket() && modules.contains(module);
    }
}
