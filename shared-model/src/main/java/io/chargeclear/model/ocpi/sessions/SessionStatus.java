package io.chargeclear.model.ocpi.sessions;

/**
 * Lifecycle state of a Session.
 * <p>
 * OCPI 2.2.1 §mod_sessions "SessionStatus enum".
 */
public enum SessionStatus {
    /** Charging or ready to charge. */
    ACTIVE,

    /** Finished; a CDR will follow. */
    COMPLETED,

    /** Declared invalid; will not be billed. */
    INVALID,

    /** Created, not yet active. */
    PENDING,

    /** Created by a reservation (ReserveNow). */
    RESERVATION
}
