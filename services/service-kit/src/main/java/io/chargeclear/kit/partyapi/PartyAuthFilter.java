package io.chargeclear.kit.partyapi;

import io.chargeclear.kit.admin.ApiError;
import io.chargeclear.kit.directory.DirectoryParty;
import io.chargeclear.kit.directory.PlatformCredential;
import io.chargeclear.model.event.OcpiParty;
import io.chargeclear.model.ocpi.TokenHeader;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.time.Instant;
import java.util.List;

/**
 * Guards a service's party API ({@code /party/...}): a partner platform reads what concerns its own parties with
 * the same credential it uses at the hub's OCPI interface, {@code Authorization: Token <token C>} (Base64 as OCPI
 * 2.2.1 asks, or plain for platforms set up for plain tokens). HTTP 401 for a missing, unknown, expired or
 * registration-only (A) token, or a suspended platform. The token hashes come from {@code hub.party.v1}
 * ({@link PartyCredentialsListener}); no token is ever stored.
 */
public class PartyAuthFilter {

    static final String PREFIX = "/party/";

    private final boolean enabled;

    /** @param enabled whether this service has a party API (build property {@code chargeclear.party-api.enabled}) */
    public PartyAuthFilter(@ConfigProperty(name = "chargeclear.party-api.enabled", defaultValue = "false") boolean enabled) {
        this.enabled = enabled;
    }

    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION)
    public Uni<Response> authenticate(ContainerRequestContext request) {
        String path = request.getUriInfo().getRequestUri().getRawPath();
        if (!enabled || !path.startsWith(PREFIX) && !path.equals("/party")) {
            return Uni.createFrom().nullItem();
        }
        TokenHeader.Presented presented = TokenHeader.read(request.getHeaderString(HttpHeaders.AUTHORIZATION)).orElse(null);
        if (presented == null) {
            return Uni.createFrom().item(unauthorized("missing 'Authorization: Token <base64 token C>' header"));
        }
        Instant now = Instant.now();
        List<String> candidates = presented.candidates();
        List<String> hashes = candidates.stream().map(TokenHeader::sha256).toList();
        return Panache.withSession(() -> PlatformCredential.<PlatformCredential>list("tokenHash in ?1", hashes)
                .flatMap(found -> {
                    PlatformCredential credential = found.stream()
                            .filter(c -> c.expiresAt == null || c.expiresAt.isAfter(now))
                            .findFirst().orElse(null);
                    if (credential == null) {
                        return Uni.createFrom().item(unauthorized("token not accepted: unknown, expired or revoked"));
                    }
                    String token = candidates.get(hashes.indexOf(credential.tokenHash));
                    if (!"ACTIVE".equals(credential.platformStatus)) {
                        return Uni.createFrom().item(unauthorized("platform is "
                                + credential.platformStatus.toLowerCase() + " at this hub"));
                    }
                    if (!"C".equals(credential.kind)) {
                        return Uni.createFrom().item(unauthorized("register first: token A opens no party API"));
                    }
                    if (!presented.encoded(token) && !credential.plainTokens) {
                        return Uni.createFrom().item(unauthorized("send the token Base64-encoded as OCPI 2.2.1"
                                + " requires; this platform is not set up for plain tokens"));
                    }
                    return DirectoryParty.<DirectoryParty>list("platformId = ?1 and status = 'ACTIVE'"
                                    + " order by countryCode, partyId", credential.platformId)
                            .map(parties -> {
                                request.setProperty(PartyCaller.PROPERTY, new PartyCaller(credential.platformId,
                                        parties.stream().map(p -> new OcpiParty(p.countryCode, p.partyId))
                                                .distinct().toList()));
                                return null;
                            });
                }));
    }

    private static Response unauthorized(String message) {
        return Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Token")
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(401, message))
                .build();
    }
}
