package io.chargeclear.tracking.domain;

import io.chargeclear.model.event.SessionTracked.State;

/**
 * The lifecycle state of a session, as a function of what is known of it and not of the order it came in: a CDR
 * closes the session whatever updates come after it; otherwise the OCPI status of the newest update (by the CPO's
 * {@code last_updated}) decides, with COMPLETED meaning the hub awaits the CDR, and an ACTIVE session the stuck
 * watch caught being STALE until the CPO speaks again.
 */
public final class Lifecycle {

    private Lifecycle() {
    }

    /**
     * @param ocpiStatus  OCPI status of the newest session update; null when only a CDR is known
     * @param stuck       the stuck watch fired and no update came since
     * @param cdrReceived a CDR of the session arrived
     */
    public static State state(String ocpiStatus, boolean stuck, boolean cdrReceived) {
        if (cdrReceived) {
            return State.CDR_RECEIVED;
        }
        if (ocpiStatus == null) {
            return State.PENDING;
        }
        return switch (ocpiStatus) {
            case "COMPLETED" -> State.AWAITING_CDR;
            case "ACTIVE" -> stuck ? State.STALE : State.ACTIVE;
            case "INVALID" -> State.INVALID;
            case "RESERVATION" -> State.RESERVATION;
            default -> State.PENDING;
        };
    }
}
