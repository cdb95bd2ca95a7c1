package io.chargeclear.rating.messaging;

import io.chargeclear.kit.agreement.AgreementBook;
import io.chargeclear.kit.agreement.AgreementBookListener;
import io.chargeclear.model.event.AgreementChanged;
import io.chargeclear.rating.service.RatingService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Rates the CDRs waiting for an agreement once the agreement book shows one between their CPO and eMSP (only those
 * CDRs), or new standard terms (every CDR waiting for an agreement, since open-market terms can serve any pair), in
 * a transaction of its own after the book's commit (the book in memory already shows the change). If it fails, the
 * sweep ({@code RatingSweep}) rates them later: PENDING ones when their grace ends, flagged ones when it re-checks.
 */
@ApplicationScoped
public class RatingAgreementListener implements AgreementBookListener {

    private final RatingService ratings;
    private final AgreementBook book;

    public RatingAgreementListener(RatingService ratings, AgreementBook book) {
        this.ratings = ratings;
        this.book = book;
    }

    @Override
    public Uni<Void> changed(String termsId) {
        if (AgreementChanged.STANDARD_TERMS_KEY.equals(termsId)) {
            return Panache.withTransaction(ratings::standardTermsChanged);
        }
        return book.agreement(termsId)
                .map(agreement -> Panache.withTransaction(() -> ratings.agreementArrived(agreement.cpo(),
                        agreement.emsp())))
                .orElseGet(() -> Uni.createFrom().voidItem());
    }
}
