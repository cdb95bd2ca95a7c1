package io.chargeclear.model.ocpi.locations;

/**
 * Current status of an EVSE.
 * <p>
 * OCPI 2.2.1 §mod_locations "Status enum".
 */
public enum Status {
    AVAILABLE,
    BLOCKED,
    CHARGING,
    INOPERATIVE,
    OUTOFORDER,
    PLANNED,
    REMOVED,
    RESERVED,
    UNKNOWN
}
