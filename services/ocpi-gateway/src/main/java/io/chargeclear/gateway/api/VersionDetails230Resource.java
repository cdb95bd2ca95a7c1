package io.chargeclear.gateway.api;

import io.chargeclear.gateway.config.GatewayConfig;
import io.chargeclear.gateway.domain.OcpiVersions;
import io.chargeclear.gateway.ocpi.OcpiResponses;
import io.chargeclear.gateway.service.CredentialsHandshake;
import io.chargeclear.kit.security.Roles;
import io.chargeclear.model.ocpi.OcpiResponse;
import io.chargeclear.model.ocpi.versions.Endpoint;
import io.chargeclear.model.ocpi.versions.InterfaceRole;
import io.chargeclear.model.ocpi.versions.ModuleID;
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

import java.util.List;

/**
 * OCPI 2.3.0 §version_information_endpoint, details of 2.3.0: what the 2.3.0 tree serves today, which is the
 * credentials module (registration and the upgrade from 2.2.1). The functional modules join it when they are routed
 * for 2.3.0 peers; {@code payments} and {@code invoicereconciliation} are not served on any tree. HTTP 404 with OCPI
 * 2000 while the hub does not offer 2.3.0 ({@code chargeclear.ocpi.versions}).
 */
@RolesAllowed({Roles.REGISTRATION, Roles.PLATFORM})
@Path("/ocpi/2.3.0")
@Produces(MediaType.APPLICATION_JSON)
@NonBlocking
@Tag(name = "ocpi versions")
public class VersionDetails230Resource {

    private final GatewayConfig config;
    private final CredentialsHandshake handshake;

    public VersionDetails230Resource(GatewayConfig config, CredentialsHandshake handshake) {
        this.config = config;
        this.handshake = handshake;
    }

    @GET
    @Operation(summary = "OCPI 2.3.0 module endpoints of the hub (token A or C)")
    public OcpiResponse<VersionDetails> details() {
        handshake.requireOffered(OcpiVersions.V2_3_0);
        String base = config.baseUrl() + "/ocpi/2.3.0";
        return OcpiResponses.success(new VersionDetails(VersionNumber.V2_3_0, List.of(
                // OCPI 2.3.0 §credentials: the role means nothing for credentials; SENDER is the advice
                new Endpoint(ModuleID.CREDENTIALS, InterfaceRole.SENDER, base + "/credentials"))));
    }
}
