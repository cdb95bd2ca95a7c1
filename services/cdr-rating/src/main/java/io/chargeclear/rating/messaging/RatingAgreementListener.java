package io.chargeclear.rating.messaging;

import io.chargeclear.kit.agreement.AgreementBookListener;
import io.chargeclear.rating.service.RatingService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Re-rates the CDRs flagged {@code NO_AGREEMENT} once the agreement book shows a new agreement or new standard
 * terms, in a transaction of its own after the book's commit (the book in memory already shows the change). If it
 * fails, the periodic retry ({@code RatingRetry}) rates them later.
 */
@ApplicationScoped
public class RatingAgreementListener implements AgreementBookListener {

    private final RatingService ratings;

    public RatingAgreementListener(RatingService ratings) {
        this.ratings = ratings;
    }

    @Override
    public Uni<Void> changed(String termsId) {
        return Panache.withTransaction(ratings::rerateWaitingForAgreement);
    }
}
