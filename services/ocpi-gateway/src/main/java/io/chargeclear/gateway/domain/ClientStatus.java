package io.chargeclear.gateway.domain;

import io.chargeclear.model.ocpi.hubclientinfo.ConnectionStatus;

/**
 * How the hub reports a party's connection state in HubClientInfo (OCPI 2.2.1 §mod_hub_client_info
 * "ConnectionStatus"), from what the gateway knows of the platform that speaks for the party: a suspended
 * platform is SUSPENDED; an active one is CONNECTED once it holds an accepted token C (it finished the
 * credentials handshake), and PLANNED while it holds only token A (it never connected yet).
 * <p>
 * OFFLINE is not derived here: it needs the hub's still-alive check (a GET on the platform's versions endpoint
 * after minutes of silence, §mod_hub_client_info), which is yet to come; until then an active, registered
 * platform counts as CONNECTED.
 */
public final class ClientStatus {

    private ClientStatus() {
    }

    /**
     * @param platformStatus       the platform's status in the party directory (ACTIVE or SUSPENDED)
     * @param acceptedTokenC       whether the platform holds a token C that is not expired
     */
    public static ConnectionStatus of(String platformStatus, boolean acceptedTokenC) {
        if (!"ACTIVE".equals(platformStatus)) {
            return ConnectionStatus.SUSPENDED;
        }
        return acceptedTokenC ? ConnectionStatus.CONNECTED : ConnectionStatus.PLANNED;
    }
}
