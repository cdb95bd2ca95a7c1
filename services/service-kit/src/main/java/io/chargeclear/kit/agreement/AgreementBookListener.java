package io.chargeclear.kit.agreement;

import io.smallrye.mutiny.Uni;

/**
 * Told after this replica's consumer committed a change to the book and the book in memory shows it: a service
 * reacts to new terms here (rating re-rates the CDRs that waited for an agreement). Runs outside any transaction,
 * on the consumer's context; a failure is logged and does not stop the channel, so a listener must be safe to miss
 * (rating's periodic retry catches up). Other replicas reload the book but are not told.
 */
public interface AgreementBookListener {

    /** @param termsId the agreement id that changed, or {@code standard-terms} */
    Uni<Void> changed(String termsId);
}
