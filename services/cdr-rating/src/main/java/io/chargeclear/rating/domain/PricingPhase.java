package io.chargeclear.rating.domain;

/**
 * Whether a charging period belongs to the charging session itself, to a reservation that was followed by a session,
 * or to a reservation that expired unused. Reservation elements only ever price reservation periods, and normal
 * elements only session periods (OCPI 2.2.1 §mod_tariffs "ReservationRestrictionType"; ADR 0004, D2 and D10).
 */
enum PricingPhase {
    SESSION,
    RESERVATION,
    EXPIRED_RESERVATION
}
