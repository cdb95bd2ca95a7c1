package io.chargeclear.settlement.service;

import io.chargeclear.kit.directory.PartyDirectorySnapshot;
import io.chargeclear.model.event.CdrRated;
import io.chargeclear.model.event.OcpiObjectChanged;
import io.chargeclear.model.event.OcpiParty;
import io.chargeclear.model.money.Money;
import io.chargeclear.settlement.domain.TerminalPayments;
import io.chargeclear.settlement.persistence.BookedRating;
import io.chargeclear.settlement.persistence.FinancialAdviceConfirmation;
import io.chargeclear.settlement.persistence.TerminalPaidCdr;
import io.chargeclear.settlement.persistence.TerminalPaidCdr.ClassifiedBy;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Terminal-paid sessions in settlement (brief §3.5, docs/adr/0030-terminal-paid-sessions-in-settlement.md). A rated
 * CDR is DIRECT_PAID when its receiver is a payment terminal provider in the party directory, or when a financial
 * advice confirmation (FAC) of the same CPO names its {@code authorization_reference}, whichever arrives first; never
 * by token or tariff type. Such a CDR books no money (no eMSP owes anything for it) and is kept, with the FACs, for
 * the CPO's informational terminal-paid list. Everything runs in the caller's transaction.
 *
 * <p>A CDR and the FAC of its session may be applied at the same moment by two consumers: both paths take one
 * transaction-scoped advisory lock before they look for the other, so whichever commits second sees the first. The
 * CDRs of a batch look for their FACs together, with one statement ({@link #booking}).
 */
@ApplicationScoped
public class TerminalPaidSessions {

    private static final Logger LOG = Logger.getLogger(TerminalPaidSessions.class);
    /** Serializes "is there a FAC for this CDR" against "is there a CDR for this FAC". */
    private static final long LINK_LOCK = 0x5e771e_0002L;

    private final Ledger ledger;
    private final PartyDirectorySnapshot directory;

    public TerminalPaidSessions(Ledger ledger, PartyDirectorySnapshot directory) {
        this.ledger = ledger;
        this.directory = directory;
    }

    /**
     * How the rated CDRs of one transaction are booked: into the ledger when an eMSP owes them, as terminal-paid (no
     * money) otherwise. The FACs of all their sessions are looked up once, with one statement, under the lock; what
     * it finds holds until the transaction ends, since no FAC can commit while the lock is held.
     *
     * @param batch the CDRs the returned function may be given, in any order
     */
    public Uni<Function<CdrRated, Uni<Void>>> booking(List<CdrRated> batch) {
        return directory.current().flatMap(parties -> {
            List<CdrRated> asking = batch.stream()
                    .filter(rated -> rated.authorizationReference() != null && !provider(parties, rated)).toList();
            Uni<Set<String>> confirmed = asking.isEmpty() ? Uni.createFrom().item(Set.of())
                    : lock().flatMap(locked -> confirmedSessions(asking));
            return confirmed.map(sessions -> rated -> {
                ClassifiedBy by = classify(parties, rated, sessions);
                return ledger.book(rated, by != null)
                        .flatMap(done -> by == null ? Uni.createFrom().voidItem() : remember(rated, by));
            });
        });
    }

    /**
     * Why the CDR is terminal-paid; null when it is not (an eMSP owes it, AD_HOC_USER app sessions included).
     *
     * @param confirmed the sessions ({@link #session}) a FAC of their CPO names, among those of the CDRs at hand
     */
    private static ClassifiedBy classify(PartyDirectorySnapshot.Directory parties, CdrRated rated,
                                         Set<String> confirmed) {
        if (provider(parties, rated)) {
            return ClassifiedBy.PAYMENT_TERMINAL_PROVIDER;
        }
        return rated.authorizationReference() != null
                && confirmed.contains(session(rated.cpo(), rated.authorizationReference()))
                ? ClassifiedBy.FINANCIAL_ADVICE_CONFIRMATION : null;
    }

    private static boolean provider(PartyDirectorySnapshot.Directory parties, CdrRated rated) {
        return parties.party(rated.emsp()).stream().anyMatch(PartyDirectorySnapshot.Entry::paymentTerminalProvider);
    }

    /**
     * The sessions of {@code rated} that a FAC of their CPO names: one statement for them all, each key served by
     * the index on (CPO, authorization_reference).
     */
    private static Uni<Set<String>> confirmedSessions(List<CdrRated> rated) {
        String[] countryCodes = rated.stream().map(r -> r.cpo().countryCode()).toArray(String[]::new);
        String[] partyIds = rated.stream().map(r -> r.cpo().partyId()).toArray(String[]::new);
        String[] references = rated.stream().map(CdrRated::authorizationReference).toArray(String[]::new);
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                        select distinct f.cpo_country_code || '*' || f.cpo_party_id || '|' || f.authorization_reference
                          from {h-schema}financial_advice_confirmation f
                          join unnest(cast(:countryCodes as text[]), cast(:partyIds as text[]),
                                      cast(:references as text[])) as k(country_code, party_id, reference)
                            on f.cpo_country_code = k.country_code and f.cpo_party_id = k.party_id
                           and f.authorization_reference = k.reference""", String.class)
                        .setParameter("countryCodes", countryCodes)
                        .setParameter("partyIds", partyIds)
                        .setParameter("references", references)
                        .getResultList())
                .map(Set::copyOf);
    }

    private static Uni<Void> remember(CdrRated rated, ClassifiedBy by) {
        return TerminalPaidCdr.<TerminalPaidCdr>findById(new BookedRating.Key(rated.cpo().countryCode(),
                rated.cpo().partyId(), rated.cdrId())).flatMap(known -> {
            if (known != null && known.ratingRevision >= rated.revision()) {
                return Uni.createFrom().voidItem();
            }
            TerminalPaidCdr row = known != null ? known : new TerminalPaidCdr();
            row.cpoCountryCode = rated.cpo().countryCode();
            row.cpoPartyId = rated.cpo().partyId();
            row.cdrId = rated.cdrId();
            row.ratingRevision = rated.revision();
            row.receiverCountryCode = rated.emsp().countryCode();
            row.receiverPartyId = rated.emsp().partyId();
            row.authorizationReference = rated.authorizationReference();
            row.invoiceReferenceId = rated.invoiceReferenceId();
            row.sessionEnd = rated.endDateTime();
            row.currency = rated.currency();
            row.totalInclTaxes = rated.totalCost() != null && rated.totalCost().inclVat() != null
                    ? rated.totalCost().inclVat() : rated.emspPayable().amount();
            // a PTP receiver is the stronger reason; a later FAC does not overwrite it
            row.classifiedBy = known != null && ClassifiedBy.PAYMENT_TERMINAL_PROVIDER.name().equals(known.classifiedBy)
                    ? known.classifiedBy : by.name();
            LOG.debugf("CDR %s revision %d is terminal-paid (%s): no eMSP owes it", rated.key(), rated.revision(), by);
            return known != null ? Uni.createFrom().voidItem() : row.persist().replaceWithVoid();
        });
    }

    /**
     * Applies a FAC from {@code ocpi.payment.v1}: keeps the newest {@code last_updated} per provider and id (an older
     * or equal copy changes nothing), and makes every CDR of that CPO with that {@code authorization_reference}
     * terminal-paid, reversing what the ledger had booked for it.
     *
     * @throws IllegalArgumentException when the event is no FAC settlement can read (the inbox parks it)
     */
    public Uni<Void> confirm(OcpiObjectChanged changed) {
        TerminalPayments.Confirmation fac = TerminalPayments.confirmation(changed);
        if (fac.eftData().isEmpty()) {
            LOG.warnf("financial advice confirmation %s*%s has no eft_data; kept all the same", fac.provider(), fac.id());
        }
        return lock().flatMap(locked -> FinancialAdviceConfirmation.<FinancialAdviceConfirmation>findById(
                new FinancialAdviceConfirmation.Key(fac.provider().countryCode(), fac.provider().partyId(), fac.id())))
                .flatMap(known -> {
                    if (known != null && !fac.lastUpdated().isAfter(known.lastUpdated)) {
                        return Uni.createFrom().voidItem();
                    }
                    FinancialAdviceConfirmation row = known != null ? known : new FinancialAdviceConfirmation();
                    row.ptpCountryCode = fac.provider().countryCode();
                    row.ptpPartyId = fac.provider().partyId();
                    row.confirmationId = fac.id();
                    row.cpoCountryCode = fac.cpo().countryCode();
                    row.cpoPartyId = fac.cpo().partyId();
                    row.authorizationReference = fac.authorizationReference();
                    row.currency = fac.currency();
                    row.beforeTaxes = fac.beforeTaxes();
                    row.captured = fac.captured();
                    row.captureStatusCode = fac.status().name();
                    row.captureStatusMessage = fac.statusMessage();
                    row.eftData = fac.eftData().isEmpty() ? null : String.join("\n", fac.eftData());
                    row.lastUpdated = fac.lastUpdated();
                    row.receivedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    Uni<Void> saved = known != null ? Uni.createFrom().voidItem() : row.persist().replaceWithVoid();
                    return saved.flatMap(done -> linkBooked(fac.cpo(), fac.authorizationReference()));
                });
    }

    /** The CDRs of the FAC's session that were booked before it came: each becomes terminal-paid. */
    private Uni<Void> linkBooked(OcpiParty cpo, String authorizationReference) {
        return BookedRating.<BookedRating>list("cpoCountryCode = ?1 and cpoPartyId = ?2 and authorizationReference = ?3",
                        cpo.countryCode(), cpo.partyId(), authorizationReference)
                .flatMap(booked -> Multi.createFrom().iterable(booked)
                        .onItem().transformToUniAndConcatenate(this::link)
                        .collect().last().replaceWithVoid());
    }

    private Uni<Void> link(BookedRating booked) {
        return TerminalPaidCdr.<TerminalPaidCdr>findById(new BookedRating.Key(booked.cpoCountryCode,
                booked.cpoPartyId, booked.cdrId)).flatMap(known -> {
            if (known != null) {
                return Uni.createFrom().voidItem();
            }
            return ledger.unbook(booked).flatMap(unbooked -> {
                if (unbooked == null) {
                    // booked at zero for an eMSP: nothing to take back, but the CDR is known only by its booking
                    LOG.infof("CDR %s*%s*%s booked nothing; a financial advice confirmation names it, but its"
                            + " total is unknown here", booked.cpoCountryCode, booked.cpoPartyId, booked.cdrId);
                    return Uni.createFrom().voidItem();
                }
                TerminalPaidCdr row = new TerminalPaidCdr();
                row.cpoCountryCode = booked.cpoCountryCode;
                row.cpoPartyId = booked.cpoPartyId;
                row.cdrId = booked.cdrId;
                row.ratingRevision = booked.ratingRevision;
                row.receiverCountryCode = unbooked.entry().emspCountryCode;
                row.receiverPartyId = unbooked.entry().emspPartyId;
                row.authorizationReference = booked.authorizationReference;
                row.invoiceReferenceId = booked.invoiceReferenceId;
                row.sessionEnd = unbooked.entry().sessionEnd;
                row.currency = booked.currency;
                // what the eMSP would have paid is the CDR's total including taxes
                row.totalInclTaxes = Money.ofMinor(unbooked.emspPayableMinor(), booked.currency).amount();
                row.classifiedBy = ClassifiedBy.FINANCIAL_ADVICE_CONFIRMATION.name();
                LOG.infof("CDR %s*%s*%s is terminal-paid: a financial advice confirmation names its session; its"
                        + " booking for %s*%s is reversed", booked.cpoCountryCode, booked.cpoPartyId, booked.cdrId,
                        row.receiverCountryCode, row.receiverPartyId);
                return row.persist().replaceWithVoid();
            });
        });
    }

    /**
     * The terminal-paid list of one period {@code [start, end)} (every period when both are null), of the CPOs in
     * {@code cpos} (every CPO when null): each terminal-paid CDR whose session ended in it, with the newest FAC of its
     * session whenever that came, and each FAC updated in it whose session no terminal-paid CDR of its CPO has. It is
     * read as of now, so a late FAC clears a MISSING_CONFIRMATION on a period already settled; it is information
     * only and changes no money.
     */
    public Uni<List<TerminalPayments.Line>> report(List<OcpiParty> cpos, Instant start, Instant end) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder cdrQuery = new StringBuilder("from TerminalPaidCdr c where 1 = 1");
        StringBuilder facQuery = new StringBuilder("from FinancialAdviceConfirmation f where 1 = 1");
        if (start != null) {
            cdrQuery.append(" and c.sessionEnd >= :start and c.sessionEnd < :end");
            facQuery.append(" and f.lastUpdated >= :start and f.lastUpdated < :end");
            params.put("start", start);
            params.put("end", end);
        }
        if (cpos != null) {
            cdrQuery.append(" and (").append(Statements.anyOf(cpos, params, "c.cpoCountryCode", "c.cpoPartyId"))
                    .append(")");
            facQuery.append(" and (").append(Statements.anyOf(cpos, params, "f.cpoCountryCode", "f.cpoPartyId"))
                    .append(")");
        }
        return Panache.withSession(() -> TerminalPaidCdr.<TerminalPaidCdr>list(cdrQuery.toString(), params)
                .flatMap(cdrs -> FinancialAdviceConfirmation.<FinancialAdviceConfirmation>list(facQuery.toString(),
                                params)
                        .flatMap(inPeriod -> confirmationsOf(cdrs).flatMap(ofCdrs -> cdrsOf(inPeriod)
                                .map(linked -> lines(cdrs, ofCdrs, inPeriod, linked))))));
    }

    private static List<TerminalPayments.Line> lines(List<TerminalPaidCdr> cdrs,
                                                     List<FinancialAdviceConfirmation> ofCdrs,
                                                     List<FinancialAdviceConfirmation> inPeriod,
                                                     Set<String> linkedSessions) {
        Map<String, List<TerminalPayments.Confirmation>> bySession = ofCdrs.stream().map(TerminalPaidSessions::read)
                .collect(Collectors.groupingBy(c -> session(c.cpo(), c.authorizationReference())));
        List<TerminalPayments.Line> lines = new ArrayList<>();
        for (TerminalPaidCdr c : cdrs) {
            OcpiParty cpo = new OcpiParty(c.cpoCountryCode, c.cpoPartyId);
            TerminalPayments.PaidCdr cdr = new TerminalPayments.PaidCdr(cpo, c.cdrId,
                    new OcpiParty(c.receiverCountryCode, c.receiverPartyId), c.authorizationReference,
                    c.invoiceReferenceId, c.sessionEnd, c.currency, c.totalInclTaxes);
            TerminalPayments.Confirmation fac = c.authorizationReference == null ? null
                    : TerminalPayments.newest(bySession.getOrDefault(session(cpo, c.authorizationReference), List.of()));
            lines.add(TerminalPayments.line(cdr, fac));
        }
        for (FinancialAdviceConfirmation f : inPeriod) {
            TerminalPayments.Confirmation fac = read(f);
            if (!linkedSessions.contains(session(fac.cpo(), fac.authorizationReference()))) {
                lines.add(TerminalPayments.orphan(fac));
            }
        }
        lines.sort(Comparator.comparing((TerminalPayments.Line l) -> l.cpo().toString())
                .thenComparing(l -> l.cdr() == null ? l.confirmation().lastUpdated() : l.cdr().sessionEnd())
                .thenComparing(l -> l.cdr() == null ? "~" + l.confirmation().id() : l.cdr().cdrId()));
        return lines;
    }

    /** The FACs of the sessions of {@code cdrs}, whenever they came. */
    private static Uni<List<FinancialAdviceConfirmation>> confirmationsOf(List<TerminalPaidCdr> cdrs) {
        List<String> references = cdrs.stream().map(c -> c.authorizationReference).filter(r -> r != null).distinct()
                .toList();
        if (references.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return FinancialAdviceConfirmation.list("authorizationReference in ?1", references);
    }

    /** The sessions ({@link #session}) of {@code facs} that some terminal-paid CDR of the same CPO has. */
    private static Uni<Set<String>> cdrsOf(List<FinancialAdviceConfirmation> facs) {
        List<String> references = facs.stream().map(f -> f.authorizationReference).distinct().toList();
        if (references.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return TerminalPaidCdr.<TerminalPaidCdr>list("authorizationReference in ?1", references)
                .map(cdrs -> cdrs.stream().map(c -> session(new OcpiParty(c.cpoCountryCode, c.cpoPartyId),
                        c.authorizationReference)).collect(Collectors.toSet()));
    }

    private static String session(OcpiParty cpo, String authorizationReference) {
        return cpo + "|" + authorizationReference;
    }

    private static TerminalPayments.Confirmation read(FinancialAdviceConfirmation f) {
        return new TerminalPayments.Confirmation(new OcpiParty(f.ptpCountryCode, f.ptpPartyId), f.confirmationId,
                new OcpiParty(f.cpoCountryCode, f.cpoPartyId), f.authorizationReference, f.currency, f.beforeTaxes,
                f.captured, TerminalPayments.CaptureStatus.valueOf(f.captureStatusCode), f.captureStatusMessage,
                f.eftData == null ? List.of() : List.of(f.eftData.split("\n")), f.lastUpdated);
    }

    private static Uni<Void> lock() {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("select pg_advisory_xact_lock("
                + LINK_LOCK + ")").getSingleResult()).replaceWithVoid();
    }
}
