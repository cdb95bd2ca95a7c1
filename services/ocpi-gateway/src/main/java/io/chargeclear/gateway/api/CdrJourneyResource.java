package io.chargeclear.gateway.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.chargeclear.gateway.persistence.DeliveryJob;
import io.chargeclear.gateway.persistence.StoredObject;
import io.chargeclear.gateway.store.ObjectStore;
import io.chargeclear.kit.admin.ApiException;
import io.chargeclear.kit.security.Roles;
import io.chargeclear.model.event.OcpiParty;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Operator view of one CDR at the gateway: when and from which platform it came in, in which OCPI version it is
 * stored, to whom it was routed, and every delivery job that carried it (the console's CDR journey, ADR 0034).
 */
@RolesAllowed(Roles.OPERATOR)
@Path("/admin/cdrs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "deliveries")
public class CdrJourneyResource {

    private static final String MODULE = "cdrs";
    private static final Pattern COUNTRY_CODE = Pattern.compile("[A-Za-z]{2}");
    private static final Pattern PARTY_ID = Pattern.compile("[A-Za-z0-9]{3}");

    private final ObjectStore store;

    public CdrJourneyResource(ObjectStore store) {
        this.store = store;
    }

    @GET
    @Path("/{country_code}/{party_id}/{cdr_id}")
    @Operation(summary = "One CDR of one CPO as the gateway received it (sender platform, time, stored version,"
            + " recipient) with the delivery jobs that carried it, oldest first")
    public Uni<CdrView> get(@PathParam("country_code") String cc, @PathParam("party_id") String pid,
                            @PathParam("cdr_id") String cdrId) {
        if (!COUNTRY_CODE.matcher(cc).matches()) {
            throw new ApiException(Response.Status.BAD_REQUEST, "country_code must be two letters, such as NL");
        }
        if (!PARTY_ID.matcher(pid).matches()) {
            throw new ApiException(Response.Status.BAD_REQUEST, "party_id must be three letters or digits, such as CP1");
        }
        OcpiParty cpo = new OcpiParty(cc.toUpperCase(), pid.toUpperCase());
        return Panache.withSession(() -> store.find(MODULE, cpo, cdrId, "").flatMap(cdr -> {
            if (cdr == null) {
                throw new ApiException(Response.Status.NOT_FOUND, "the gateway received no CDR " + cdrId + " of " + cpo);
            }
            // the module as a literal, so that PostgreSQL's generic plan can use the partial index (V13)
            return DeliveryJob.<DeliveryJob>list("module = '" + MODULE + "' and objectKey = ?1 order by seq",
                            MODULE + ":" + cpo + "*" + cdr.objectId)
                    .map(jobs -> CdrView.of(cdr, jobs));
        }));
    }

    /** The stored CDR's facts, not its body; {@code recipient} is the eMSP it was routed to. */
    public record CdrView(
            @JsonProperty("country_code") String countryCode,
            @JsonProperty("party_id") String partyId,
            @JsonProperty("cdr_id") String cdrId,
            @JsonProperty("sender_platform") String senderPlatform,
            @JsonProperty("received_at") Instant receivedAt,
            @JsonProperty("last_updated") Instant lastUpdated,
            @JsonProperty("source_version") String sourceVersion,
            @JsonProperty("recipient") String recipient,
            @JsonProperty("deliveries") List<DeliveryResource.JobView> deliveries) {

        static CdrView of(StoredObject cdr, List<DeliveryJob> jobs) {
            return new CdrView(cdr.countryCode, cdr.partyId, cdr.objectId, cdr.senderPlatform, cdr.receivedAt,
                    cdr.lastUpdated, cdr.sourceVersion == null ? "2.2.1" : cdr.sourceVersion,
                    cdr.recipientCountryCode == null ? null : cdr.recipientCountryCode + "*" + cdr.recipientPartyId,
                    jobs.stream().map(DeliveryResource.JobView::of).toList());
        }
    }
}
