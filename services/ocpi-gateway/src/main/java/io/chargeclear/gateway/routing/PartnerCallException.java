package io.chargeclear.gateway.routing;

/** The hub could not get an answer from a partner: it timed out, or could not be reached at all. */
public class PartnerCallException extends RuntimeException {

    private final boolean timedOut;

    public PartnerCallException(String message, boolean timedOut, Throwable cause) {
        super(message, cause);
        this.timedOut = timedOut;
    }

    public boolean timedOut() {
        return timedOut;
    }
}
