package io.chargeclear.kit.admin;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Guards the operator API: every request under the admin prefix must carry {@code Authorization: Bearer <token>}. */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AdminAuthFilter implements ContainerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final byte[] expected;
    private final String prefix;

    /**
     * @param token  the operator's bearer token (env {@code CHARGECLEAR_ADMIN_TOKEN})
     * @param prefix the path prefix it protects
     */
    public AdminAuthFilter(@ConfigProperty(name = "chargeclear.admin.token") String token,
                           @ConfigProperty(name = "chargeclear.admin.path-prefix", defaultValue = "/admin") String prefix) {
        this.expected = token.getBytes(StandardCharsets.UTF_8);
        this.prefix = prefix.startsWith("/") ? prefix : "/" + prefix;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getRequestUri().getRawPath();
        if (!path.equals(prefix) && !path.startsWith(prefix + "/")) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.startsWith(BEARER)) {
            request.abortWith(unauthorized("missing 'Authorization: Bearer <admin token>' header"));
            return;
        }
        byte[] presented = header.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, presented)) {
            request.abortWith(unauthorized("admin token not accepted"));
        }
    }

    private static Response unauthorized(String message) {
        return Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(401, message))
                .build();
    }
}
