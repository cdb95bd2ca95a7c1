package io.chargeclear.registry.api;

import io.chargeclear.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.chargeclear.registry.service.ConnectionService;
import io.chargeclear.registry.service.PlatformService;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import io.chargeclear.model.event.PlatformChanged;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;

/**
 * Operator API for platforms: register, inspect, suspend, reactivate, unregister, issue a new token A; and the
 * registry's side of the OCPI credentials handshake, which the gateway calls with the operator token.
 */
@RolesAllowed(Roles.OPERATOR)
@Path("/admin/platforms")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "platforms")
@SecurityScheme(securitySchemeName = "admin", type = SecuritySchemeType.HTTP, scheme = "bearer")
@SecurityRequirement(name = "admin")
public class PlatformResource {

    private final PlatformService platforms;
    private final ConnectionService connections;

    public PlatformResource(PlatformService platforms, ConnectionService connections) {
        this.platforms = platforms;
        this.connections = connections;
    }

    @POST
    @Operation(summary = "Register a platform with the parties it may claim; the answer holds token A, shown only once")
    public Uni<Response> register(@Valid @NotNull RegisterPlatformRequest request) {
        return platforms.register(request).map(view -> Response.created(URI.create("/admin/platforms/" + view.id()))
                .entity(view).build());
    }

    @GET
    @Operation(summary = "List every platform, oldest first")
    public Uni<List<PlatformView>> list() {
        return platforms.list();
    }

    @GET
    @Path("/by-token")
    @Operation(summary = "The current snapshot (as on hub.party.v1) of the platform holding one of the accepted token"
            + " hashes; 404 when none does. The gateway asks it for a token it has not received yet")
    public Uni<PlatformChanged> byToken(@QueryParam("token_hash") @NotEmpty @Size(max = 4)
                                        List<@NotNull @Size(min = 64, max = 64) String> tokenHashes) {
        return platforms.snapshotHolding(tokenHashes);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Show one platform")
    public Uni<PlatformView> get(@PathParam("id") String id) {
        return platforms.get(id);
    }

    @POST
    @Path("/{id}/suspend")
    @Operation(summary = "Suspend a platform: the hub stops routing to and from it until reactivated")
    public Uni<PlatformView> suspend(@PathParam("id") String id) {
        return platforms.suspend(id);
    }

    @POST
    @Path("/{id}/reactivate")
    @Operation(summary = "Reactivate a suspended platform")
    public Uni<PlatformView> reactivate(@PathParam("id") String id) {
        return platforms.reactivate(id);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Unregister a platform for good; its parties become free to claim")
    public Uni<PlatformView> unregister(@PathParam("id") String id) {
        return platforms.unregister(id);
    }

    @PUT
    @Path("/{id}/parties/{country_code}/{party_id}/emaid-provider-ids")
    @Operation(summary = "Replace the EMAID provider ids an eMSP party holds: Plug & Charge authorizations of contract ids"
            + " that start with one are routed to it; 409 when another party holds one")
    public Uni<PlatformView> replaceEmaidProviders(@PathParam("id") String id,
                                                   @PathParam("country_code") String countryCode,
                                                   @PathParam("party_id") String partyId,
                                                   @Valid @NotNull EmaidProvidersRequest request) {
        return platforms.replaceEmaidProviders(id, countryCode, partyId, request);
    }

    @POST
    @Path("/{id}/token-a")
    @Operation(summary = "Issue a new token A: every token accepted so far stops working; the answer holds the new token, shown only once")
    public Uni<TokenAView> issueTokenA(@PathParam("id") String id) {
        return platforms.issueTokenA(id);
    }

    @POST
    @Path("/{id}/connection")
    @Operation(summary = "Complete the partner's OCPI credentials registration (token A presented) or update (token C presented);"
            + " for the OCPI gateway. The answer holds the new token C, shown only once")
    public Uni<ConnectionResult> connect(@PathParam("id") String id, @Valid @NotNull ConnectPlatformRequest request) {
        return connections.connect(id, request);
    }

    @DELETE
    @Path("/{id}/connection")
    @Operation(summary = "The partner unregistered (OCPI credentials DELETE with its token C): all its tokens stop working;"
            + " for the OCPI gateway")
    public Uni<DisconnectResult> disconnect(@PathParam("id") String id,
                                            @QueryParam("presented_token_hash") String presentedTokenHash) {
        return connections.disconnect(id, presentedTokenHash);
    }
}
