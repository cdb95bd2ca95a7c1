package io.chargeclear.gateway.partner;

/**
 * The hub could not get an answer from a partner: it timed out, could not be reached at all, or the hub's queue to it
 * was full.
 */
public class PartnerCallException extends RuntimeException {

    private final boolean timedOut;
    private final boolean reached;
    private final boolean busy;

    public PartnerCallException(String message, boolean timedOut, boolean reached, Throwable cause) {
        this(message, timedOut, reached, false, cause);
    }

    private PartnerCallException(String message, boolean timedOut, boolean reached, boolean busy, Throwable cause) {
        super(message, cause);
        this.timedOut = timedOut;
        this.reached = reached;
        this.busy = busy;
    }

    /**
     * Nothing was sent: the hub already has as many requests in flight and waiting for this partner host as it
     * allows. Says nothing about the partner being down.
     */
    public static PartnerCallException busy(String message, Throwable cause) {
        return new PartnerCallException(message, false, true, true, cause);
    }

    /** The hub's own queue to the partner host was full; the request never left. */
    public boolean busy() {
        return busy;
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
