package io.chargeclear.kit.admin;

import jakarta.ws.rs.core.Response;

/** A refusal on the operator API with the HTTP status that fits (400, 404, 409...). */
public class ApiException extends RuntimeException {

    private final int status;

    public ApiException(Response.Status status, String message) {
        super(message);
        this.status = status.getStatusCode();
    }

    public int status() {
        return status;
    }

    public static ApiException notFound(String what) {
        return new ApiException(Response.Status.NOT_FOUND, what + " not found");
    }

    public static ApiException conflict(String message) {
        return new ApiException(Response.Status.CONFLICT, message);
    }

    /** The database or broker cannot be reached now: a 503 the client may retry. */
    public static ApiException unavailable(String message) {
        return new ApiException(Response.Status.SERVICE_UNAVAILABLE, message);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(Response.Status.BAD_REQUEST, message);
    }
}
