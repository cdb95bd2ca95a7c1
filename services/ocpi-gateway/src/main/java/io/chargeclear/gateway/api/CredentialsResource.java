package io.chargeclear.gateway.api;

import io.chargeclear.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.chargeclear.gateway.domain.OcpiVersions;
import io.chargeclear.gateway.ocpi.OcpiCaller;
import io.chargeclear.gateway.ocpi.OcpiException;
import io.chargeclear.gateway.ocpi.OcpiResponses;
import io.chargeclear.gateway.service.CredentialsHandshake;
import io.chargeclear.model.ocpi.OcpiResponse;
import io.chargeclear.model.ocpi.OcpiStatus;
import io.chargeclear.model.ocpi.credentials.Credentials;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * OCPI 2.2.1 §credentials, the hub's side. GET answers the hub's credentials object for the calling platform:
 * the hub keeps only hashes of the tokens it issued, so the token returned is the one the caller presented. A
 * platform registered on 2.3.0 that PUTs here is switched down to 2.2.1 ({@link Credentials230Resource}).
 */
@RolesAllowed({Roles.REGISTRATION, Roles.PLATFORM})
@Path("/ocpi/2.2.1/credentials")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@NonBlocking
@Tag(name = "ocpi credentials")
public class CredentialsResource {

    private final CredentialsHandshake handshake;

    public CredentialsResource(CredentialsHandshake handshake) {
        this.handshake = handshake;
    }

    @GET
    @Operation(summary = "The hub's credentials for the calling platform")
    public Uni<OcpiResponse<Credentials>> get() {
        return handshake.hubCredentials(OcpiCaller.current(), OcpiVersions.V2_2_1).map(OcpiResponses::success);
    }

    @POST
    @Operation(summary = "Register with token A: the hub fetches your endpoints with your token and answers token C")
    public Uni<OcpiResponse<Credentials>> register(@Valid @NotNull Credentials theirs) {
        refuseHubPartyId(theirs);
        return handshake.register(OcpiCaller.current(), theirs, OcpiVersions.V2_2_1).map(OcpiResponses::success);
    }

    @PUT
    @Operation(summary = "Update with token C: new token or endpoints, or a switch to 2.2.1; the old token C keeps working"
            + " for a grace window")
    public Uni<OcpiResponse<Credentials>> update(@Valid @NotNull Credentials theirs) {
        refuseHubPartyId(theirs);
        return handshake.update(OcpiCaller.current(), theirs, OcpiVersions.V2_2_1).map(OcpiResponses::success);
    }

    @DELETE
    @Operation(summary = "Unregister: both sides stop all traffic; token C stops working")
    public Uni<OcpiResponse<Void>> unregister() {
        return handshake.unregister(OcpiCaller.current()).map(done -> OcpiResponses.success(null));
    }

    /** {@code hub_party_id} is a 2.3.0 field: a 2.3.0 body on the 2.2.1 tree is refused, naming it. */
    private static void refuseHubPartyId(Credentials theirs) {
        if (theirs.hubPartyId() != null) {
            throw new OcpiException(Response.Status.BAD_REQUEST, OcpiStatus.INVALID_OR_MISSING_PARAMETERS,
                    "hub_party_id is not a field of OCPI 2.2.1 credentials; a 2.3.0 platform registers on"
                            + " /ocpi/2.3.0/credentials");
        }
    }
}
