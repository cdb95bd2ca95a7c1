package io.chargeclear.model.ocpi;

import java.util.Arrays;
import java.util.Optional;

/**
 * The OCPI status codes with a defined meaning, carried in {@link OcpiResponse#statusCode()}.
 * <p>
 * OCPI 2.2.1 §status_codes. Ranges 19xx, 29xx, 39xx and 49xx are custom codes and therefore have no constant here;
 * use {@link #isSuccess(int)} and friends to classify any code.
 */
public enum OcpiStatus {
    /** Generic success. */
    SUCCESS(1000),
    /** Generic client error. */
    CLIENT_ERROR(2000),
    /** Invalid or missing parameters, e.g. a PATCH without last_updated or a URL id that differs from the body. */
    INVALID_OR_MISSING_PARAMETERS(2001),
    /** Not enough information, e.g. an authorization request without the LocationReferences the eMSP needs. */
    NOT_ENOUGH_INFORMATION(2002),
    /** Unknown Location, e.g. a START_SESSION command for a location the CPO does not know. */
    UNKNOWN_LOCATION(2003),
    /** Unknown Token, answered to a real-time authorization request. */
    UNKNOWN_TOKEN(2004),
    /** Generic server error. */
    SERVER_ERROR(3000),
    /** Unable to use the client's API, e.g. the versions or version details GET failed during registration. */
    UNABLE_TO_USE_CLIENT_API(3001),
    /** Unsupported version. */
    UNSUPPORTED_VERSION(3002),
    /** No matching endpoints or expected endpoints missing between the parties. */
    NO_MATCHING_ENDPOINTS(3003),
    /** Hub: generic error. */
    HUB_ERROR(4000),
    /** Hub: unknown receiver (the TO address is unknown). */
    UNKNOWN_RECEIVER(4001),
    /** Hub: the forwarded request timed out. */
    TIMEOUT_ON_FORWARDED_REQUEST(4002),
    /** Hub: the receiving party is not connected. */
    CONNECTION_PROBLEM(4003);

    private final int code;

    OcpiStatus(int code) {
        this.code = code;
    }

    /** The four-digit code as sent in {@code status_code}. */
    public int code() {
        return code;
    }

    /** The constant for a defined code; empty for custom or unknown codes. */
    public static Optional<OcpiStatus> fromCode(int code) {
        return Arrays.stream(values()).filter(status -> status.code == code).findFirst();
    }

    /** 1xxx: success, including custom 19xx codes. */
    public static boolean isSuccess(int code) {
        return code >= 1000 && code < 2000;
    }

    /** 2xxx: the client sent something the server cannot process. */
    public static boolean isClientError(int code) {
        return code >= 2000 && code < 3000;
    }

    /** 3xxx: the server failed. */
    public static boolean isServerError(int code) {
        return code >= 3000 && code < 4000;
    }

    /** 4xxx: the hub could not route or forward the request. */
    public static boolean isHubError(int code) {
        return code >= 4000 && code < 5000;
    }
}
