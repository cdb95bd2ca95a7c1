package io.chargeclear.gateway.ocpi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.chargeclear.gateway.config.GatewayConfig;
import io.chargeclear.kit.admin.ApiExceptionMappers;
import io.chargeclear.kit.admin.WrongShape;
import io.chargeclear.kit.inbox.Failures;
import io.chargeclear.model.ocpi.OcpiStatus;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.time.Duration;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Under {@code /ocpi}, every failure becomes an OCPI envelope naming the problem, never a bare HTTP 500;
 * elsewhere (the operator API) the kit's JSON errors apply. Registered ahead of the kit's mappers.
 */
public class OcpiExceptionMappers {

    private static final Logger LOG = Logger.getLogger(OcpiExceptionMappers.class);
    private static final int BEFORE_KIT = Priorities.USER - 100;
    private static final String RETRY_AFTER_SECONDS = "5";

    private final ApiExceptionMappers admin = new ApiExceptionMappers();
    private final long retryAfterSeconds;

    public OcpiExceptionMappers(GatewayConfig config) {
        Duration retryAfter = config.overload().retryAfter();
        this.retryAfterSeconds = Math.max(1, retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0));
    }

    @ServerExceptionMapper(priority = BEFORE_KIT)
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        if (!ocpi(uri)) {
            return admin.invalid(e);
        }
        return OcpiResponses.error(Response.Status.BAD_REQUEST, OcpiStatus.INVALID_OR_MISSING_PARAMETERS,
                ApiExceptionMappers.describe(e));
    }

    @ServerExceptionMapper(priority = BEFORE_KIT)
    public Response webApplication(WebApplicationException e, UriInfo uri, ContainerRequestContext request) {
        if (!ocpi(uri)) {
            return admin.webApplication(e, request);
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            // OCPI 2.2.1 §transport_and_format: invalid JSON is HTTP 400
            return OcpiResponses.error(Response.Status.BAD_REQUEST, OcpiStatus.INVALID_OR_MISSING_PARAMETERS,
                    "unreadable JSON: " + json.getOriginalMessage());
        }
        Response.Status status = Response.Status.fromStatusCode(e.getResponse().getStatus());
        return OcpiResponses.error(status == null ? Response.Status.BAD_REQUEST : status,
                status != null && status.getFamily() == Response.Status.Family.SERVER_ERROR
                        ? OcpiStatus.SERVER_ERROR : OcpiStatus.CLIENT_ERROR, e.getMessage());
    }

    /** Well-formed JSON of the wrong shape, naming the field (OCPI 2.2.1 §transport_and_format: HTTP 400). */
    @ServerExceptionMapper(priority = BEFORE_KIT)
    public Response wrongShape(MismatchedInputException e, UriInfo uri) {
        if (!ocpi(uri)) {
            return admin.wrongShape(e);
        }
        return OcpiResponses.error(Response.Status.BAD_REQUEST, OcpiStatus.INVALID_OR_MISSING_PARAMETERS,
                WrongShape.describe(e));
    }

    /**
     * A budget of in-flight work is full (docs/adr/0023-gateway-overload.md): refused at once, before anything was
     * done, with HTTP 503, {@code Retry-After} and OCPI 3000, the hub's own (server) condition; the same request
     * sent again later is accepted.
     */
    @ServerExceptionMapper(priority = BEFORE_KIT)
    public Response overloaded(BulkheadException e, UriInfo uri) {
        String retryAfter = Long.toString(retryAfterSeconds);
        Response refusal = ocpi(uri)
                ? OcpiResponses.error(Response.Status.SERVICE_UNAVAILABLE, OcpiStatus.SERVER_ERROR,
                        "the hub is at its limit of requests in progress; nothing was done, retry after "
                                + retryAfter + " s")
                : ApiExceptionMappers.error(503, "at the limit of requests in progress; retry later");
        return Response.fromResponse(refusal).header(HttpHeaders.RETRY_AFTER, retryAfter).build();
    }

    @ServerExceptionMapper(priority = BEFORE_KIT)
    public Response ocpiException(OcpiException e) {
        return OcpiResponses.error(e.http(), e.status(), e.getMessage());
    }

    /**
     * Whatever else escapes under /ocpi is the hub's fault: OCPI 3000, logged with its cause. While the database (or
     * the broker) cannot be reached the refusal is retryable instead: HTTP 503 with {@code Retry-After}, an OCPI 3000
     * envelope saying to retry later under /ocpi, the kit's JSON error elsewhere.
     */
    @ServerExceptionMapper(priority = BEFORE_KIT)
    public Response unexpected(RuntimeException e, UriInfo uri) {
        return failure(e, uri);
    }

    /** Checked exceptions reach here too (a refused connection is an {@code IOException}). */
    @ServerExceptionMapper(priority = BEFORE_KIT)
    public Response unexpectedChecked(Exception e, UriInfo uri) {
        return failure(e, uri);
    }

    private static Response failure(Exception e, UriInfo uri) {
        if (Failures.isTransient(e)) {
            LOG.warnf("refused %s while the infrastructure is unavailable: %s", uri.getPath(), Failures.describe(e));
            Response refusal = ocpi(uri)
                    ? OcpiResponses.error(Response.Status.SERVICE_UNAVAILABLE, OcpiStatus.SERVER_ERROR,
                            "the hub is temporarily unavailable (its database cannot be reached); retry later")
                    : ApiExceptionMappers.error(503, "temporarily unavailable (the database cannot be reached);"
                            + " retry later");
            return Response.fromResponse(refusal).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
        }
        LOG.errorf(e, "unexpected failure on %s", uri.getPath());
        if (!ocpi(uri)) {
            return ApiExceptionMappers.error(500, "internal error; it has been logged");
        }
        return OcpiResponses.error(Response.Status.OK, OcpiStatus.SERVER_ERROR,
                "the hub could not process the request; it has been logged");
    }

    private static boolean ocpi(UriInfo uri) {
        String path = uri.getPath();
        return path.equals("/ocpi") || path.startsWith("/ocpi/");
    }
}
