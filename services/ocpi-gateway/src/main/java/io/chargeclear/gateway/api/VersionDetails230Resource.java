package io.chargeclear.gateway.api;

import io.chargeclear.gateway.config.GatewayConfig;
import io.chargeclear.gateway.ocpi.OcpiResponses;
import io.chargeclear.kit.security.Roles;
import io.chargeclear.model.ocpi.OcpiResponse;
import io.chargeclear.model.ocpi.versions.VersionDetails;
import io.chargeclear.model.ocpi.versions.VersionNumber;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;


/**
 * OCPI 2.3.0 §version_information_endpoint, details of 2.3.0: the same modules as on 2.2.1, each read and answered
 * in 2.3.0 (ADR 0024); {@code payments} and {@code invoicereconciliation} are not served on any tree yet. HTTP 404
 * with OCPI 2000 while the hub does not offer 2.3.0 ({@code chargeclear.ocpi.versions}; {@link
 * io.chargeclear.gateway.ocpi.OfferedTrees}).
 */
@RolesAllowed({Roles.REGISTRATION, Roles.PLATFORM})
@Path("/ocpi/2.3.0")
@Produces(MediaType.APPLICATION_JSON)
@NonBlocking
@Tag(name = "ocpi versions")
public class VersionDetails230Resource {

    private final GatewayConfig config;

    public VersionDetails230Resource(GatewayConfig config) {
        this.config = config;
    }

    @GET
    @Operation(summary = "OCPI 2.3.0 module endpoints of the hub (token A or C)")
    public OcpiResponse<VersionDetails> details() {
        return OcpiResponses.success(new VersionDetails(VersionNumber.V2_3_0,
                VersionDetailsResource.endpoints(config.baseUrl() + "/ocpi/2.3.0",
                        VersionDetailsResource.only230(config.baseUrl() + "/ocpi/2.3.0"))));
    }
}
