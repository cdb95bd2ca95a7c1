package io.chargeclear.registry.service;

import io.chargeclear.registry.api.StandardTermsRequest;
import io.chargeclear.registry.api.StandardTermsView;
import io.chargeclear.registry.domain.RoamingMode;
import io.chargeclear.registry.domain.RoamingTerms;
import io.chargeclear.registry.messaging.AgreementEvents;
import io.chargeclear.registry.persistence.StandardTermsEntity;
import io.chargeclear.registry.persistence.StoredTerms;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The hub's standard terms: one row, replaced as a whole by the operator. Each replacement and its
 * {@code hub.agreement.v1} event commit in one transaction; the row lock keeps revisions gapless and in order.
 */
@ApplicationScoped
public class StandardTermsService {

    private final AgreementEvents events;

    public StandardTermsService(AgreementEvents events) {
        this.events = events;
    }

    public Uni<StandardTermsView> get() {
        return Panache.withSession(() -> load(LockModeType.NONE).map(StandardTermsView::of));
    }

    public Uni<StandardTermsView> replace(StandardTermsRequest request) {
        return Uni.createFrom().item(() -> new Replacement(request.roamingMode(), request.terms()))
                .flatMap(next -> Panache.withTransaction(() -> load(LockModeType.PESSIMISTIC_WRITE)
                        .flatMap(standard -> {
                            standard.mode = next.mode();
                            standard.terms = StoredTerms.of(next.terms());
                            standard.revision++;
                            standard.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                            return events.standardTermsChanged(standard).map(done -> StandardTermsView.of(standard));
                        })));
    }

    private static Uni<StandardTermsEntity> load(LockModeType lock) {
        return StandardTermsEntity.<StandardTermsEntity>findById(StandardTermsEntity.ID, lock)
                .onItem().ifNull().failWith(() -> new IllegalStateException(
                        "the standard_terms row is missing; migration V2 seeds it"));
    }

    /** A checked request, before the transaction. */
    private record Replacement(RoamingMode mode, RoamingTerms terms) {
    }
}
