package io.chargeclear.gateway.domain;

/**
 * Where the hub sends traffic addressed to one party: the platform that speaks for it, the state of that platform's
 * OCPI connection, and whether it may be routed to now. A party is routable when its platform is active and has
 * completed the credentials handshake (the hub holds its endpoints and token B); a suspended platform, or one that
 * never connected or unregistered, is known but not reachable (OCPI 4003).
 *
 * @param connected   whether the platform completed the credentials handshake and has not unregistered since
 * @param offline     whether the hub cannot reach the connected platform now (deliveries or the still-alive check
 *                    keep failing); it stays routable, its pushes wait in its queue
 * @param ocpiVersion the version it connected on; null when not connected
 */
public record Route(String countryCode, String partyId, String role, String partyName, String platformId,
                    String platformName, String platformStatus, boolean connected, boolean offline,
                    String ocpiVersion) {

    public boolean routable() {
        return "ACTIVE".equals(platformStatus) && connected;
    }

    /** SUSPENDED, NOT_CONNECTED (never connected, or unregistered), OFFLINE or CONNECTED. */
    public String connection() {
        if (!"ACTIVE".equals(platformStatus)) {
            return "SUSPENDED";
        }
        if (!connected) {
            return "NOT_CONNECTED";
        }
        return offline ? "OFFLINE" : "CONNECTED";
    }
}
