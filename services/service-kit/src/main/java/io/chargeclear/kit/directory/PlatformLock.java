package io.chargeclear.kit.directory;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Serializes the changes one service makes to its view of one platform: a PostgreSQL transaction-scoped advisory
 * lock keyed by the platform id, held until the caller's transaction ends. Without it, a platform snapshot from
 * hub.party.v1 and a change the service applies itself (the gateway's credentials handshake) can both read the old
 * revision and write the same rows, and one of them fails on a unique key. Call it first in the transaction, so
 * everything read after it includes what the other transaction committed.
 */
public final class PlatformLock {

    private PlatformLock() {
    }

    public static Uni<Void> lock(String platformId) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(
                                "select 1 from (select pg_advisory_xact_lock(hashtext(:platform))) locked", Integer.class)
                        .setParameter("platform", platformId)
                        .getSingleResult())
                .replaceWithVoid();
    }
}
