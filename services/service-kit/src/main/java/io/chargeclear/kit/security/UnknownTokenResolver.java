package io.chargeclear.kit.security;

import io.smallrye.mutiny.Uni;

import java.util.List;
import java.util.Optional;

/**
 * Asks the owner of the tokens about a token this service does not know yet, and makes this service's tables hold
 * it (ADR 0018): the gateway asks the registry, so a token A is accepted the moment the registry returned it, not
 * when {@code hub.party.v1} arrives. Optional; without one an unknown token is refused.
 */
public interface UnknownTokenResolver {

    /**
     * The platform holding one of {@code tokenHashes}, once its credentials are committed here; empty when the owner
     * knows none of them. Fails when the owner cannot be asked now (the token is then refused, not remembered).
     */
    Uni<Optional<String>> resolve(List<String> tokenHashes);
}
