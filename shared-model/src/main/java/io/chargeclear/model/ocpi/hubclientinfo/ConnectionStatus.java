package io.chargeclear.model.ocpi.hubclientinfo;

/**
 * Connection state of a party behind the hub, as reported to every hub client.
 * <p>
 * OCPI 2.2.1 §mod_hub_client_info "ConnectionStatus enum".
 */
public enum ConnectionStatus {
    /** Party is connected; requests may be sent. */
    CONNECTED,

    /** Party is temporarily unreachable; do not send or queue requests. */
    OFFLINE,

    /** Party is not yet connected (or no contract is configured). */
    PLANNED,

    /** Party is no longer connected; settle open business out of band. */
    SUSPENDED
}
