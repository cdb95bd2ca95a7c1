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
        String message = e.getConstraintViolations().stream()
                .map(ApiExceptionMappers::describe)
                .sorted()
                .collect(Collectors.joining("; "));
        return error(400, message);
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

    private static String describe(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        // drop the resource method and parameter names: operators know the field, not our Java names
        String[] parts = path.split("\\.", 3);
        String field = parts.length == 3 ? parts[2] : path;
        // the API speaks snake_case JSON: name the field as the client wrote it
        return CAMEL_HUMP.matcher(field).replaceAll("$1_$2").toLowerCase(Locale.ROOT) + " " + violation.getMessage();
    }

    private static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(status, message)).build();
    }
}
