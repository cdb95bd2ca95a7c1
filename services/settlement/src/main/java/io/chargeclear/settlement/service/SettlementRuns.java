package io.chargeclear.settlement.service;

import io.chargeclear.kit.admin.ApiException;
import io.chargeclear.kit.outbox.Outbox;
import io.chargeclear.model.event.EventType;
import io.chargeclear.model.event.InvoiceRecordIssued;
import io.chargeclear.model.event.NetPositionDetermined;
import io.chargeclear.model.event.OcpiParty;
import io.chargeclear.model.event.StatementIssued;
import io.chargeclear.model.money.Money;
import io.chargeclear.settlement.config.SettlementConfig;
import io.chargeclear.settlement.domain.InvoiceRecords;
import io.chargeclear.settlement.domain.Netting;
import io.chargeclear.settlement.domain.Postings;
import io.chargeclear.settlement.domain.SettlementCalendar;
import io.chargeclear.settlement.domain.Taxes;
import io.chargeclear.settlement.persistence.InvoiceRecordRow;
import io.chargeclear.settlement.persistence.JournalEntry;
import io.chargeclear.settlement.persistence.JournalLine;
import io.chargeclear.settlement.persistence.JournalTaxLine;
import io.chargeclear.settlement.persistence.NetPositionRecord;
import io.chargeclear.settlement.persistence.SettledEntry;
import io.chargeclear.settlement.persistence.SettlementRun;
import io.chargeclear.settlement.persistence.StatementRecord;
import io.chargeclear.settlement.persistence.StatementTaxLine;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Settlement runs (docs/adr/0011-settlement-runs.md). A run settles one whole period of the hub's calendar, once:
 * it takes every journal entry not settled before whose session ended before the period's end (entries of earlier
 * periods that arrived after their own run count as late), leaves out CDRs under open dispute, and writes the gross
 * statements, the net positions and their events in one transaction. Asking for the same period again returns
 * the run as it was; periods settle in order, without gaps or overlaps; a period that has not ended cannot run.
 * Each statement keeps the taxes of its entries per tax name and percentage (docs/adr/0028-tax-lines-in-settlement.md).
 * The hub issues each statement as an invoice with OCPI 2.3.0 invoice reconciliation records listing its CDRs, written
 * and announced in the same transaction (docs/adr/0032-invoice-reconciliation.md, "The hub's own records").
 */
@ApplicationScoped
public class SettlementRuns {

    private static final Logger LOG = Logger.getLogger(SettlementRuns.class);
    /** Serializes runs: two at once would settle the same entries twice (the primary key would refuse it). */
    private static final long RUN_LOCK = 0x5e771e_0001L;

    private final Outbox outbox;
    private final SettlementCalendar calendar;
    private final Clock clock;
    private final OcpiParty hub;
    private final int cdrsPerRecord;

    public SettlementRuns(Outbox outbox, SettlementConfig config, Clock clock) {
        this.outbox = outbox;
        this.calendar = config.calendar();
        this.clock = clock;
        this.hub = new OcpiParty(config.hub().countryCode().toUpperCase(), config.hub().partyId().toUpperCase());
        this.cdrsPerRecord = InvoiceRecords.requirePerRecord(config.invoiceRecords().cdrsPerRecord());
    }

    /** A run and whether this call created it. */
    public record Outcome(SettlementRun run, boolean created) {
    }

    public SettlementCalendar calendar() {
        return calendar;
    }

    /**
     * The period due for settlement: the one after the last run, or the last period that has ended when nothing
     * has run yet. It may not have ended yet ({@link #run} then says from when it can run).
     */
    public Uni<SettlementCalendar.Period> duePeriod() {
        return Panache.withSession(() -> SettlementRun.<SettlementRun>find("order by periodEnd desc")
                .<SettlementRun>firstResult()).map(latest -> latest == null ? calendar.lastClosed(clock.instant())
                : calendar.periodOf(latest.periodEnd));
    }

    /**
     * Runs settlement for the period {@code [start, end)}, or returns the run that already settled it.
     *
     * @throws ApiException 400 when the two instants are not one whole period, 409 when the period has not ended
     *                      or does not follow the last settled period
     */
    public Uni<Outcome> run(Instant start, Instant end) {
        SettlementCalendar.Period period;
        try {
            period = calendar.period(start, end);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (period.end().isAfter(now)) {
            throw ApiException.conflict("the period " + period.start() + " .. " + period.end()
                    + " has not ended yet; it can be settled from " + period.end());
        }
        return Panache.withTransaction(() -> Panache.getSession()
                .flatMap(session -> session.createNativeQuery("select pg_advisory_xact_lock(" + RUN_LOCK + ")")
                        .getSingleResult())
                .flatMap(locked -> SettlementRun.<SettlementRun>find("periodStart", period.start()).<SettlementRun>firstResult())
                .flatMap(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().item(new Outcome(existing, false));
                    }
                    return SettlementRun.<SettlementRun>find("order by periodEnd desc").<SettlementRun>firstResult()
                            .flatMap(latest -> {
                                checkFollows(latest, period);
                                return settle(period, now).map(run -> new Outcome(run, true));
                            });
                }));
    }

    private void checkFollows(SettlementRun latest, SettlementCalendar.Period period) {
        if (latest == null || latest.periodEnd.equals(period.start())) {
            return;
        }
        if (period.start().isBefore(latest.periodEnd)) {
            throw ApiException.conflict("the period " + period.start() + " .. " + period.end()
                    + " overlaps what is settled already (up to " + latest.periodEnd + ")");
        }
        SettlementCalendar.Period missing = calendar.periodOf(latest.periodEnd);
        throw ApiException.conflict("periods settle in order: settle " + missing.start() + " .. " + missing.end()
                + " first");
    }

    private Uni<SettlementRun> settle(SettlementCalendar.Period period, Instant now) {
        return JournalEntry.<JournalEntry>list("""
                        from JournalEntry e where e.sessionEnd < ?1
                          and not exists (from SettledEntry s where s.entryId = e.id)
                          and not exists (from Dispute d where d.status = 'OPEN'
                                and d.cpoCountryCode = e.cpoCountryCode and d.cpoPartyId = e.cpoPartyId
                                and (d.cdrId = e.cdrId or d.cdrId = e.reversesCdrId))""", period.end())
                .flatMap(entries -> linesOf(entries).flatMap(lines -> taxesOf(entries)
                        .map(taxes -> items(entries, lines, taxes, period))))
                .flatMap(items -> {
                    Netting.Result result = Netting.settle(items);
                    return write(period, now, items, result);
                });
    }

    /** The lines of {@code entries}, by entry, as the domain reads them. */
    static Uni<Map<UUID, List<Postings.Line>>> linesOf(List<JournalEntry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return JournalLine.<JournalLine>list("entryId in ?1", entries.stream().map(e -> e.id).toList())
                .map(lines -> lines.stream().collect(Collectors.groupingBy(l -> l.entryId,
                        Collectors.mapping(l -> new Postings.Line(l.account, l.party, l.side, l.amountMinor),
                                Collectors.toList()))));
    }

    /** The tax lines of {@code entries}, by entry, each entry's in the order the rating gave them. */
    static Uni<Map<UUID, List<Taxes.Line>>> taxesOf(List<JournalEntry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return JournalTaxLine.<JournalTaxLine>list("entryId in ?1 order by entryId, lineNo",
                        entries.stream().map(e -> e.id).toList())
                .map(rows -> rows.stream().collect(Collectors.groupingBy(r -> r.entryId,
                        Collectors.mapping(r -> new Taxes.Line(r.name, r.percentage, r.amount), Collectors.toList()))));
    }

    private static List<Netting.Item> items(List<JournalEntry> entries, Map<UUID, List<Postings.Line>> lines,
                                            Map<UUID, List<Taxes.Line>> taxes, SettlementCalendar.Period period) {
        List<Netting.Item> items = new ArrayList<>(entries.size());
        for (JournalEntry e : entries) {
            Postings.Amounts amounts = Postings.amounts(lines.getOrDefault(e.id, List.of()), e.emsp(), e.cpo());
            items.add(new Netting.Item(e.id, e.cdrId, e.cpo(), e.emsp(), e.currency, amounts.payable(),
                    amounts.receivable(), amounts.fee(), e.energyKwh, e.sessionEnd.isBefore(period.start()),
                    taxes.getOrDefault(e.id, List.of())));
        }
        return items;
    }

    private Uni<SettlementRun> write(SettlementCalendar.Period period, Instant now, List<Netting.Item> items,
                                     Netting.Result result) {
        SettlementRun run = new SettlementRun();
        run.id = uuid("run", period.start().toString(), period.end().toString());
        run.periodStart = period.start();
        run.periodEnd = period.end();
        run.periodLength = calendar.length().name();
        run.timeZone = calendar.zone().getId();
        run.entryCount = items.size();
        run.ranAt = now;

        Map<UUID, Netting.Item> byEntry = items.stream().collect(Collectors.toMap(Netting.Item::entryId,
                Function.identity()));
        List<PanacheEntityBase> rows = new ArrayList<>();
        List<StatementIssued> statements = new ArrayList<>();
        List<InvoiceRecordIssued> invoiceRecords = new ArrayList<>();
        // rows that refer to a statement: written once the statements are
        List<PanacheEntityBase> ofStatements = new ArrayList<>();
        for (Netting.Statement s : result.statements()) {
            StatementRecord record = statementRecord(run, s);
            rows.add(record);
            List<StatementTaxLine> taxes = taxLines(record, s.taxes());
            ofStatements.addAll(taxes);
            statements.add(Views.statement(run, record, taxes));
            List<InvoiceRecords.Part> parts = InvoiceRecords.of(record.id.toString(),
                    s.entryIds().stream().map(id -> byEntry.get(id).cdrId()).toList(), cdrsPerRecord);
            if (parts.isEmpty()) {
                LOG.warnf("statement %s has no CDR id of at most %d characters: the hub issues no invoice"
                        + " reconciliation record for it", record.id, InvoiceRecords.MAX_CDR_ID_LENGTH);
            }
            for (InvoiceRecords.Part part : parts) {
                InvoiceRecordRow row = invoiceRecordRow(run, record, part);
                ofStatements.add(row);
                invoiceRecords.add(Views.invoiceRecord(run, record, row));
            }
            for (UUID entryId : s.entryIds()) {
                SettledEntry entry = new SettledEntry();
                entry.entryId = entryId;
                entry.runId = run.id;
                entry.statementId = record.id;
                entry.late = byEntry.get(entryId).late();
                ofStatements.add(entry);
            }
        }
        List<NetPositionDetermined> positions = new ArrayList<>();
        for (Netting.NetPosition p : result.netPositions()) {
            NetPositionRecord record = new NetPositionRecord();
            record.id = uuid("net-position", run.id.toString(), p.party(), p.currency());
            record.runId = run.id;
            OcpiParty party = party(p.party());
            record.partyCountryCode = party.countryCode();
            record.partyId = party.partyId();
            record.currency = p.currency();
            record.receivableMinor = p.receivable();
            record.payableMinor = p.payable();
            record.netMinor = p.net();
            record.direction = p.direction().name();
            rows.add(record);
            positions.add(Views.netPosition(run, record));
        }
        LOG.infof("settlement run %s for %s .. %s: %d entries, %d statements, %d net positions, %d invoice records,"
                        + " fee revenue %s", run.id, period.start(), period.end(), items.size(), statements.size(),
                positions.size(), invoiceRecords.size(), result.hubFeeRevenue());
        return run.persist()
                .flatMap(saved -> persistAll(rows))
                .flatMap(saved -> Panache.getSession()).flatMap(session -> session.flush())
                .flatMap(flushed -> persistAll(ofStatements))
                .flatMap(saved -> Multi.createFrom().iterable(statements)
                        .onItem().transformToUniAndConcatenate(s -> outbox.append(EventType.STATEMENT_ISSUED, s.key(),
                                s.statementId(), s))
                        .collect().asList())
                .flatMap(appended -> Multi.createFrom().iterable(positions)
                        .onItem().transformToUniAndConcatenate(p -> outbox.append(EventType.NET_POSITION_DETERMINED,
                                p.key(), p.party().toString(), p))
                        .collect().asList())
                .flatMap(appended -> Multi.createFrom().iterable(invoiceRecords)
                        .onItem().transformToUniAndConcatenate(r -> outbox.append(EventType.INVOICE_RECORD_ISSUED,
                                r.key(), r.statementId(), r))
                        .collect().asList())
                .flatMap(appended -> Panache.getSession()).flatMap(session -> session.flush())
                .replaceWith(run);
    }

    private static Uni<Void> persistAll(List<PanacheEntityBase> rows) {
        return rows.isEmpty() ? Uni.createFrom().voidItem() : PanacheEntityBase.persist(rows);
    }

    private static StatementRecord statementRecord(SettlementRun run, Netting.Statement s) {
        StatementRecord record = new StatementRecord();
        record.id = uuid("statement", run.id.toString(), s.cpo(), s.emsp(), s.currency());
        record.runId = run.id;
        OcpiParty cpo = party(s.cpo());
        OcpiParty emsp = party(s.emsp());
        record.cpoCountryCode = cpo.countryCode();
        record.cpoPartyId = cpo.partyId();
        record.emspCountryCode = emsp.countryCode();
        record.emspPartyId = emsp.partyId();
        record.currency = s.currency();
        record.cdrCount = s.cdrCount();
        record.entryCount = s.entryCount();
        record.lateEntryCount = s.lateEntryCount();
        record.energyKwh = s.energyKwh();
        record.emspPayableMinor = s.emspPayable();
        record.cpoReceivableMinor = s.cpoReceivable();
        record.hubFeeMinor = s.hubFee();
        return record;
    }

    private InvoiceRecordRow invoiceRecordRow(SettlementRun run, StatementRecord statement, InvoiceRecords.Part part) {
        InvoiceRecordRow row = new InvoiceRecordRow();
        row.id = part.recordId();
        row.statementId = statement.id;
        row.runId = run.id;
        row.part = part.part();
        row.parts = part.parts();
        row.issuerCountryCode = hub.countryCode();
        row.issuerPartyId = hub.partyId();
        row.cdrIds = Views.jsonList(part.cdrIds());
        row.omittedCdrIds = Views.jsonList(part.omittedCdrIds());
        // OCPI DateTime: to the second
        row.lastUpdated = run.ranAt.truncatedTo(ChronoUnit.SECONDS);
        return row;
    }

    private static List<StatementTaxLine> taxLines(StatementRecord record, List<Taxes.Total> totals) {
        List<StatementTaxLine> lines = new ArrayList<>(totals.size());
        for (Taxes.Total total : totals) {
            StatementTaxLine line = new StatementTaxLine();
            line.statementId = record.id;
            line.lineNo = lines.size();
            line.name = total.name();
            line.percentage = total.percentage();
            line.amountMinor = total.amountMinor();
            lines.add(line);
        }
        return lines;
    }

    /** Fee revenue per currency of a run's statements, from the records kept. */
    public static Map<String, Money> feeRevenue(List<StatementRecord> statements) {
        Map<String, Money> revenue = new TreeMap<>();
        for (StatementRecord s : statements) {
            revenue.merge(s.currency, Money.ofMinor(s.hubFeeMinor, s.currency), Money::plus);
        }
        return revenue;
    }

    static OcpiParty party(String spelled) {
        String[] parts = spelled.split("\\*", 2);
        return new OcpiParty(parts[0], parts[1]);
    }

    /** Ids derived from what they identify: the same period always has the same run and statement ids. */
    private static UUID uuid(String... parts) {
        return UUID.nameUUIDFromBytes(String.join("|", parts).getBytes(StandardCharsets.UTF_8));
    }
}
