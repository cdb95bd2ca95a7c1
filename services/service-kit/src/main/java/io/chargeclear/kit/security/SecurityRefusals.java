package io.chargeclear.kit.security;

import io.chargeclear.kit.admin.ApiError;
import io.chargeclear.model.ocpi.OcpiResponse;
import io.chargeclear.model.ocpi.OcpiStatus;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.lang.reflect.Method;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Every refusal of the security layer as a body a client can act on, never an HTTP 500: 401 (no credential, or
 * one refused: unknown, expired, suspended platform, plain token not allowed) with {@code WWW-Authenticate}, 403
 * (authenticated, wrong role) naming what the endpoint needs. On OCPI endpoints the body is an OCPI envelope with
 * status 2000 (OCPI 2.2.1 §transport_and_format "Authorization header"); elsewhere the operator API's
 * {@link ApiError}. Which one is decided by the matched resource, not by the request's path as written.
 */
public class SecurityRefusals {

    private static final int FIRST = Priorities.USER - 200;

    @ServerExceptionMapper(priority = FIRST)
    public Response refused(AuthenticationFailedException e, ResourceInfo resource, UriInfo uri) {
        String message = e.getMessage() == null || e.getMessage().isBlank() ? "credential not accepted" : e.getMessage();
        return unauthorized(resource, uri, message);
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response anonymous(UnauthorizedException e, ResourceInfo resource, UriInfo uri) {
        return unauthorized(resource, uri, needs(resource).contains(Roles.OPERATOR)
                ? "missing 'Authorization: Bearer <admin token>' header"
                : "missing 'Authorization: Token <base64 token>' header");
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response forbidden(ForbiddenException e, ResourceInfo resource, UriInfo uri) {
        Set<String> needed = needs(resource);
        SecurityIdentity identity = CurrentIdentityAssociation.current();
        String message;
        if (identity.hasRole(Roles.REGISTRATION) && needed.contains(Roles.PLATFORM)) {
            message = "token A only opens the versions and credentials modules; register first";
        } else if (needed.contains(Roles.OPERATOR)) {
            message = "this is an operator API: it takes the operator's bearer token, not a partner's token";
        } else if (needed.contains(Roles.PLATFORM) || needed.contains(Roles.REGISTRATION)) {
            message = "this is a partner API: it takes a partner platform's OCPI token"
                    + (needed.contains(Roles.REGISTRATION) ? "" : " C") + ", not the operator's token";
        } else {
            message = "this endpoint is closed";
        }
        return refusal(resource, uri, Response.Status.FORBIDDEN, "Forbidden: " + message, null);
    }

    private static Response unauthorized(ResourceInfo resource, UriInfo uri, String message) {
        String challenge = needs(resource).contains(Roles.OPERATOR) ? "Bearer" : "Token";
        return refusal(resource, uri, Response.Status.UNAUTHORIZED, "Unauthorized: " + message, challenge);
    }

    private static Response refusal(ResourceInfo resource, UriInfo uri, Response.Status status, String message,
                                    String challenge) {
        Response.ResponseBuilder response = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE);
        if (challenge != null) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, challenge);
        }
        if (ocpi(resource, uri)) {
            return response.entity(OcpiResponse.of(OcpiStatus.CLIENT_ERROR, message,
                    Instant.now().truncatedTo(ChronoUnit.MILLIS))).build();
        }
        return response.entity(new ApiError(status.getStatusCode(), message)).build();
    }

    /** The roles the matched endpoint allows: its method's {@code @RolesAllowed}, else its class's; none if denied. */
    static Set<String> needs(ResourceInfo resource) {
        Method method = resource == null ? null : resource.getResourceMethod();
        RolesAllowed allowed = method == null ? null : method.getAnnotation(RolesAllowed.class);
        if (allowed == null && resource != null && resource.getResourceClass() != null) {
            allowed = resource.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        return allowed == null ? Set.of() : Set.copyOf(Arrays.asList(allowed.value()));
    }

    /** OCPI when the matched resource lives under {@code /ocpi}; without one, the decoded, normalized path decides. */
    static boolean ocpi(ResourceInfo resource, UriInfo uri) {
        Class<?> type = resource == null ? null : resource.getResourceClass();
        Path path = type == null ? null : type.getAnnotation(Path.class);
        if (path != null) {
            return underOcpi(path.value());
        }
        return uri != null && underOcpi(uri.getPath());
    }

    private static boolean underOcpi(String path) {
        List<String> segments = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty() && !s.equals(".")).toList();
        return !segments.isEmpty() && segments.get(0).split(";", 2)[0].equalsIgnoreCase("ocpi");
    }
}
