package io.chargeclear.gateway.ocpi;

import io.chargeclear.model.ocpi.OcpiStatus;
import jakarta.ws.rs.core.Response;

/** A refusal under {@code /ocpi} with its HTTP status and OCPI status code; becomes an envelope naming the problem. */
public class OcpiException extends RuntimeException {

    private final Response.Status http;
    private final OcpiStatus status;

    public OcpiException(Response.Status http, OcpiStatus status, String message) {
        super(message);
        this.http = http;
        this.status = status;
    }

    public Response.Status http() {
        return http;
    }

    public OcpiStatus status() {
        return status;
    }
}
