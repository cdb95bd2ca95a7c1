package io.chargeclear.console.upstream;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.chargeclear.model.event.NetPositionDetermined;
import io.chargeclear.model.event.OcpiParty;
import io.chargeclear.model.event.StatementIssued;
import io.chargeclear.model.money.Money;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.time.Instant;
import java.util.List;

/**
 * Settlement's operator API: runs with their statements and net positions (the records of the events
 * {@code settlement.statement.v1} and {@code settlement.net-position.v1}), the same as CSV, and disputes.
 */
@RegisterRestClient(configKey = "settlement")
@RegisterClientHeaders(AdminToken.class)
public interface SettlementApi {

    String CSV = "text/csv";

    @GET
    @Path("/admin/settlement/runs")
    @Produces(MediaType.APPLICATION_JSON)
    List<RunSummary> runs();

    @GET
    @Path("/admin/settlement/runs/{run_id}")
    @Produces(MediaType.APPLICATION_JSON)
    Run run(@PathParam("run_id") String runId);

    @GET
    @Path("/admin/settlement/statements")
    @Produces(CSV)
    String statementsCsv(@QueryParam("period_start") String periodStart, @QueryParam("period_end") String periodEnd);

    @GET
    @Path("/admin/settlement/net-positions")
    @Produces(CSV)
    String netPositionsCsv(@QueryParam("period_start") String periodStart, @QueryParam("period_end") String periodEnd);

    @GET
    @Path("/admin/settlement/disputes")
    @Produces(MediaType.APPLICATION_JSON)
    List<Dispute> disputes(@QueryParam("status") String status);

    @GET
    @Path("/admin/settlement/cdrs/{country_code}/{party_id}/{cdr_id}")
    @Produces(MediaType.APPLICATION_JSON)
    CdrSettlement cdr(@PathParam("country_code") String countryCode, @PathParam("party_id") String partyId,
                      @PathParam("cdr_id") String cdrId);

    /** One CDR in settlement: its journal entries, the runs that settled them, terminal payment, disputes. */
    record CdrSettlement(
            @JsonProperty("entries") List<Entry> entries,
            @JsonProperty("settled") List<Settled> settled,
            @JsonProperty("terminal_paid") boolean terminalPaid,
            @JsonProperty("disputes") List<Dispute> disputes) {
    }

    /** A journal entry that booked the CDR. */
    record Entry(
            @JsonProperty("entry_id") String entryId,
            @JsonProperty("purpose") String purpose,
            @JsonProperty("rating_revision") int ratingRevision,
            @JsonProperty("currency") String currency,
            @JsonProperty("posted_at") Instant postedAt,
            @JsonProperty("lines") List<Line> lines) {
    }

    /** One line of an entry; the amount is a decimal in the entry's currency. */
    record Line(@JsonProperty("account") String account, @JsonProperty("side") String side,
                @JsonProperty("amount") String amount) {
    }

    /** An entry a run settled: the run, its period, the statement and the hub's invoice records listing the CDR. */
    record Settled(
            @JsonProperty("entry_id") String entryId,
            @JsonProperty("run_id") String runId,
            @JsonProperty("statement_id") String statementId,
            @JsonProperty("period_start") Instant periodStart,
            @JsonProperty("period_end") Instant periodEnd,
            @JsonProperty("late") boolean late,
            @JsonProperty("invoice_records") List<String> invoiceRecords) {
    }

    /** A run without its figures. */
    record RunSummary(
            @JsonProperty("run_id") String runId,
            @JsonProperty("period_start") Instant periodStart,
            @JsonProperty("period_end") Instant periodEnd,
            @JsonProperty("ran_at") Instant ranAt,
            @JsonProperty("entry_count") int entryCount) {
    }

    /** A run and what it produced. */
    record Run(
            @JsonProperty("run_id") String runId,
            @JsonProperty("period_start") Instant periodStart,
            @JsonProperty("period_end") Instant periodEnd,
            @JsonProperty("time_zone") String timeZone,
            @JsonProperty("ran_at") Instant ranAt,
            @JsonProperty("entry_count") int entryCount,
            @JsonProperty("statements") List<StatementIssued> statements,
            @JsonProperty("net_positions") List<NetPositionDetermined> netPositions,
            @JsonProperty("hub_fee_revenue") List<Money> hubFeeRevenue) {
    }

    /** A dispute of a CDR by its CPO or eMSP. */
    record Dispute(
            @JsonProperty("id") String id,
            @JsonProperty("cpo") OcpiParty cpo,
            @JsonProperty("cdr_id") String cdrId,
            @JsonProperty("opened_by") OcpiParty openedBy,
            @JsonProperty("reason") String reason,
            @JsonProperty("opened_at") Instant openedAt,
            @JsonProperty("status") String status,
            @JsonProperty("resolution") String resolution) {
    }
}
