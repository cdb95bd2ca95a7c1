package io.chargeclear.gateway.api;

import io.chargeclear.gateway.config.GatewayConfig;
import io.chargeclear.gateway.ocpi.OcpiCaller;
import io.chargeclear.gateway.ocpi.OcpiResponses;
import io.chargeclear.model.ocpi.OcpiResponse;
import io.chargeclear.model.ocpi.credentials.Credentials;
import io.chargeclear.model.ocpi.credentials.CredentialsRole;
import io.chargeclear.model.ocpi.credentials.Role;
import io.chargeclear.model.ocpi.locations.BusinessDetails;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * OCPI 2.2.1 §credentials, the hub's side. GET answers the hub's credentials object for the calling platform:
 * the hub keeps only hashes of the tokens it issued, so the token returned is the one the caller presented.
 */
@Path("/ocpi/2.2.1/credentials")
@Produces(MediaType.APPLICATION_JSON)
@NonBlocking
@Tag(name = "ocpi credentials")
public class CredentialsResource {

    private final GatewayConfig config;

    public CredentialsResource(GatewayConfig config) {
        this.config = config;
    }

    @GET
    @Operation(summary = "The hub's credentials for the calling platform")
    public OcpiResponse<Credentials> get(@Context ContainerRequestContext request) {
        OcpiCaller caller = (OcpiCaller) request.getProperty(OcpiCaller.PROPERTY);
        return OcpiResponses.success(hubCredentials(caller.token()));
    }

    private Credentials hubCredentials(String token) {
        GatewayConfig.Hub hub = config.hub();
        // OCPI 2.2.1 §credentials: a hub reports only itself, with role HUB; the parties behind it come
        // through HubClientInfo
        return new Credentials(token, config.baseUrl() + "/ocpi/versions", List.of(new CredentialsRole(Role.HUB,
                new BusinessDetails(hub.name(), null, null), hub.partyId(), hub.countryCode())));
    }
}
