package io.chargeclear.gateway.ocpi;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.UUID;

/**
 * OCPI 2.2.1 §transport_and_format "Unique message IDs": every response echoes the request's
 * {@code X-Request-ID} and {@code X-Correlation-ID}; the hub makes them up where a caller sent none.
 */
public class CorrelationFilter {

    static final String REQUEST_ID = "X-Request-ID";
    static final String CORRELATION_ID = "X-Correlation-ID";

    @ServerResponseFilter
    public void echo(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getRequestUri().getRawPath();
        if (!path.startsWith("/ocpi")) {
            return;
        }
        String requestId = orNew(request.getHeaderString(REQUEST_ID));
        response.getHeaders().putSingle(REQUEST_ID, requestId);
        response.getHeaders().putSingle(CORRELATION_ID, orNew(request.getHeaderString(CORRELATION_ID)));
    }

    private static String orNew(String id) {
        return id == null || id.isBlank() ? UUID.randomUUID().toString() : id;
    }
}
