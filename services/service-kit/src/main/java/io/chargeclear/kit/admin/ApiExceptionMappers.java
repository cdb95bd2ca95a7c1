package io.chargeclear.kit.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Locale;
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
        return error(400, "unreadable JSON: " + e.getOriginalMessage());
    }

    /** The JSON reader reports unreadable bodies as a 400 WebApplicationException wrapping Jackson's error. */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadable(json);
        }
        int status = e.getResponse().getStatus();
        return error(status, e.getMessage());
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
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(status, message)).build();
    }
}
