package io.chargeclear.model.ocpi.tariffs;

/**
 * Marks a TariffElement as pricing a reservation, or an expired reservation.
 * <p>
 * OCPI 2.2.1 §mod_tariffs "ReservationRestrictionType enum".
 */
public enum ReservationRestrictionType {
    RESERVATION,
    RESERVATION_EXPIRES
}
