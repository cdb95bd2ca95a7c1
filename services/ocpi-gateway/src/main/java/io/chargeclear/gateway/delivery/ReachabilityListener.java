package io.chargeclear.gateway.delivery;

import io.smallrye.mutiny.Uni;

/**
 * Told when the delivery side changes what it knows about a platform's reachability (OFFLINE begins or ends). The
 * dispatcher only detects it; what follows (HubClientInfo pushes, OCPI 2.2.1 §mod_hub_client_info) belongs to the
 * services above, which implement this, so the delivery package does not depend on them.
 */
public interface ReachabilityListener {

    /** The platform's reachability changed; runs in the caller's transaction. */
    Uni<Void> platformChanged(String platformId);
}
