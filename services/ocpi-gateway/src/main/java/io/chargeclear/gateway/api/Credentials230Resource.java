package io.chargeclear.gateway.api;

import io.chargeclear.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.chargeclear.gateway.domain.OcpiVersions;
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
 * OCPI 2.3.0 §credentials, the hub's side, when the hub offers 2.3.0 ({@code chargeclear.ocpi.versions}; else
 * {@link io.chargeclear.gateway.ocpi.OfferedTrees} answers every call HTTP 404 with OCPI 2000). A partner registering here is on 2.3.0; a 2.2.1 platform that PUTs here with its
 * token C is upgraded: the hub fetches its versions and details again and switches the platform in one step
 * (docs/adr/0025-ocpi-version-per-platform.md). The hub's credentials carry {@code hub_party_id} and, in
 * {@code roles}, the parties reachable for the caller instead of the 2.2.1 role {@code HUB}.
 */
@RolesAllowed({Roles.REGISTRATION, Roles.PLATFORM})
@Path("/ocpi/2.3.0/credentials")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@NonBlocking
@Tag(name = "ocpi credentials")
public class Credentials230Resource {

    private static final String VERSION = OcpiVersions.V2_3_0;

    private final CredentialsHandshake handshake;

    public Credentials230Resource(CredentialsHandshake handshake) {
        this.handshake = handshake;
    }

    @GET
    @Operation(summary = "The hub's credentials for the calling platform")
    public Uni<OcpiResponse<Credentials>> get() {
        return handshake.hubCredentials(OcpiCaller.current(), VERSION).map(OcpiResponses::success);
    }

    @POST
    @Operation(summary = "Register with token A: the hub fetches your endpoints with your token and answers token C")
    public Uni<OcpiResponse<Credentials>> register(@Valid @NotNull Credentials theirs) {
        return handshake.register(OcpiCaller.current(), theirs, VERSION).map(OcpiResponses::success);
    }

    @PUT
    @Operation(summary = "Update with token C, or upgrade a 2.2.1 registration to 2.3.0; the old token C keeps"
            + " working for a grace window")
    public Uni<OcpiResponse<Credentials>> update(@Valid @NotNull Credentials theirs) {
        return handshake.update(OcpiCaller.current(), theirs, VERSION).map(OcpiResponses::success);
    }

    @DELETE
    @Operation(summary = "Unregister: both sides stop all traffic; token C stops working")
    public Uni<OcpiResponse<Void>> unregister() {
        return handshake.unregister(OcpiCaller.current()).map(done -> OcpiResponses.success(null));
    }
}
