package io.chargeclear.settlement.api;

import io.chargeclear.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.chargeclear.kit.admin.ApiException;
import io.chargeclear.model.event.OcpiParty;
import io.chargeclear.settlement.persistence.Dispute;
import io.chargeclear.settlement.service.Disputes;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Operator API of disputes: open one on behalf of a CDR's CPO or eMSP, list them, resolve them. */
@RolesAllowed(Roles.OPERATOR)
@Path("/admin/settlement/disputes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "disputes")
public class DisputeResource {

    private final Disputes disputes;

    public DisputeResource(Disputes disputes) {
        this.disputes = disputes;
    }

    /** A party as requests name it. */
    public record PartyRef(
            @JsonProperty("country_code") String countryCode,
            @JsonProperty("party_id") String partyId) {

        OcpiParty toParty(String field) {
            if (countryCode == null || partyId == null || !countryCode.matches("[A-Za-z]{2}")
                    || !partyId.matches("[A-Za-z0-9]{3}")) {
                throw ApiException.badRequest(field + " needs country_code (2 letters) and party_id (3 characters)");
            }
            return new OcpiParty(countryCode.toUpperCase(), partyId.toUpperCase());
        }
    }

    /** Opens a dispute of the CDR {@code cdr_id} of the CPO {@code cpo}. */
    public record OpenRequest(
            @JsonProperty("cpo") PartyRef cpo,
            @JsonProperty("cdr_id") String cdrId,
            @JsonProperty("opened_by") PartyRef openedBy,
            @JsonProperty("reason") String reason) {
    }

    /** Resolves a dispute: ACCEPTED, CORRECTED or REJECTED. */
    public record ResolveRequest(
            @JsonProperty("resolution") String resolution,
            @JsonProperty("note") String note) {
    }

    /** A dispute as the API shows it. */
    public record DisputeView(
            @JsonProperty("id") String id,
            @JsonProperty("cpo") OcpiParty cpo,
            @JsonProperty("cdr_id") String cdrId,
            @JsonProperty("opened_by") OcpiParty openedBy,
            @JsonProperty("reason") String reason,
            @JsonProperty("opened_at") Instant openedAt,
            @JsonProperty("status") String status,
            @JsonProperty("resolution") String resolution,
            @JsonProperty("note") String note,
            @JsonProperty("resolved_at") Instant resolvedAt) {

        public static DisputeView of(Dispute d) {
            return new DisputeView(d.id.toString(), new OcpiParty(d.cpoCountryCode, d.cpoPartyId), d.cdrId,
                    new OcpiParty(d.openedByCountryCode, d.openedByPartyId), d.reason, d.openedAt, d.status,
                    d.resolution, d.resolutionNote, d.resolvedAt);
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Open a dispute of a CDR (by its CPO or eMSP, within the agreement's dispute window);"
            + " the CDR stays out of settlement until it is resolved")
    public Uni<Response> open(OpenRequest request) {
        if (request == null) {
            throw ApiException.badRequest("a dispute needs cpo, cdr_id, opened_by and reason");
        }
        OcpiParty cpo = request.cpo() == null ? null : request.cpo().toParty("cpo");
        OcpiParty by = request.openedBy() == null ? null : request.openedBy().toParty("opened_by");
        return open(cpo, request.cdrId(), by, request.reason(), disputes);
    }

    static Uni<Response> open(OcpiParty cpo, String cdrId, OcpiParty by, String reason, Disputes disputes) {
        if (cpo == null || by == null) {
            throw ApiException.badRequest("a dispute needs cpo and opened_by, each with country_code and party_id");
        }
        if (cdrId == null || cdrId.isBlank() || cdrId.length() > 39) {
            throw ApiException.badRequest("cdr_id is required (at most 39 characters)");
        }
        if (reason == null || reason.isBlank() || reason.length() > 1000) {
            throw ApiException.badRequest("reason is required (at most 1000 characters)");
        }
        return disputes.open(cpo, cdrId, by, reason.trim())
                .map(d -> Response.status(Response.Status.CREATED).entity(DisputeView.of(d)).build());
    }

    @GET
    @Operation(summary = "Disputes, oldest first; status=OPEN|RESOLVED, party=NL*CP1 (its CDRs as CPO or eMSP)")
    public Uni<List<DisputeView>> list(@RestQuery("status") String status, @RestQuery("party") String party) {
        String wanted = status == null ? null : status.toUpperCase();
        if (wanted != null && !Set.of("OPEN", "RESOLVED").contains(wanted)) {
            throw ApiException.badRequest("status must be OPEN or RESOLVED");
        }
        OcpiParty who = SettlementResource.party(party);
        return disputes.list(wanted, who == null ? null : List.of(who))
                .map(all -> all.stream().map(DisputeView::of).toList());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One dispute")
    public Uni<DisputeView> get(@PathParam("id") String id) {
        return disputes.find(SettlementResource.uuid(id, "dispute")).map(d -> {
            if (d == null) {
                throw ApiException.notFound("dispute " + id);
            }
            return DisputeView.of(d);
        });
    }

    @POST
    @Path("/{id}/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Resolve a dispute: ACCEPTED or REJECTED (the CDR settles as billed) or CORRECTED (a credit"
            + " CDR of it is booked; both settle together)")
    public Uni<DisputeView> resolve(@PathParam("id") String id, ResolveRequest request) {
        if (request == null) {
            throw ApiException.badRequest("resolution must be one of ACCEPTED, CORRECTED, REJECTED");
        }
        String resolution = request.resolution() == null ? null : request.resolution().toUpperCase();
        return disputes.resolve(SettlementResource.uuid(id, "dispute"), resolution, request.note())
                .map(DisputeView::of);
    }
}
