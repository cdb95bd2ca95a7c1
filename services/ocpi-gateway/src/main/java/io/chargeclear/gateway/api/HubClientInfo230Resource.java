package io.chargeclear.gateway.api;

import io.chargeclear.gateway.config.GatewayConfig;
import io.chargeclear.gateway.service.HubClientInfoQuery;
import io.chargeclear.kit.security.Roles;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The hubclientinfo on the OCPI 2.3.0 tree: the same interfaces as on 2.2.1 ({@link HubClientInfoResource}), with
 * bodies read and answered in 2.3.0 (ADR 0024).
 */
@RolesAllowed(Roles.PLATFORM)
@Path("/ocpi/2.3.0/hubclientinfo")
@Produces(MediaType.APPLICATION_JSON)
@NonBlocking
@Tag(name = "ocpi hubclientinfo")
public class HubClientInfo230Resource extends HubClientInfoResource {

    public HubClientInfo230Resource(GatewayConfig config, HubClientInfoQuery query) {
        super(config, query);
    }
}
