package io.chargeclear.registry.domain;

import java.util.Set;

/**
 * Where a platform stands with the hub. Suspension is reversible; unregistering is final (its parties
 * may then be claimed by another platform).
 */
public enum PlatformStatus {
    ACTIVE, SUSPENDED, UNREGISTERED;

    public boolean canMoveTo(PlatformStatus next) {
        return switch (this) {
            case ACTIVE -> Set.of(SUSPENDED, UNREGISTERED).contains(next);
            case SUSPENDED -> Set.of(ACTIVE, UNREGISTERED).contains(next);
            case UNREGISTERED -> false;
        };
    }
}
