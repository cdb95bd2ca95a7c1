package io.chargeclear.settlement.api;

import io.chargeclear.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.chargeclear.kit.admin.ApiException;
import io.chargeclear.kit.partyapi.PartyCaller;
import io.chargeclear.model.event.InvoiceRecordIssued;
import io.chargeclear.model.event.OcpiParty;
import io.chargeclear.settlement.persistence.SettlementRun;
import io.chargeclear.settlement.service.Balances;
import io.chargeclear.settlement.service.Disputes;
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

import java.util.List;

/**
 * The party API of settlement: a partner platform, with its OCPI token C ({@code Authorization: Token ...}),
 * reads the statements and net positions of its own parties and disputes their CDRs. It sees nothing of other
 * parties: a statement between two others is "not found". It also serves the invoice reconciliation records the hub
 * issues for its statements: OCPI 2.2.1 has no such module, so this is where a 2.2.1 platform reads them
 * (docs/adr/0032-invoice-reconciliation.md, the brief's fallback L7).
 */
@RolesAllowed(Roles.PLATFORM)
@Path("/party/settlement")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "party settlement")
public class PartySettlementResource {

    private final Statements statements;
    private final Disputes disputes;
    private final Balances balances;

    public PartySettlementResource(Statements statements, Disputes disputes, Balances balances) {
        this.statements = statements;
        this.disputes = disputes;
        this.balances = balances;
    }

    @GET
    @Path("/balances")
    @Operation(summary = "Your parties' ledger accounts as of a moment (default now): a positive receivable is what"
            + " you owe the hub, a negative payable what the hub owes you")
    public Uni<List<LedgerResource.Balance>> balances(@RestQuery("currency") String currency,
                                                      @RestQuery("as_of") String asOf) {
        return balances.asOf(LedgerResource.instant(asOf), PartyCaller.current().parties(), currency)
                .map(LedgerResource::views);
    }

    @GET
    @Path("/statements")
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @Operation(summary = "Statements your parties are CPO or eMSP of, of one period's run (or every run);"
            + " Accept: text/csv gives CSV")
    public Uni<Response> statements(@RestQuery("period_start") String periodStart,
                                    @RestQuery("period_end") String periodEnd, @RestQuery("currency") String currency, HttpHeaders headers) {
        List<OcpiParty> mine = PartyCaller.current().parties();
        return runOf(periodStart, periodEnd)
                .flatMap(run -> statements.statements(run, mine, currency == null ? null : currency.toUpperCase()))
                .map(list -> SettlementResource.csv(headers)
                        ? SettlementResource.csvResponse(SettlementResource.statementsCsv(list))
                        : Response.ok(list).build());
    }

    @GET
    @Path("/statements/{statement_id}")
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @Operation(summary = "One of your statements with the CDRs it sums")
    public Uni<Response> statement(@PathParam("statement_id") String statementId, HttpHeaders headers) {
        return statements.statement(SettlementResource.uuid(statementId, "statement"), PartyCaller.current().parties())
                .map(found -> {
                    List<SettlementResource.EntryView> entries = found.getValue().stream()
                            .map(SettlementResource.EntryView::of).toList();
                    return SettlementResource.csv(headers)
                            ? SettlementResource.csvResponse(SettlementResource.entriesCsv(found.getKey(), entries))
                            : Response.ok(new SettlementResource.StatementDetail(found.getKey(), entries)).build();
                });
    }

    @GET
    @Path("/net-positions")
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @Operation(summary = "Your parties' net positions and payment instructions; Accept: text/csv gives CSV")
    public Uni<Response> netPositions(@RestQuery("period_start") String periodStart,
                                      @RestQuery("period_end") String periodEnd, HttpHeaders headers) {
        List<OcpiParty> mine = PartyCaller.current().parties();
        return runOf(periodStart, periodEnd)
                .flatMap(run -> statements.netPositions(run, mine))
                .map(list -> SettlementResource.csv(headers)
                        ? SettlementResource.csvResponse(SettlementResource.netPositionsCsv(list))
                        : Response.ok(list).build());
    }

    @GET
    @Path("/invoice-records")
    @Operation(summary = "The OCPI 2.3.0 invoice reconciliation records the hub issued for statements your parties are"
            + " CPO or eMSP of, of one run's period (or every run): each statement's CDR ids under its statement id as"
            + " invoice_id, from the hub's party; the same records 2.3.0 platforms receive")
    public Uni<List<InvoiceRecordIssued>> invoiceRecords(@RestQuery("period_start") String periodStart,
                                                         @RestQuery("period_end") String periodEnd) {
        List<OcpiParty> mine = PartyCaller.current().parties();
        return runOf(periodStart, periodEnd).flatMap(run -> statements.invoiceRecords(run, mine));
    }

    @GET
    @Path("/terminal-paid")
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @Operation(summary = "Terminal-paid sessions of your CPOs, of one run's period (or every period): each CDR's total"
            + " against what the payment terminal captured, with its flags; information only, owed by no eMSP;"
            + " Accept: text/csv gives CSV")
    public Uni<Response> terminalPaid(@RestQuery("period_start") String periodStart,
                                      @RestQuery("period_end") String periodEnd, HttpHeaders headers) {
        List<OcpiParty> mine = PartyCaller.current().parties();
        return runOf(periodStart, periodEnd)
                .flatMap(run -> statements.terminalPaid(run, mine))
                .map(lines -> SettlementResource.terminalPaidResponse(lines, headers));
    }

    @GET
    @Path("/disputes")
    @Operation(summary = "Disputes of CDRs your parties are CPO or eMSP of")
    public Uni<List<DisputeResource.DisputeView>> disputes() {
        return disputes.list(null, PartyCaller.current().parties())
                .map(all -> all.stream().map(DisputeResource.DisputeView::of).toList());
    }

    @POST
    @Path("/disputes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Dispute a CDR one of your parties is CPO or eMSP of, within the agreement's window;"
            + " opened_by may be left out when your platform has one party")
    public Uni<Response> dispute(DisputeResource.OpenRequest body) {
        if (body == null) {
            throw ApiException.badRequest("a dispute needs cpo, cdr_id and reason");
        }
        PartyCaller caller = PartyCaller.current();
        OcpiParty by;
        if (body.openedBy() != null) {
            by = body.openedBy().toParty("opened_by");
            if (!caller.speaksFor(by)) {
                throw new ApiException(Response.Status.FORBIDDEN, "your platform does not speak for " + by);
            }
        } else if (caller.parties().size() == 1) {
            by = caller.parties().get(0);
        } else {
            throw ApiException.badRequest("opened_by is required: your platform speaks for " + caller.parties());
        }
        OcpiParty cpo = body.cpo() == null ? null : body.cpo().toParty("cpo");
        return DisputeResource.open(cpo, body.cdrId(), by, body.reason(), disputes);
    }

    private Uni<SettlementRun> runOf(String periodStart, String periodEnd) {
        return SettlementResource.period(statements, periodStart, periodEnd);
    }
}
