package io.chargeclear.settlement.service;

import io.chargeclear.kit.admin.ApiException;
import io.chargeclear.model.event.InvoiceRecordIssued;
import io.chargeclear.model.event.NetPositionDetermined;
import io.chargeclear.model.event.OcpiParty;
import io.chargeclear.model.event.StatementIssued;
import io.chargeclear.model.money.Money;
import io.chargeclear.settlement.domain.Postings;
import io.chargeclear.settlement.domain.Taxes;
import io.chargeclear.settlement.domain.TerminalPayments;
import io.chargeclear.settlement.persistence.InvoiceRecordRow;
import io.chargeclear.settlement.persistence.JournalEntry;
import io.chargeclear.settlement.persistence.NetPositionRecord;
import io.chargeclear.settlement.persistence.SettledEntry;
import io.chargeclear.settlement.persistence.SettlementRun;
import io.chargeclear.settlement.persistence.StatementRecord;
import io.chargeclear.settlement.persistence.StatementTaxLine;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The read side of settlement: runs with their statements and net positions, a statement's entries. A party
 * filter keeps to what concerns that party (statements it is CPO or eMSP of, its own net positions).
 */
@ApplicationScoped
public class Statements {

    private final TerminalPaidSessions terminalPaid;

    public Statements(TerminalPaidSessions terminalPaid) {
        this.terminalPaid = terminalPaid;
    }

    /**
     * A run with everything it produced, and the terminal-paid list of its period: information for the CPOs, in no
     * total (docs/adr/0030-terminal-paid-sessions-in-settlement.md).
     */
    public record RunReport(SettlementRun run, List<StatementIssued> statements,
                            List<NetPositionDetermined> netPositions, Map<String, Money> hubFeeRevenue,
                            List<TerminalPayments.Line> terminalPaid) {
    }

    /** One entry a statement sums, with its tax lines as the rating gave them (negated on a reversal). */
    public record StatementEntry(UUID entryId, String cdrId, String purpose, int ratingRevision, Instant sessionEnd,
                                 boolean late, BigDecimal energyKwh, Money emspPayable, Money cpoReceivable,
                                 Money hubFee, List<Taxes.Line> taxes) {
    }

    public Uni<List<SettlementRun>> runs() {
        return Panache.withSession(() -> SettlementRun.listAll(Sort.by("periodStart")));
    }

    /** The full report of a run (all parties). */
    public Uni<RunReport> report(SettlementRun run) {
        return Panache.withSession(() -> StatementRecord.<StatementRecord>list("runId = ?1 order by cpoCountryCode,"
                        + " cpoPartyId, emspCountryCode, emspPartyId, currency", run.id)
                .flatMap(statements -> taxesOf(statements).flatMap(taxes -> NetPositionRecord.<NetPositionRecord>list(
                        "runId = ?1 order by partyCountryCode, partyId, currency", run.id).map(positions -> new RunReport(
                        run, statements.stream().map(s -> Views.statement(run, s, taxes.getOrDefault(s.id, List.of())))
                        .toList(), positions.stream().map(p -> Views.netPosition(run, p)).toList(),
                        SettlementRuns.feeRevenue(statements), List.of())))))
                .flatMap(report -> terminalPaid.report(null, run.periodStart, run.periodEnd)
                        .map(lines -> new RunReport(report.run(), report.statements(), report.netPositions(),
                                report.hubFeeRevenue(), lines)));
    }

    /**
     * The terminal-paid list of one run's period (of every period when {@code run} is null); with {@code parties},
     * only the lines of those of them that are the CPO.
     */
    public Uni<List<TerminalPayments.Line>> terminalPaid(SettlementRun run, List<OcpiParty> parties) {
        return terminalPaid.report(parties, run == null ? null : run.periodStart, run == null ? null : run.periodEnd);
    }

    public Uni<RunReport> report(UUID runId) {
        return Panache.withSession(() -> SettlementRun.<SettlementRun>findById(runId)).flatMap(run -> {
            if (run == null) {
                throw ApiException.notFound("settlement run " + runId);
            }
            return report(run);
        });
    }

    /** The run that settled exactly {@code [start, end)}; 404 when none did. */
    public Uni<SettlementRun> runFor(Instant start, Instant end) {
        return Panache.withSession(() -> SettlementRun.<SettlementRun>find("periodStart = ?1 and periodEnd = ?2",
                start, end).<SettlementRun>firstResult()).map(run -> {
            if (run == null) {
                throw ApiException.notFound("settlement run for the period " + start + " .. " + end
                        + " (run it with POST /admin/settlement/runs)");
            }
            return run;
        });
    }

    /**
     * Statements of one run, or of every run when {@code run} is null; with {@code parties}, only those one of them
     * is CPO or eMSP of.
     */
    public Uni<List<StatementIssued>> statements(SettlementRun run, List<OcpiParty> parties, String currency) {
        return Panache.withSession(() -> statementRecords(run, parties, currency)
                .flatMap(records -> runsOf(records.stream().map(r -> r.runId).distinct().toList())
                        .flatMap(runs -> taxesOf(records).map(taxes -> records.stream()
                                .map(r -> Views.statement(runs.get(r.runId), r, taxes.getOrDefault(r.id, List.of())))
                                .sorted(Comparator.comparing(StatementIssued::periodStart))
                                .toList()))));
    }

    /**
     * The hub's invoice reconciliation records of the statements of one run (or every run), by period, statement and
     * part; with {@code parties}, only those of statements one of them is CPO or eMSP of (docs/adr/0032, the
     * fallback for partners whose platform is on OCPI 2.2.1).
     */
    public Uni<List<InvoiceRecordIssued>> invoiceRecords(SettlementRun run, List<OcpiParty> parties) {
        return Panache.withSession(() -> statementRecords(run, parties, null).flatMap(statements -> {
            if (statements.isEmpty()) {
                return Uni.createFrom().item(List.<InvoiceRecordIssued>of());
            }
            Map<UUID, StatementRecord> byId = statements.stream()
                    .collect(Collectors.toMap(r -> r.id, Function.identity()));
            return InvoiceRecordRow.<InvoiceRecordRow>list("statementId in ?1 order by statementId, part",
                            List.copyOf(byId.keySet()))
                    .flatMap(rows -> runsOf(statements.stream().map(r -> r.runId).distinct().toList())
                            .map(runs -> rows.stream()
                                    .map(row -> Views.invoiceRecord(runs.get(row.runId), byId.get(row.statementId), row))
                                    .sorted(Comparator.comparing(InvoiceRecordIssued::periodStart)
                                            .thenComparing(r -> r.cpo().toString())
                                            .thenComparing(r -> r.emsp().toString())
                                            .thenComparing(InvoiceRecordIssued::currency)
                                            .thenComparingInt(InvoiceRecordIssued::part))
                                    .toList()));
        }));
    }

    /** Statement rows of one run (or every run), of {@code parties} as CPO or eMSP (all when null), of a currency. */
    private static Uni<List<StatementRecord>> statementRecords(SettlementRun run, List<OcpiParty> parties,
                                                               String currency) {
        StringBuilder query = new StringBuilder("from StatementRecord s where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (run != null) {
            query.append(" and s.runId = :run");
            params.put("run", run.id);
        }
        if (parties != null) {
            query.append(" and (").append(anyOf(parties, params, "s.cpoCountryCode", "s.cpoPartyId",
                    "s.emspCountryCode", "s.emspPartyId")).append(")");
        }
        if (currency != null) {
            query.append(" and s.currency = :currency");
            params.put("currency", currency);
        }
        query.append(" order by s.runId, s.cpoCountryCode, s.cpoPartyId, s.emspCountryCode, s.emspPartyId, s.currency");
        return StatementRecord.list(query.toString(), params);
    }

    /** Net positions of one run (or every run); with {@code parties}, only theirs. */
    public Uni<List<NetPositionDetermined>> netPositions(SettlementRun run, List<OcpiParty> parties) {
        StringBuilder query = new StringBuilder("from NetPositionRecord p where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (run != null) {
            query.append(" and p.runId = :run");
            params.put("run", run.id);
        }
        if (parties != null) {
            query.append(" and (").append(anyOf(parties, params, "p.partyCountryCode", "p.partyId")).append(")");
        }
        query.append(" order by p.runId, p.partyCountryCode, p.partyId, p.currency");
        return Panache.withSession(() -> NetPositionRecord.<NetPositionRecord>list(query.toString(), params)
                .flatMap(records -> runsOf(records.stream().map(r -> r.runId).distinct().toList())
                        .map(runs -> records.stream().map(r -> Views.netPosition(runs.get(r.runId), r))
                                .sorted(Comparator.comparing(NetPositionDetermined::periodStart))
                                .toList())));
    }

    /** One statement and the entries it sums; 404 when unknown, or with {@code parties} not one of theirs. */
    public Uni<Map.Entry<StatementIssued, List<StatementEntry>>> statement(UUID id, List<OcpiParty> parties) {
        return Panache.withSession(() -> StatementRecord.<StatementRecord>findById(id).flatMap(record -> {
            if (record == null || parties != null && parties.stream().noneMatch(p -> concerns(record, p))) {
                throw ApiException.notFound("statement " + id);
            }
            return SettlementRun.<SettlementRun>findById(record.runId)
                    .flatMap(run -> taxesOf(List.of(record)).flatMap(taxes -> SettledEntry.<SettledEntry>list(
                                    "statementId", id)
                            .flatMap(settled -> entries(settled))
                            .map(entries -> Map.entry(Views.statement(run, record,
                                    taxes.getOrDefault(record.id, List.of())), entries))));
        }));
    }

    /**
     * An HQL condition true when one of {@code parties} is named by one of the field pairs, given as country code
     * field then party id field ({@code s.cpoCountryCode, s.cpoPartyId, ...}); false for no parties.
     */
    static String anyOf(List<OcpiParty> parties, Map<String, Object> params, String... fieldPairs) {
        if (parties.isEmpty()) {
            return "1 = 0";
        }
        List<String> conditions = new ArrayList<>();
        for (int i = 0; i < parties.size(); i++) {
            params.put("cc" + i, parties.get(i).countryCode());
            params.put("pid" + i, parties.get(i).partyId());
            for (int f = 0; f < fieldPairs.length; f += 2) {
                conditions.add("(" + fieldPairs[f] + " = :cc" + i + " and " + fieldPairs[f + 1] + " = :pid" + i + ")");
            }
        }
        return String.join(" or ", conditions);
    }

    private static boolean concerns(StatementRecord s, OcpiParty party) {
        return s.cpoCountryCode.equals(party.countryCode()) && s.cpoPartyId.equals(party.partyId())
                || s.emspCountryCode.equals(party.countryCode()) && s.emspPartyId.equals(party.partyId());
    }

    private static Uni<List<StatementEntry>> entries(List<SettledEntry> settled) {
        if (settled.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Map<UUID, Boolean> late = settled.stream().collect(Collectors.toMap(s -> s.entryId, s -> s.late));
        return JournalEntry.<JournalEntry>list("id in ?1 order by sessionEnd, postedAt", List.copyOf(late.keySet()))
                .flatMap(entries -> SettlementRuns.linesOf(entries).flatMap(byEntry -> SettlementRuns.taxesOf(entries)
                        .map(taxes -> entries.stream().map(e -> {
                            Postings.Amounts amounts = Postings.amounts(byEntry.getOrDefault(e.id, List.of()), e.emsp(),
                                    e.cpo());
                            return new StatementEntry(e.id, e.cdrId, e.purpose, e.ratingRevision, e.sessionEnd,
                                    late.get(e.id), e.energyKwh == null ? BigDecimal.ZERO : Views.plain(e.energyKwh),
                                    Views.money(amounts.payable(), e.currency),
                                    Views.money(amounts.receivable(), e.currency), Views.money(amounts.fee(), e.currency),
                                    taxes.getOrDefault(e.id, List.of()));
                        }).toList())));
    }

    /** The tax lines of {@code statements}, by statement. */
    private static Uni<Map<UUID, List<StatementTaxLine>>> taxesOf(List<StatementRecord> statements) {
        if (statements.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return StatementTaxLine.<StatementTaxLine>list("statementId in ?1", statements.stream().map(s -> s.id).toList())
                .map(lines -> lines.stream().collect(Collectors.groupingBy(l -> l.statementId)));
    }

    private static Uni<Map<UUID, SettlementRun>> runsOf(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return SettlementRun.<SettlementRun>list("id in ?1", ids)
                .map(runs -> runs.stream().collect(Collectors.toMap(r -> r.id, Function.identity())));
    }
}
