package io.chargeclear.model.ocpi.locations;

/**
 * Whether the driver brings a cable (socket) or the cable is attached to the charger.
 * <p>
 * OCPI 2.2.1 §mod_locations "ConnectorFormat enum".
 */
public enum ConnectorFormat {
    SOCKET,
    CABLE
}
