package io.chargeclear.kit.directory;

import io.chargeclear.model.event.PlatformChanged;
import io.smallrye.mutiny.Uni;

/**
 * A service-specific view kept from {@code hub.party.v1} besides the party directory (the gateway keeps the
 * hashes of partners' tokens). Called inside the directory's transaction, only for snapshots newer than the
 * platform's last applied revision, so it shares the directory's idempotency and ordering.
 */
public interface PlatformSnapshotListener {

    Uni<Void> onSnapshot(PlatformChanged snapshot);
}
