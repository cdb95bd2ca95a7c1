package io.chargeclear.gateway.ocpi;

import io.chargeclear.gateway.domain.OcpiVersions;
import io.chargeclear.gateway.service.CredentialsHandshake;
import io.chargeclear.model.ocpi.OcpiStatus;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A version's tree exists only while the hub offers that version ({@code chargeclear.ocpi.versions}, ADR 0025): every
 * path of the 2.3.0 tree answers HTTP 404 with OCPI 2000 otherwise, before authentication, as if it did not exist.
 */
public class OfferedTrees {

    private static final String TREE_230 = "/ocpi/" + OcpiVersions.V2_3_0;

    private final OcpiVersions versions;

    public OfferedTrees(CredentialsHandshake handshake) {
        this.versions = handshake.versions();
    }

    @ServerRequestFilter(preMatching = true)
    public Response check(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        boolean tree230 = path.equals(TREE_230) || path.startsWith(TREE_230 + "/");
        if (tree230 && !versions.offers(OcpiVersions.V2_3_0)) {
            return OcpiResponses.error(Response.Status.NOT_FOUND, OcpiStatus.CLIENT_ERROR,
                    "the hub does not offer OCPI " + OcpiVersions.V2_3_0
                            + "; GET /ocpi/versions lists the versions it offers");
        }
        return null;
    }
}
