package io.chargeclear.gateway.api;

import io.chargeclear.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.chargeclear.gateway.config.GatewayConfig;
import io.chargeclear.gateway.domain.OcpiVersions;
import io.chargeclear.gateway.ocpi.OcpiResponses;
import io.chargeclear.gateway.service.CredentialsHandshake;
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
 * OCPI §version_information_endpoint: the versions the hub offers ({@code chargeclear.ocpi.versions}), each with its
 * own details URL and tree ({@link VersionDetailsResource} serves the 2.2.1 details, {@link VersionDetails230Resource}
 * the 2.3.0 ones).
 */
@RolesAllowed({Roles.REGISTRATION, Roles.PLATFORM})
@Path("/ocpi")
@Produces(MediaType.APPLICATION_JSON)
@NonBlocking
@Tag(name = "ocpi versions")
public class VersionsResource {

    private final GatewayConfig config;
    private final OcpiVersions versions;

    public VersionsResource(GatewayConfig config, CredentialsHandshake handshake) {
        this.config = config;
        this.versions = handshake.versions();
    }

    @GET
    @Path("/versions")
    @Operation(summary = "OCPI versions the hub offers, each with its details URL (token A or C)")
    public OcpiResponse<List<Version>> versions() {
        return OcpiResponses.success(versions.offered().stream()
                .map(version -> new Version(number(version), config.baseUrl() + "/ocpi/" + version))
                .toList());
    }

    private static VersionNumber number(String version) {
        return OcpiVersions.V2_3_0.equals(version) ? VersionNumber.V2_3_0 : VersionNumber.V2_2_1;
    }
}
