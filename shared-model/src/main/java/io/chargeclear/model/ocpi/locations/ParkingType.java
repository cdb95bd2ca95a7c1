package io.chargeclear.model.ocpi.locations;

/**
 * General type of parking at a Location.
 * <p>
 * OCPI 2.2.1 §mod_locations "ParkingType enum".
 */
public enum ParkingType {
    ALONG_MOTORWAY,
    PARKING_GARAGE,
    PARKING_LOT,
    ON_DRIVEWAY,
    ON_STREET,
    UNDERGROUND_GARAGE
}
