package io.chargeclear.gateway.domain;

import io.chargeclear.model.ocpi.hubclientinfo.ConnectionStatus;

/**
 * How the hub reports a party's connection state in HubClientInfo (OCPI 2.2.1 §mod_hub_client_info
 * "ConnectionStatus"), from what the gateway knows of the platform that speaks for the party: a suspended
 * platform is SUSPENDED; an active one is CONNECTED once it holds an accepted token C (it finished the
 * credentials handshake), and PLANNED while it holds only token A (it never connected yet).
 * A connected platform is OFFLINE while it does not answer the hub: deliveries to it keep failing, or the
 * still-alive check (a GET on its versions endpoint after minutes of silence) failed.
 */
public final class ClientStatus {

    private ClientStatus() {
    }

    /**
     * @param platformStatus       the platform's status in the party directory (ACTIVE or SUSPENDED)
     * @param acceptedTokenC       whether the platform holds a token C that is not expired
     * @param offline              whether the hub currently cannot reach the platform
     */
    public static ConnectionStatus of(String platformStatus, boolean acceptedTokenC, boolean offline) {
        if (!"ACTIVE".equals(platformStatus)) {
            return ConnectionStatus.SUSPENDED;
        }
        if (!acceptedTokenC) {
            return ConnectionStatus.PLANNED;
        }
        return offline ? ConnectionStatus.OFFLINE : ConnectionStatus.CONNECTED;
    }
}
