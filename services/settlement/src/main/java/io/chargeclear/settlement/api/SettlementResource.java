package io.chargeclear.settlement.api;

import io.chargeclear.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.chargeclear.kit.admin.ApiException;
import io.chargeclear.model.event.InvoiceRecordIssued;
import io.chargeclear.model.event.NetPositionDetermined;
import io.chargeclear.model.event.OcpiParty;
import io.chargeclear.model.event.StatementIssued;
import io.chargeclear.model.money.Money;
import io.chargeclear.model.ocpi.OcpiDateTimeDeserializer;
import io.chargeclear.settlement.domain.TerminalPayments;
import io.chargeclear.settlement.persistence.SettlementRun;
import io.chargeclear.settlement.service.SettlementRuns;
import io.chargeclear.settlement.service.Statements;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Operator API of settlement runs: run a period, read what runs produced (JSON, or CSV with
 * {@code Accept: text/csv}). docs/operations/settlement.md shows it in use.
 */
@RolesAllowed(Roles.OPERATOR)
@Path("/admin/settlement")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "settlement")
public class SettlementResource {

    private static final Pattern PARTY = Pattern.compile("[A-Z]{2}\\*[A-Z0-9]{3}");

    private final SettlementRuns runs;
    private final Statements statements;

    public SettlementResource(SettlementRuns runs, Statements statements) {
        this.runs = runs;
        this.statements = statements;
    }

    /** Which period to settle; both absent: the period due (the one after the last run). */
    public record RunRequest(
            @JsonProperty("period_start") String periodStart,
            @JsonProperty("period_end") String periodEnd) {
    }

    /** A run: its period and everything it produced. */
    public record RunView(
            @JsonProperty("run_id") String runId,
            @JsonProperty("period_start") Instant periodStart,
            @JsonProperty("period_end") Instant periodEnd,
            @JsonProperty("period_length") String periodLength,
            @JsonProperty("time_zone") String timeZone,
            @JsonProperty("ran_at") Instant ranAt,
            @JsonProperty("entry_count") int entryCount,
            @JsonProperty("statements") List<StatementIssued> statements,
            @JsonProperty("net_positions") List<NetPositionDetermined> netPositions,
            @JsonProperty("hub_fee_revenue") List<Money> hubFeeRevenue,
            @JsonProperty("terminal_paid") List<TerminalPaidView> terminalPaid) {

        static RunView of(Statements.RunReport report) {
            SettlementRun run = report.run();
            return new RunView(run.id.toString(), run.periodStart, run.periodEnd, run.periodLength, run.timeZone,
                    run.ranAt, run.entryCount, report.statements(), report.netPositions(),
                    List.copyOf(report.hubFeeRevenue().values()),
                    report.terminalPaid().stream().map(TerminalPaidView::of).toList());
        }
    }

    /**
     * One line of a CPO's terminal-paid list (docs/adr/0030-terminal-paid-sessions-in-settlement.md): a session the
     * driver paid at a payment terminal, the CDR's total including taxes against what the payment terminal provider
     * captured. Information only: no eMSP owes it, and it is in no statement total or net position. A line without
     * {@code cdr_id} is a confirmation no terminal-paid CDR of the CPO matches ({@code ORPHAN_CONFIRMATION}); one
     * without {@code confirmation_id} is a CDR no confirmation names yet.
     */
    public record TerminalPaidView(
            @JsonProperty("cpo") OcpiParty cpo,
            @JsonProperty("cdr_id") String cdrId,
            @JsonProperty("authorization_reference") String authorizationReference,
            @JsonProperty("invoice_reference_id") String invoiceReferenceId,
            @JsonProperty("session_end") Instant sessionEnd,
            @JsonProperty("receiver") OcpiParty receiver,
            @JsonProperty("cdr_total") Money cdrTotal,
            @JsonProperty("confirmation_id") String confirmationId,
            @JsonProperty("payment_terminal_provider") OcpiParty paymentTerminalProvider,
            @JsonProperty("captured") Money captured,
            @JsonProperty("capture_status_code") String captureStatusCode,
            @JsonProperty("capture_status_message") String captureStatusMessage,
            @JsonProperty("eft_data") List<String> eftData,
            @JsonProperty("confirmation_last_updated") Instant confirmationLastUpdated,
            @JsonProperty("flags") List<String> flags) {

        static TerminalPaidView of(TerminalPayments.Line line) {
            TerminalPayments.PaidCdr cdr = line.cdr();
            TerminalPayments.Confirmation fac = line.confirmation();
            return new TerminalPaidView(line.cpo(), cdr == null ? null : cdr.cdrId(),
                    cdr != null ? cdr.authorizationReference() : fac.authorizationReference(),
                    cdr == null ? null : cdr.invoiceReferenceId(), cdr == null ? null : cdr.sessionEnd(),
                    cdr == null ? null : cdr.receiver(),
                    cdr == null ? null : Money.of(cdr.totalInclTaxes(), cdr.currency()),
                    fac == null ? null : fac.id(), fac == null ? null : fac.provider(),
                    fac == null ? null : Money.of(fac.captured(), fac.currency()),
                    fac == null ? null : fac.status().name(), fac == null ? null : fac.statusMessage(),
                    fac == null ? null : fac.eftData(), fac == null ? null : fac.lastUpdated(),
                    line.flags().stream().map(Enum::name).toList());
        }
    }

    /** A run without its figures, for the list. */
    public record RunSummary(
            @JsonProperty("run_id") String runId,
            @JsonProperty("period_start") Instant periodStart,
            @JsonProperty("period_end") Instant periodEnd,
            @JsonProperty("ran_at") Instant ranAt,
            @JsonProperty("entry_count") int entryCount) {
    }

    /** A statement with the journal entries it sums. */
    public record StatementDetail(
            @JsonProperty("statement") StatementIssued statement,
            @JsonProperty("entries") List<EntryView> entries) {
    }

    /** One entry of a statement. */
    public record EntryView(
            @JsonProperty("entry_id") String entryId,
            @JsonProperty("cdr_id") String cdrId,
            @JsonProperty("purpose") String purpose,
            @JsonProperty("rating_revision") int ratingRevision,
            @JsonProperty("session_end") Instant sessionEnd,
            @JsonProperty("late") boolean late,
            @JsonProperty("energy_kwh") String energyKwh,
            @JsonProperty("emsp_payable") Money emspPayable,
            @JsonProperty("cpo_receivable") Money cpoReceivable,
            @JsonProperty("hub_fee") Money hubFee,
            @JsonProperty("taxes") List<StatementIssued.TaxLine> taxes) {

        static EntryView of(Statements.StatementEntry e) {
            String currency = e.emspPayable().currency().getCurrencyCode();
            return new EntryView(e.entryId().toString(), e.cdrId(), e.purpose(), e.ratingRevision(), e.sessionEnd(),
                    e.late(), e.energyKwh().toPlainString(), e.emspPayable(), e.cpoReceivable(), e.hubFee(),
                    e.taxes().stream().map(t -> new StatementIssued.TaxLine(t.name(), t.percentage(),
                            Money.of(t.amount(), currency))).toList());
        }
    }

    @POST
    @Path("/runs")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Settle one period (201 with its statements and net positions; 200 with the same when it"
            + " was settled before); without a body, the period due: the one after the last run, or the last period"
            + " that has ended when nothing has run yet (409 while it has not ended)")
    public Uni<Response> run(RunRequest request) {
        Instant start = instant("period_start", request == null ? null : request.periodStart());
        Instant end = instant("period_end", request == null ? null : request.periodEnd());
        if (start == null && end == null) {
            return runs.duePeriod().flatMap(due -> run(due.start(), due.end()));
        }
        if (start == null || end == null) {
            throw ApiException.badRequest("give both period_start and period_end, or neither for the period due"
                    + " (the one after the last run)");
        }
        return run(start, end);
    }

    private Uni<Response> run(Instant start, Instant end) {
        return runs.run(start, end).flatMap(outcome -> statements.report(outcome.run())
                .map(report -> Response.status(outcome.created() ? Response.Status.CREATED : Response.Status.OK)
                        .entity(RunView.of(report)).build()));
    }

    @GET
    @Path("/runs")
    @Operation(summary = "Every settlement run, oldest period first")
    public Uni<List<RunSummary>> runs() {
        return statements.runs().map(all -> all.stream().map(r -> new RunSummary(r.id.toString(), r.periodStart,
                r.periodEnd, r.ranAt, r.entryCount)).toList());
    }

    @GET
    @Path("/runs/{run_id}")
    @Operation(summary = "One run with its statements, net positions and fee revenue")
    public Uni<RunView> run(@PathParam("run_id") String runId) {
        return statements.report(uuid(runId, "run")).map(RunView::of);
    }

    @GET
    @Path("/statements")
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @Operation(summary = "Gross statements of the run of one period (or of every run), optionally of one party"
            + " (party=NL*CP1) or currency; Accept: text/csv gives CSV")
    public Uni<Response> statements(@RestQuery("period_start") String periodStart,
                                    @RestQuery("period_end") String periodEnd, @RestQuery("party") String party,
                                    @RestQuery("currency") String currency, HttpHeaders headers) {
        OcpiParty who = party(party);
        return period(statements, periodStart, periodEnd)
                .flatMap(run -> statements.statements(run, who == null ? null : List.of(who),
                        currency == null ? null : currency.toUpperCase()))
                .map(list -> csv(headers) ? csvResponse(statementsCsv(list)) : Response.ok(list).build());
    }

    @GET
    @Path("/statements/{statement_id}")
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @Operation(summary = "One statement with the journal entries (CDRs) it sums; Accept: text/csv lists the entries")
    public Uni<Response> statement(@PathParam("statement_id") String statementId, HttpHeaders headers) {
        return statements.statement(uuid(statementId, "statement"), null).map(found -> {
            List<EntryView> entries = found.getValue().stream().map(EntryView::of).toList();
            return csv(headers) ? csvResponse(entriesCsv(found.getKey(), entries))
                    : Response.ok(new StatementDetail(found.getKey(), entries)).build();
        });
    }

    @GET
    @Path("/net-positions")
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @Operation(summary = "Net positions and payment instructions of the run of one period (or of every run),"
            + " optionally of one party; Accept: text/csv gives CSV")
    public Uni<Response> netPositions(@RestQuery("period_start") String periodStart,
                                      @RestQuery("period_end") String periodEnd, @RestQuery("party") String party,
                                      HttpHeaders headers) {
        OcpiParty who = party(party);
        return period(statements, periodStart, periodEnd)
                .flatMap(run -> statements.netPositions(run, who == null ? null : List.of(who)))
                .map(list -> csv(headers) ? csvResponse(netPositionsCsv(list)) : Response.ok(list).build());
    }

    @GET
    @Path("/invoice-records")
    @Operation(summary = "The OCPI 2.3.0 invoice reconciliation records the hub issued for the statements of one"
            + " period's run (or of every run), optionally of one party (party=NL*CP1, as CPO or eMSP)")
    public Uni<List<InvoiceRecordIssued>> invoiceRecords(@RestQuery("period_start") String periodStart,
                                                         @RestQuery("period_end") String periodEnd,
                                                         @RestQuery("party") String party) {
        OcpiParty who = party(party);
        return period(statements, periodStart, periodEnd)
                .flatMap(run -> statements.invoiceRecords(run, who == null ? null : List.of(who)));
    }

    @GET
    @Path("/terminal-paid")
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @Operation(summary = "The CPOs' terminal-paid sessions of one run's period (or of every period), optionally of one"
            + " CPO (party=NL*CP1): each CDR's total against the payment terminal's capture, with its flags;"
            + " information only, in no total; Accept: text/csv gives CSV")
    public Uni<Response> terminalPaid(@RestQuery("period_start") String periodStart,
                                      @RestQuery("period_end") String periodEnd, @RestQuery("party") String party,
                                      HttpHeaders headers) {
        OcpiParty who = party(party);
        return period(statements, periodStart, periodEnd)
                .flatMap(run -> statements.terminalPaid(run, who == null ? null : List.of(who)))
                .map(lines -> terminalPaidResponse(lines, headers));
    }

    static Response terminalPaidResponse(List<TerminalPayments.Line> lines, HttpHeaders headers) {
        List<TerminalPaidView> views = lines.stream().map(TerminalPaidView::of).toList();
        return csv(headers) ? csvResponse(terminalPaidCsv(views)) : Response.ok(views).build();
    }

    static Csv terminalPaidCsv(List<TerminalPaidView> lines) {
        Csv csv = new Csv("cpo", "cdr_id", "authorization_reference", "invoice_reference_id", "session_end",
                "receiver", "cdr_total", "currency", "confirmation_id", "payment_terminal_provider", "captured",
                "captured_currency", "capture_status_code", "flags");
        for (TerminalPaidView l : lines) {
            csv.row(l.cpo(), l.cdrId(), l.authorizationReference(), l.invoiceReferenceId(), l.sessionEnd(),
                    l.receiver(), l.cdrTotal() == null ? null : l.cdrTotal().amount().toPlainString(),
                    l.cdrTotal() == null ? null : l.cdrTotal().currency().getCurrencyCode(), l.confirmationId(),
                    l.paymentTerminalProvider(), l.captured() == null ? null : l.captured().amount().toPlainString(),
                    l.captured() == null ? null : l.captured().currency().getCurrencyCode(), l.captureStatusCode(),
                    String.join(";", l.flags()));
        }
        return csv;
    }

    /** The run of the period the two query parameters name; null (every run) when both are absent. */
    static Uni<SettlementRun> period(Statements statements, String periodStart, String periodEnd) {
        Instant start = instant("period_start", periodStart);
        Instant end = instant("period_end", periodEnd);
        if (start == null && end == null) {
            return Uni.createFrom().nullItem();
        }
        if (start == null || end == null) {
            throw ApiException.badRequest("give both period_start and period_end, or neither for every run");
        }
        return statements.runFor(start, end);
    }

    static boolean csv(HttpHeaders headers) {
        return headers.getAcceptableMediaTypes().stream()
                .anyMatch(t -> "text".equals(t.getType()) && "csv".equals(t.getSubtype()));
    }

    static Response csvResponse(Csv csv) {
        return Response.ok(csv.toString(), Csv.MEDIA_TYPE + "; charset=UTF-8").build();
    }

    static Csv statementsCsv(List<StatementIssued> list) {
        Csv csv = new Csv("statement_id", "run_id", "period_start", "period_end", "time_zone", "currency", "cpo",
                "emsp", "cdr_count", "entry_count", "late_entry_count", "energy_kwh", "emsp_payable",
                "cpo_receivable", "hub_fee", "taxes");
        for (StatementIssued s : list) {
            csv.row(s.statementId(), s.runId(), s.periodStart(), s.periodEnd(), s.timeZone(), s.currency(), s.cpo(),
                    s.emsp(), s.cdrCount(), s.entryCount(), s.lateEntryCount(), s.energyKwh().toPlainString(),
                    s.emspPayable().amount().toPlainString(), s.cpoReceivable().amount().toPlainString(),
                    s.hubFee().amount().toPlainString(), taxes(s.taxes()));
        }
        return csv;
    }

    /**
     * Tax lines in one CSV field, in their order: {@code GST 5% 0.50; QST 9.975% 1.00}, a line without a percentage
     * as {@code VAT 0.69}.
     */
    static String taxes(List<StatementIssued.TaxLine> taxes) {
        return taxes.stream().map(t -> t.name() + (t.percentage() == null ? "" : " " + t.percentage().toPlainString()
                + "%") + " " + t.amount().amount().toPlainString()).collect(Collectors.joining("; "));
    }

    static Csv netPositionsCsv(List<NetPositionDetermined> list) {
        Csv csv = new Csv("run_id", "period_start", "period_end", "party", "currency", "receivable", "payable", "net",
                "direction", "payer", "payee", "amount", "reference");
        for (NetPositionDetermined p : list) {
            csv.row(p.runId(), p.periodStart(), p.periodEnd(), p.party(), p.currency(),
                    p.receivable().amount().toPlainString(), p.payable().amount().toPlainString(),
                    p.net().amount().toPlainString(), p.payment().direction(), p.payment().payer(),
                    p.payment().payee(), p.payment().amount().amount().toPlainString(), p.payment().reference());
        }
        return csv;
    }

    static Csv entriesCsv(StatementIssued statement, List<EntryView> entries) {
        Csv csv = new Csv("statement_id", "cpo", "emsp", "currency", "cdr_id", "entry_id", "purpose",
                "rating_revision", "session_end", "late", "energy_kwh", "emsp_payable", "cpo_receivable", "hub_fee",
                "taxes");
        for (EntryView e : entries) {
            csv.row(statement.statementId(), statement.cpo(), statement.emsp(), statement.currency(), e.cdrId(),
                    e.entryId(), e.purpose(), e.ratingRevision(), e.sessionEnd(), e.late(), e.energyKwh(),
                    e.emspPayable().amount().toPlainString(), e.cpoReceivable().amount().toPlainString(),
                    e.hubFee().amount().toPlainString(), taxes(e.taxes()));
        }
        return csv;
    }

    static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OcpiDateTimeDeserializer.parse(value);
        } catch (DateTimeException e) {
            throw ApiException.badRequest(field + " must be a date-time such as 2026-11-01T00:00:00Z, not '" + value + "'");
        }
    }

    static OcpiParty party(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String upper = value.trim().toUpperCase();
        if (!PARTY.matcher(upper).matches()) {
            throw ApiException.badRequest("party must read country code * party id, such as NL*CP1, not '" + value + "'");
        }
        return new OcpiParty(upper.substring(0, 2), upper.substring(3));
    }

    static UUID uuid(String value, String what) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound(what + " " + value);
        }
    }
}
