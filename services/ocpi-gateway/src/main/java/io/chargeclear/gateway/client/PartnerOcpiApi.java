package io.chargeclear.gateway.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import java.io.Closeable;

/**
 * A GET on one URL a partner published (its versions or version details endpoint). Built per call with the
 * URL as base URI and closed after it, so its connection pool does not outlive the handshake; the body is read
 * as text so a partner's malformed answer becomes a clear OCPI 3001.
 */
public interface PartnerOcpiApi extends Closeable {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    Uni<String> get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                    @HeaderParam("X-Request-ID") String requestId,
                    @HeaderParam("X-Correlation-ID") String correlationId);
}
