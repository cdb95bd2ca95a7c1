package io.chargeclear.kit.agreement;

import io.chargeclear.kit.reference.ReferenceChanges;
import io.chargeclear.model.event.AgreementChanged;
import io.chargeclear.model.event.OcpiParty;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The hub's one view of {@code hub.agreement.v1} (docs/adr/0017-one-agreement-book.md): every agreement and the
 * standard terms, answered from memory with the one rule of {@link InEffect}. Enabled per service by the build
 * property {@code chargeclear.agreement-book.enabled=true}; fed by {@link AgreementEventsConsumer}.
 * <p>
 * Reads never touch the database and never block: they use an immutable {@link BookSnapshot} held in a volatile
 * field, replaced (never edited) after every commit that changes the table. The first snapshot is loaded from the
 * table during start-up, before the Kafka consumers start and before the service reports ready; a service whose
 * book cannot be loaded does not start, so no read ever sees a book that was not loaded. Every change is announced
 * through {@link ReferenceChanges} in the transaction that makes it, so every replica reloads the agreement it
 * names; when a replica (re)starts listening it reloads everything. Loads merge by revision, so they may race.
 */
@ApplicationScoped
@IfBuildProperty(name = "chargeclear.agreement-book.enabled", stringValue = "true")
public class AgreementBook {

    /** The {@link ReferenceChanges} channel; keys are agreement ids or {@code standard-terms}. */
    public static final String CHANNEL = "agreement_book";

    private static final Logger LOG = Logger.getLogger(AgreementBook.class);
    private static final int START_ATTEMPTS = 30;

    private final AgreementBookTable table;
    private final ReferenceChanges changes;
    private volatile BookSnapshot snapshot = BookSnapshot.EMPTY;

    public AgreementBook(AgreementBookTable table, ReferenceChanges changes) {
        this.table = table;
        this.changes = changes;
    }

    /** The agreement between this CPO and this eMSP that governs {@code at}, if any ({@link InEffect}). */
    public Optional<Agreement> inEffect(OcpiParty cpo, OcpiParty emsp, Instant at) {
        return snapshot.inEffect(cpo, emsp, at);
    }

    /**
     * Everyone {@code party} may exchange {@code module} (an OCPI module id, lower case) with at {@code at}, in
     * either role: everyone when the standard terms are open market and cover the module, else itself and the other
     * side of every agreement in effect then that covers the module.
     */
    public Counterparts counterparts(OcpiParty party, String module, Instant at) {
        return snapshot.counterparts(party, module, at);
    }

    /** The hub's standard terms; empty until the first snapshot of them arrived. */
    public Optional<StandardTerms> standardTerms() {
        return snapshot.standardTerms();
    }

    /** The newest snapshot of one agreement, in effect or not. */
    public Optional<Agreement> agreement(String agreementId) {
        return snapshot.agreement(agreementId);
    }

    /**
     * Stores an agreement snapshot unless one at least as new is there, and announces the change; must run in the
     * caller's transaction. The book in memory follows after the commit ({@link #reload}).
     *
     * @return whether the book changed
     */
    public Uni<Boolean> apply(AgreementChanged agreement) {
        return table.upsert(agreement).call(changed -> changed
                ? changes.announce(CHANNEL, agreement.agreementId()) : Uni.createFrom().voidItem());
    }

    /** {@link #apply(AgreementChanged)} for the standard terms. */
    public Uni<Boolean> apply(AgreementChanged.StandardTermsChanged terms) {
        return table.upsert(terms).call(changed -> changed
                ? changes.announce(CHANNEL, AgreementBookTable.STANDARD_TERMS_ID) : Uni.createFrom().voidItem());
    }

    /** Reads one agreement (or the standard terms) from the table into memory; needs no session. */
    public Uni<Void> reload(String termsId) {
        return table.load(termsId).invoke(this::merge).replaceWithVoid();
    }

    /** Reads the whole table into memory; needs no session. */
    public Uni<Void> reloadAll() {
        return table.loadAll().invoke(this::merge).replaceWithVoid();
    }

    private synchronized void merge(AgreementBookTable.Loaded loaded) {
        snapshot = snapshot.with(loaded.agreements(), loaded.standardTerms());
    }

    /** Every agreement the book holds, for operators and tests. */
    public List<Agreement> agreements() {
        return List.copyOf(snapshot.agreements());
    }

    /**
     * Loads the book before the messaging consumers start (their start observes priority 1000) and then listens for
     * changes. Runs on the main thread, where waiting is allowed.
     */
    void start(@Observes @Priority(500) StartupEvent started) {
        for (int attempt = 1; ; attempt++) {
            try {
                reloadAll().await().atMost(Duration.ofSeconds(10));
                break;
            } catch (RuntimeException e) {
                if (attempt >= START_ATTEMPTS) {
                    throw new IllegalStateException("the agreement book could not be loaded from its table", e);
                }
                LOG.warnf("agreement book not loaded yet (attempt %d): %s", attempt, e.getMessage());
                sleep();
            }
        }
        LOG.infof("agreement book loaded: %d agreements, standard terms %s", snapshot.agreements().size(),
                snapshot.standardTerms().map(t -> t.mode() + " r" + t.revision()).orElse("not known yet"));
        changes.listen(CHANNEL, new ReferenceChanges.Listener() {
            @Override
            public void announcing(String key) {
                // the consumer reloads the agreement itself once its transaction has committed
            }

            @Override
            public void changed(String key) {
                reload(key).onFailure().recoverWithUni(failure -> {
                    LOG.errorf(failure, "reloading agreement %s failed; reloading everything", key);
                    return reloadAll();
                }).subscribe().with(done -> { }, failure -> LOG.errorf(failure, "reloading the agreement book failed"));
            }

            @Override
            public void subscribed() {
                reloadAll().subscribe().with(done -> { },
                        failure -> LOG.errorf(failure, "reloading the agreement book failed"));
            }
        });
    }

    private static void sleep() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading the agreement book", e);
        }
    }
}
