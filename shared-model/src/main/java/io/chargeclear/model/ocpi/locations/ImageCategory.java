package io.chargeclear.model.ocpi.locations;

/**
 * What an Image shows.
 * <p>
 * OCPI 2.2.1 §mod_locations "ImageCategory enum".
 */
public enum ImageCategory {
    CHARGER,
    ENTRANCE,
    LOCATION,
    NETWORK,
    OPERATOR,
    OTHER,
    OWNER
}
