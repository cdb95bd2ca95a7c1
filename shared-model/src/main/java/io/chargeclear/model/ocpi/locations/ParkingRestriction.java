package io.chargeclear.model.ocpi.locations;

/**
 * Who may park at an EVSE.
 * <p>
 * OCPI 2.2.1 §mod_locations "ParkingRestriction enum".
 */
public enum ParkingRestriction {
    EV_ONLY,
    PLUGGED,
    DISABLED,
    CUSTOMERS,
    MOTORCYCLES
}
