package io.chargeclear.settlement.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chargeclear.kit.admin.ApiException;
import io.chargeclear.kit.security.Roles;
import io.chargeclear.settlement.persistence.Dispute;
import io.chargeclear.settlement.persistence.InvoiceRecordRow;
import io.chargeclear.settlement.persistence.SettledEntry;
import io.chargeclear.settlement.persistence.SettlementRun;
import io.chargeclear.settlement.persistence.TerminalPaidCdr;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Operator view of one CDR in settlement: the journal entries that booked it, the run and statement each entry was
 * settled in with the hub's invoice reconciliation records that list the CDR, whether it was paid at a terminal, and
 * its disputes (the console's CDR journey, ADR 0034).
 */
@RolesAllowed(Roles.OPERATOR)
@Path("/admin/settlement/cdrs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "ledger")
public class CdrSettlementResource {

    private static final Pattern COUNTRY_CODE = Pattern.compile("[A-Za-z]{2}");
    private static final Pattern PARTY_ID = Pattern.compile("[A-Za-z0-9]{3}");
    private static final ObjectMapper JSON = new ObjectMapper();

    @GET
    @Path("/{country_code}/{party_id}/{cdr_id}")
    @Operation(summary = "One CDR of one CPO in settlement: its journal entries, the run and statement that settled"
            + " each, the invoice records listing it, terminal payment and disputes")
    public Uni<CdrView> get(@PathParam("country_code") String countryCode, @PathParam("party_id") String partyId,
                            @PathParam("cdr_id") String cdrId) {
        if (!COUNTRY_CODE.matcher(countryCode).matches()) {
            throw ApiException.badRequest("country_code must be two letters, such as NL");
        }
        if (!PARTY_ID.matcher(partyId).matches()) {
            throw ApiException.badRequest("party_id must be three letters or digits, such as CP1");
        }
        String cc = countryCode.toUpperCase();
        String pid = partyId.toUpperCase();
        return Panache.withSession(() -> LedgerResource.entries(cc, pid, cdrId).flatMap(entries ->
                Dispute.<Dispute>list("cpoCountryCode = ?1 and cpoPartyId = ?2 and cdrId = ?3 order by openedAt",
                        cc, pid, cdrId).flatMap(disputes -> {
                    if (entries.isEmpty() && disputes.isEmpty()) {
                        throw ApiException.notFound("CDR " + cdrId + " of " + cc + "*" + pid
                                + " in settlement's journal");
                    }
                    List<UUID> ids = entries.stream().map(e -> UUID.fromString(e.entryId())).toList();
                    return settled(ids, cdrId).flatMap(settled -> TerminalPaidCdr.count(
                                    "cpoCountryCode = ?1 and cpoPartyId = ?2 and cdrId = ?3", cc, pid, cdrId)
                            .map(terminal -> new CdrView(cc, pid, cdrId, entries, settled, terminal > 0,
                                    disputes.stream().map(DisputeResource.DisputeView::of).toList())));
                })));
    }

    /** Each settled entry with its run's period and the invoice records of its statement that list the CDR. */
    private static Uni<List<Settled>> settled(List<UUID> entryIds, String cdrId) {
        if (entryIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return SettledEntry.<SettledEntry>list("entryId in ?1", entryIds).flatMap(settled -> {
            if (settled.isEmpty()) {
                return Uni.createFrom().item(List.<Settled>of());
            }
            List<UUID> runIds = settled.stream().map(s -> s.runId).distinct().toList();
            List<UUID> statementIds = settled.stream().map(s -> s.statementId).distinct().toList();
            return SettlementRun.<SettlementRun>list("id in ?1", runIds).flatMap(runs ->
                    InvoiceRecordRow.<InvoiceRecordRow>list("statementId in ?1 order by id", statementIds)
                            .map(records -> {
                                Map<UUID, SettlementRun> byId = runs.stream()
                                        .collect(Collectors.toMap(r -> r.id, Function.identity()));
                                return settled.stream().map(s -> {
                                    SettlementRun run = byId.get(s.runId);
                                    return new Settled(s.entryId.toString(), s.runId.toString(),
                                            s.statementId.toString(), run == null ? null : run.periodStart,
                                            run == null ? null : run.periodEnd, s.late,
                                            records.stream().filter(r -> r.statementId.equals(s.statementId)
                                                    && lists(r.cdrIds, cdrId)).map(r -> r.id).toList());
                                }).toList();
                            }));
        });
    }

    private static boolean lists(String jsonArray, String cdrId) {
        try {
            return JSON.readValue(jsonArray, new TypeReference<List<String>>() { }).contains(cdrId);
        } catch (IOException e) {
            throw new IllegalStateException("stored cdr_ids are not a JSON array", e);
        }
    }

    /** One CDR in settlement; {@code settled} is empty until a run settled one of its entries. */
    public record CdrView(
            @JsonProperty("country_code") String countryCode,
            @JsonProperty("party_id") String partyId,
            @JsonProperty("cdr_id") String cdrId,
            @JsonProperty("entries") List<LedgerResource.Entry> entries,
            @JsonProperty("settled") List<Settled> settled,
            @JsonProperty("terminal_paid") boolean terminalPaid,
            @JsonProperty("disputes") List<DisputeResource.DisputeView> disputes) {
    }

    /** A journal entry a run settled: the run, its period, the statement and the invoice records listing the CDR. */
    public record Settled(
            @JsonProperty("entry_id") String entryId,
            @JsonProperty("run_id") String runId,
            @JsonProperty("statement_id") String statementId,
            @JsonProperty("period_start") Instant periodStart,
            @JsonProperty("period_end") Instant periodEnd,
            @JsonProperty("late") boolean late,
            @JsonProperty("invoice_records") List<String> invoiceRecords) {
    }
}
