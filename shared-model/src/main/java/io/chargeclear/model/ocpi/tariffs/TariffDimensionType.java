package io.chargeclear.model.ocpi.tariffs;

/**
 * What a PriceComponent prices.
 * <p>
 * OCPI 2.2.1 §mod_tariffs "TariffDimensionType enum".
 */
public enum TariffDimensionType {
    /** Per kWh; step_size in Wh. */
    ENERGY,

    /** Fixed fee; no step. */
    FLAT,

    /** Per hour not charging; step_size in seconds. */
    PARKING_TIME,

    /** Per hour charging; step_size in seconds. */
    TIME
}
