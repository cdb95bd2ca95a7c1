package io.chargeclear.gateway.partner;

/** The hub could not get an answer from a partner: it timed out, or could not be reached at all. */
public class PartnerCallException extends RuntimeException {

    private final boolean timedOut;
    private final boolean reached;

    public PartnerCallException(String message, boolean timedOut, boolean reached, Throwable cause) {
        super(message, cause);
        this.timedOut = timedOut;
        this.reached = reached;
    }

    /**
     * False when no connection could be opened at all (refused, unknown host, connect timeout): the partner is down,
     * whatever the request. True when it accepted the connection and then failed or fell silent on this request.
     */
    public boolean reached() {
        return reached;
    }

    public boolean timedOut() {
        return timedOut;
    }
}
