package io.chargeclear.gateway.ocpi;

import io.chargeclear.model.ocpi.TokenHeader;
import io.chargeclear.kit.directory.PlatformCredential;
import io.chargeclear.model.ocpi.OcpiStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Authenticates every request under {@code /ocpi} by the hub-issued token it presents (OCPI 2.2.1
 * §transport_and_format "Authorization header"): HTTP 401 when the header is missing, the token unknown or
 * expired, the platform suspended, token A used outside the versions and credentials modules, or a plain
 * (not Base64) token from a platform the operator did not set up for plain tokens. It runs
 * before routing, so an unauthenticated caller learns nothing about which paths exist, and on the event loop,
 * where the reactive lookup belongs.
 */
public class OcpiAuthFilter {

    /** Token A opens only the versions and credentials modules (OCPI 2.2.1 §credentials). */
    private static final Pattern REGISTRATION_PATHS = Pattern.compile("/ocpi/(versions|2\\.2\\.1|2\\.2\\.1/credentials)/?");

    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION)
    public Uni<Response> authenticate(ContainerRequestContext request) {
        String path = request.getUriInfo().getRequestUri().getRawPath();
        if (!path.equals("/ocpi") && !path.startsWith("/ocpi/")) {
            return Uni.createFrom().nullItem();
        }
        TokenHeader.Presented presented = TokenHeader.read(request.getHeaderString(HttpHeaders.AUTHORIZATION)).orElse(null);
        if (presented == null) {
            return Uni.createFrom().item(unauthorized("missing 'Authorization: Token <base64 token>' header"));
        }
        Instant now = Instant.now();
        List<String> candidates = presented.candidates();
        List<String> hashes = candidates.stream().map(TokenHeader::sha256).toList();
        return Panache.withSession(() -> PlatformCredential.<PlatformCredential>list("tokenHash in ?1", hashes))
                .map(found -> {
                    PlatformCredential credential = found.stream()
                            .filter(c -> c.expiresAt == null || c.expiresAt.isAfter(now))
                            .findFirst().orElse(null);
                    if (credential == null) {
                        return unauthorized("token not accepted: unknown, expired or revoked");
                    }
                    String token = candidates.get(hashes.indexOf(credential.tokenHash));
                    return admit(request, path, credential, token, presented.encoded(token));
                });
    }

    /** @return the refusal, or null to let the request through with its {@link OcpiCaller} */
    private static Response admit(ContainerRequestContext request, String path, PlatformCredential credential,
                                  String token, boolean encoded) {
        if (!"ACTIVE".equals(credential.platformStatus)) {
            return unauthorized("platform is " + credential.platformStatus.toLowerCase() + " at this hub");
        }
        if ("A".equals(credential.kind) && !REGISTRATION_PATHS.matcher(path).matches()) {
            return unauthorized("token A only opens the versions and credentials modules; register first");
        }
        if (!encoded && !credential.plainTokens) {
            return unauthorized("send the token Base64-encoded as OCPI 2.2.1 requires; this platform is not set up"
                    + " for plain tokens");
        }
        request.setProperty(OcpiCaller.PROPERTY,
                new OcpiCaller(credential.platformId, credential.kind, token, credential.plainTokens));
        return null;
    }

    private static Response unauthorized(String message) {
        return OcpiResponses.error(Response.Status.UNAUTHORIZED, OcpiStatus.CLIENT_ERROR, "Unauthorized: " + message);
    }
}
