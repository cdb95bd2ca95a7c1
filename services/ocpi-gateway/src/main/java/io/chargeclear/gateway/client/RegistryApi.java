package io.chargeclear.gateway.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.chargeclear.model.event.PlatformChanged;
import io.chargeclear.model.ocpi.versions.Endpoint;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/**
 * The registry's side of the credentials handshake, and its answer about a token the gateway has not received yet.
 * The synchronous calls between services: the partner waits for token C and uses it on its very next request
 * (read-your-writes, see ADR 0006/0007), and a token A works the moment the registry returned it (ADR 0018).
 */
@Path("/admin/platforms")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface RegistryApi {

    @POST
    @Path("/{id}/connection")
    Uni<Connected> connect(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("id") String platformId,
                           Connect request);

    @DELETE
    @Path("/{id}/connection")
    Uni<Disconnected> disconnect(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
                                 @PathParam("id") String platformId,
                                 @QueryParam("presented_token_hash") String presentedTokenHash);

    /**
     * The current snapshot of the platform holding one of {@code tokenHashes} (HTTP 404 when none does): how the
     * gateway accepts a token, e.g. a token A just issued, before {@code hub.party.v1} brings it (ADR 0018).
     */
    @GET
    @Path("/by-token")
    Uni<PlatformChanged> platformHolding(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
                                         @QueryParam("token_hash") List<String> tokenHashes);

    /** What the partner sent and the hub learned from its endpoints. */
    record Connect(
            @JsonProperty("presented_token_hash") String presentedTokenHash,
            @JsonProperty("token_b") String tokenB,
            @JsonProperty("version") String version,
            @JsonProperty("versions_url") String versionsUrl,
            @JsonProperty("endpoints") List<Endpoint> endpoints,
            @JsonProperty("roles") List<DeclaredRole> roles) {
    }

    /** A role the partner declared in its credentials. */
    record DeclaredRole(
            @JsonProperty("country_code") String countryCode,
            @JsonProperty("party_id") String partyId,
            @JsonProperty("role") String role) {
    }

    /** Token C, shown once, and the platform's accepted tokens after the change. */
    record Connected(
            @JsonProperty("token_c") String tokenC,
            @JsonProperty("platform_id") String platformId,
            @JsonProperty("revision") long revision,
            @JsonProperty("credentials") List<PlatformChanged.IssuedCredential> credentials) {
    }

    /** The platform's revision after the partner unregistered. */
    record Disconnected(
            @JsonProperty("platform_id") String platformId,
            @JsonProperty("revision") long revision) {
    }
}
