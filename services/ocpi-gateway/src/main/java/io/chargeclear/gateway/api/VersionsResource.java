package io.chargeclear.gateway.api;

import io.chargeclear.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.chargeclear.gateway.config.GatewayConfig;
import io.chargeclear.gateway.ocpi.OcpiResponses;
import io.chargeclear.model.ocpi.OcpiResponse;
import io.chargeclear.model.ocpi.versions.Version;
import io.chargeclear.model.ocpi.versions.VersionNumber;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * OCPI 2.2.1 §version_information_endpoint: the versions the hub speaks ({@link VersionDetailsResource} serves the
 * 2.2.1 details).
 */
@RolesAllowed({Roles.REGISTRATION, Roles.PLATFORM})
@Path("/ocpi")
@Produces(MediaType.APPLICATION_JSON)
@NonBlocking
@Tag(name = "ocpi versions")
public class VersionsResource {

    private final GatewayConfig config;

    public VersionsResource(GatewayConfig config) {
        this.config = config;
    }

    @GET
    @Path("/versions")
    @Operation(summary = "OCPI versions the hub supports (token A or C)")
    public OcpiResponse<List<Version>> versions() {
        return OcpiResponses.success(List.of(new Version(VersionNumber.V2_2_1, config.baseUrl() + "/ocpi/2.2.1")));
    }
}
