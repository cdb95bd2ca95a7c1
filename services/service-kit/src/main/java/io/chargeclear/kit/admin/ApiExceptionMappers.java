package io.chargeclear.kit.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Turns refusals on the operator API into {@link ApiError} JSON with the fitting HTTP status, never a 500. */
public class ApiExceptionMappers {

    private static final Pattern CAMEL_HUMP = Pattern.compile("([a-z0-9])([A-Z])");

    @ServerExceptionMapper
    public Response apiException(ApiException e) {
        return error(e.status(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        return error(400, describe(e));
    }

    /** All violations as one message naming each field as the client wrote it (snake_case). */
    public static String describe(ConstraintViolationException e) {
        return e.getConstraintViolations().stream()
                .map(ApiExceptionMappers::describeViolation)
                .sorted()
                .collect(Collectors.joining("; "));
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        if (e instanceof MismatchedInputException mismatched) {
            return wrongShape(mismatched);
        }
        return error(400, "unreadable JSON: " + e.getOriginalMessage());
    }

    /**
     * Well-formed JSON of the wrong shape ({@code "cpo": "NL*DC1"} where an object belongs). Mapped on its own class
     * because the JSON reader rethrows it as it is and the framework's mapper for that class, which would otherwise
     * win over {@link #unreadable}, answers a 400 with no body.
     */
    @ServerExceptionMapper
    public Response wrongShape(MismatchedInputException e) {
        return error(400, WrongShape.describe(e));
    }

    /**
     * The JSON reader reports unreadable bodies as a 400 WebApplicationException wrapping Jackson's error; routing
     * refuses with 404, 405 and 415 without a word on what to do instead.
     */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, ContainerRequestContext request) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadable(json);
        }
        int status = e.getResponse().getStatus();
        if (status == 404 && e.getCause() != null) {
            String parameter = unconvertible(e.getCause(), request);
            if (parameter != null) {
                return error(400, parameter);
            }
        }
        return error(status, switch (status) {
            case 404 -> "no endpoint " + request.getMethod() + " " + path(request)
                    + "; check the path and the service's port";
            case 405 -> request.getMethod() + " is not allowed on " + path(request) + "; the path takes other"
                    + " methods (the service's OpenAPI document lists them)";
            case 415 -> unsupported(request);
            default -> e.getMessage();
        });
    }

    /**
     * A query parameter whose value does not convert to its type ({@code limit=ten}), which JAX-RS answers with a
     * 404 as if the endpoint did not exist: the parameter whose value the conversion failed on, and what it must be;
     * null when no query parameter holds that value.
     */
    private static String unconvertible(Throwable cause, ContainerRequestContext request) {
        String refused = String.valueOf(cause.getMessage());
        for (Map.Entry<String, List<String>> parameter : request.getUriInfo().getQueryParameters().entrySet()) {
            for (String value : parameter.getValue()) {
                if (refused.contains("\"" + value + "\"")) {
                    return parameter.getKey() + (cause instanceof NumberFormatException ? " must be a whole number"
                            : " does not have the expected form") + ", not '" + value + "'";
                }
            }
        }
        return null;
    }

    private static String unsupported(ContainerRequestContext request) {
        String sent = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        return "send the body as application/json (Content-Type: application/json)"
                + (sent == null ? "" : ", not " + sent);
    }

    /** The path as the client wrote it; a refusal never fails on a path that does not parse as a URI. */
    private static String path(ContainerRequestContext request) {
        try {
            return request.getUriInfo().getRequestUri().getRawPath();
        } catch (RuntimeException unparsable) {
            return "this path";
        }
    }

    private static String describeViolation(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        // drop the resource method and parameter names: operators know the field, not our Java names
        String[] parts = path.split("\\.", 3);
        String field = parts.length == 3 ? parts[2] : path;
        // the API speaks snake_case JSON: name the field as the client wrote it
        return CAMEL_HUMP.matcher(field).replaceAll("$1_$2").toLowerCase(Locale.ROOT) + " " + violation.getMessage();
    }

    public static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(status, message))
                .build();
    }
}
