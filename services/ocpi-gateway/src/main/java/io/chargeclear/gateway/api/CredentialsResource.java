package io.chargeclear.gateway.api;

import io.chargeclear.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.chargeclear.gateway.ocpi.OcpiCaller;
import io.chargeclear.gateway.ocpi.OcpiResponses;
import io.chargeclear.gateway.service.CredentialsHandshake;
import io.chargeclear.model.ocpi.OcpiResponse;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * OCPI 2.2.1 §credentials, the hub's side. GET answers the hub's credentials object for the calling platform:
 * the hub keeps only hashes of the tokens it issued, so the token returned is the one the caller presented.
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
    public OcpiResponse<Credentials> get() {
        return OcpiResponses.success(handshake.hubCredentials(OcpiCaller.current().token()));
    }

    @POST
    @Operation(summary = "Register with token A: the hub fetches your endpoints with your token and answers token C")
    public Uni<OcpiResponse<Credentials>> register(@Valid @NotNull Credentials theirs) {
        return handshake.register(OcpiCaller.current(), theirs).map(OcpiResponses::success);
    }

    @PUT
    @Operation(summary = "Update with token C: new token, endpoints or version; the old token C keeps working for a grace window")
    public Uni<OcpiResponse<Credentials>> update(@Valid @NotNull Credentials theirs) {
        return handshake.update(OcpiCaller.current(), theirs).map(OcpiResponses::success);
    }

    @DELETE
    @Operation(summary = "Unregister: both sides stop all traffic; token C stops working")
    public Uni<OcpiResponse<Void>> unregister() {
        return handshake.unregister(OcpiCaller.current()).map(done -> OcpiResponses.success(null));
    }
}
