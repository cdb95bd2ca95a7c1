package io.chargeclear.settlement.service;

import io.chargeclear.kit.outbox.Outbox;
import io.chargeclear.model.event.CdrRated;
import io.chargeclear.model.event.EventType;
import io.chargeclear.model.event.LedgerPosted;
import io.chargeclear.model.event.OcpiParty;
import io.chargeclear.model.money.Money;
import io.chargeclear.settlement.domain.Postings;
import io.chargeclear.settlement.domain.Taxes;
import io.chargeclear.settlement.persistence.BookedRating;
import io.chargeclear.settlement.persistence.JournalEntry;
import io.chargeclear.settlement.persistence.JournalLine;
import io.chargeclear.settlement.persistence.JournalTaxLine;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Books rated CDRs into the journal (docs/adr/0010-settlement-ledger.md). A rating is booked once per CDR; a
 * replayed or older revision books nothing; a newer revision with other amounts first reverses the entry booked
 * before, then books the new amounts; equal amounts and tax lines only move the revision on. Each entry keeps the
 * tax lines of the rating it books as they came, and a reversal the negated lines of the entry it reverses
 * (docs/adr/0028-tax-lines-in-settlement.md), so statements can show every tax by name. Each entry and its lines are
 * written, and announced on {@code settlement.posting.v1} through the outbox, in the caller's transaction, where
 * the database checks at commit that the entry balances. Idempotency keys make a second booking of the same
 * thing fail loudly rather than count twice.
 */
@ApplicationScoped
public class Ledger {

    private static final Logger LOG = Logger.getLogger(Ledger.class);

    private final Outbox outbox;

    public Ledger(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Books a rating that is owed through the hub (no terminal-paid session). */
    public Uni<Void> book(CdrRated rated) {
        return book(rated, false);
    }

    /**
     * Books a rating. A terminal-paid one ({@code directPaid}, docs/adr/0030-terminal-paid-sessions-in-settlement.md)
     * is owed by nobody through the hub: it books as zero, which posts nothing and reverses whatever an earlier
     * revision of the CDR booked, while its revision and payment keys are still remembered.
     */
    public Uni<Void> book(CdrRated rated, boolean directPaid) {
        long payable = directPaid ? 0 : minor(rated.emspPayable());
        long receivable = directPaid ? 0 : minor(rated.cpoReceivable());
        long fee = directPaid ? 0 : minor(rated.hubFee());
        List<Taxes.Line> taxes = directPaid ? List.of() : taxesOf(rated);
        OcpiParty cpo = rated.cpo();
        return BookedRating.<BookedRating>findById(new BookedRating.Key(cpo.countryCode(), cpo.partyId(), rated.cdrId()))
                .flatMap(booked -> {
                    if (booked != null && booked.ratingRevision >= rated.revision()) {
                        return Uni.createFrom().voidItem();
                    }
                    return taxesBooked(booked).flatMap(bookedTaxes -> {
                        if (booked != null && booked.currency.equals(rated.currency())
                                && booked.emspPayableMinor == payable && booked.cpoReceivableMinor == receivable
                                && booked.hubFeeMinor == fee && Taxes.same(bookedTaxes, taxes)) {
                            booked.ratingRevision = rated.revision();
                            booked.authorizationReference = rated.authorizationReference();
                            booked.invoiceReferenceId = rated.invoiceReferenceId();
                            return Uni.createFrom().voidItem();
                        }
                        Uni<Void> reversed = booked == null || booked.entryId == null
                                ? Uni.createFrom().voidItem()
                                : reverse(booked, bookedTaxes, rated, "re-rated (revision " + booked.ratingRevision
                                        + " -> " + rated.revision() + ")");
                        List<Postings.Line> lines = Postings.forRating(rated.emsp().toString(), cpo.toString(),
                                payable, receivable, fee);
                        return reversed
                                .flatMap(done -> energyOf(rated))
                                .flatMap(energy -> (lines.isEmpty() ? Uni.createFrom().<UUID>nullItem()
                                        : post(rated, "CDR", rated.revision(), rated.currency(), energy, lines, taxes))
                                        .flatMap(entryId -> remember(booked, rated, payable, receivable, fee, energy,
                                                entryId)));
                    });
                });
    }

    /**
     * The rating's tax lines as they came; a rating written before ratings carried them stands for one {@code VAT}
     * line of {@code incl_vat - excl_vat} (contract of rating.cdr-rated.v1).
     */
    static List<Taxes.Line> taxesOf(CdrRated rated) {
        List<Taxes.Line> carried = rated.taxes() == null ? null : rated.taxes().stream()
                .map(t -> new Taxes.Line(t.name(), t.percentage(), t.amount())).toList();
        CdrRated.Amount total = rated.totalCost();
        List<Taxes.Line> lines = Taxes.ofRating(carried, total == null ? null : total.exclVat(),
                total == null ? null : total.inclVat());
        if (carried != null && total != null && total.exclVat() != null && total.inclVat() != null) {
            BigDecimal sum = lines.stream().map(Taxes.Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            if (sum.compareTo(total.inclVat().subtract(total.exclVat())) != 0) {
                LOG.warnf("CDR %s revision %d: its tax lines sum to %s, not incl_vat - excl_vat = %s; kept as they came",
                        rated.key(), rated.revision(), sum, total.inclVat().subtract(total.exclVat()));
            }
        }
        return lines;
    }

    /** The tax lines of the entry that booked a CDR, in their order; none when nothing was booked. */
    private static Uni<List<Taxes.Line>> taxesBooked(BookedRating booked) {
        if (booked == null || booked.entryId == null) {
            return Uni.createFrom().item(List.of());
        }
        return JournalTaxLine.<JournalTaxLine>list("entryId = ?1 order by lineNo", booked.entryId)
                .map(rows -> rows.stream().map(r -> new Taxes.Line(r.name, r.percentage, r.amount)).toList());
    }

    /** What {@link #unbook} took back: the entry it reversed and that entry's tax lines. */
    public record Unbooked(JournalEntry entry, long emspPayableMinor, List<Taxes.Line> taxes) {
    }

    /**
     * Takes back the entry booked for a CDR that turned out to be terminal-paid after it was booked (a financial
     * advice confirmation named its session later, docs/adr/0030): a reversal entry, never an edit, in the caller's
     * transaction; the CDR then stands booked at zero at the same revision.
     *
     * @return what was reversed; null when nothing was booked
     */
    public Uni<Unbooked> unbook(BookedRating booked) {
        if (booked.entryId == null) {
            return Uni.createFrom().nullItem();
        }
        return JournalEntry.<JournalEntry>findById(booked.entryId).flatMap(entry -> taxesBooked(booked)
                .flatMap(taxes -> {
                    CdrRated booking = new CdrRated(entry.cdrId, new OcpiParty(entry.cpoCountryCode, entry.cpoPartyId),
                            new OcpiParty(entry.emspCountryCode, entry.emspPartyId), null, null, entry.sessionEnd,
                            entry.currency, null, null, null, null, null, null, null, entry.agreementId, null,
                            entry.reversesCdrId, false, booked.ratingRevision, null);
                    Unbooked unbooked = new Unbooked(entry, booked.emspPayableMinor, taxes);
                    return reverse(booked, taxes, booking, "found terminal-paid").invoke(() -> {
                        booked.entryId = null;
                        booked.emspPayableMinor = 0;
                        booked.cpoReceivableMinor = 0;
                        booked.hubFeeMinor = 0;
                        booked.energyKwh = null;
                    }).replaceWith(unbooked);
                }));
    }

    private Uni<Void> reverse(BookedRating booked, List<Taxes.Line> bookedTaxes, CdrRated rated, String why) {
        List<Postings.Line> original = Postings.forRating(rated.emsp().toString(), rated.cpo().toString(),
                booked.emspPayableMinor, booked.cpoReceivableMinor, booked.hubFeeMinor);
        LOG.infof("CDR %s %s: reversing the entry booked for revision %d", rated.key(), why, booked.ratingRevision);
        BigDecimal energy = booked.energyKwh == null ? null : booked.energyKwh.negate();
        return post(rated, "REVERSAL", booked.ratingRevision, booked.currency, energy, Postings.reversal(original),
                Taxes.negated(bookedTaxes)).replaceWithVoid();
    }

    private Uni<UUID> post(CdrRated rated, String purpose, int revision, String currency, BigDecimal energyKwh,
                           List<Postings.Line> lines, List<Taxes.Line> taxes) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        JournalEntry entry = new JournalEntry();
        entry.id = UUID.randomUUID();
        entry.idempotencyKey = purpose.toLowerCase() + ":" + rated.key() + ":rev" + revision;
        entry.cpoCountryCode = rated.cpo().countryCode();
        entry.cpoPartyId = rated.cpo().partyId();
        entry.cdrId = rated.cdrId();
        entry.emspCountryCode = rated.emsp().countryCode();
        entry.emspPartyId = rated.emsp().partyId();
        entry.purpose = purpose;
        entry.ratingRevision = revision;
        entry.currency = currency;
        entry.sessionEnd = rated.endDateTime();
        entry.postedAt = now;
        entry.energyKwh = energyKwh;
        entry.reversesCdrId = rated.reverses();
        entry.agreementId = rated.agreementId();
        LedgerPosted event = new LedgerPosted(entry.id.toString(), entry.idempotencyKey, rated.cpo(), rated.cdrId(),
                rated.emsp(), purpose, revision, currency, lines.stream().map(l -> new LedgerPosted.Line(l.account(),
                        l.party(), l.side(), l.amountMinor(), Money.ofMinor(l.amountMinor(), currency).amount())).toList(),
                rated.endDateTime(), now);
        List<JournalTaxLine> taxRows = new ArrayList<>(taxes.size());
        for (Taxes.Line tax : taxes) {
            JournalTaxLine row = new JournalTaxLine();
            row.entryId = entry.id;
            row.lineNo = taxRows.size();
            row.name = tax.name();
            row.percentage = tax.percentage();
            row.amount = tax.amount();
            taxRows.add(row);
        }
        return entry.persist()
                .flatMap(saved -> Multi.createFrom().iterable(lines)
                        .onItem().transformToUniAndConcatenate(line -> {
                            JournalLine row = new JournalLine();
                            row.entryId = entry.id;
                            row.account = line.account();
                            row.party = line.party();
                            row.side = line.side();
                            row.amountMinor = line.amountMinor();
                            return row.persist();
                        })
                        .collect().last())
                .flatMap(done -> taxRows.isEmpty() ? Uni.createFrom().voidItem() : JournalTaxLine.persist(taxRows))
                .flatMap(done -> outbox.append(EventType.LEDGER_POSTED, event.key(), entry.id.toString(), event))
                // write now: the balance check runs at commit, and later queries in this session must see the rows
                .flatMap(appended -> Panache.getSession()).flatMap(session -> session.flush())
                .replaceWith(entry.id);
    }

    private static Uni<Void> remember(BookedRating known, CdrRated rated, long payable, long receivable, long fee,
                                      BigDecimal energy, UUID entryId) {
        BookedRating booked = known != null ? known : new BookedRating();
        booked.cpoCountryCode = rated.cpo().countryCode();
        booked.cpoPartyId = rated.cpo().partyId();
        booked.cdrId = rated.cdrId();
        booked.ratingRevision = rated.revision();
        booked.currency = rated.currency();
        booked.emspPayableMinor = payable;
        booked.cpoReceivableMinor = receivable;
        booked.hubFeeMinor = fee;
        booked.energyKwh = energy;
        booked.entryId = entryId;
        booked.authorizationReference = rated.authorizationReference();
        booked.invoiceReferenceId = rated.invoiceReferenceId();
        return known != null ? Uni.createFrom().voidItem() : booked.persist().replaceWithVoid();
    }

    /**
     * The CDR's energy, negative for a credit CDR like its amounts. A credit CDR rated without a breakdown takes
     * back the energy booked for the CDR it credits.
     */
    private static Uni<BigDecimal> energyOf(CdrRated rated) {
        BigDecimal energy = rated.breakdown() == null ? null : rated.breakdown().totalEnergyKwh();
        if (rated.reverses() == null) {
            return Uni.createFrom().item(energy);
        }
        if (energy != null) {
            return Uni.createFrom().item(energy.abs().negate());
        }
        return BookedRating.<BookedRating>findById(new BookedRating.Key(rated.cpo().countryCode(), rated.cpo().partyId(),
                        rated.reverses()))
                .map(credited -> credited == null || credited.energyKwh == null ? null : credited.energyKwh.negate());
    }

    private static long minor(Money money) {
        if (money == null) {
            throw new IllegalArgumentException("a rated CDR carries every amount");
        }
        return money.toMinorUnits();
    }
}
