package io.chargeclear.gateway.messaging;

import io.chargeclear.gateway.persistence.PartnerConnection;
import io.chargeclear.gateway.partner.PartnerLinks;
import io.chargeclear.kit.directory.PlatformCredentialSnapshot;
import io.chargeclear.kit.directory.PlatformCredentials;
import io.chargeclear.kit.directory.PlatformLock;
import io.chargeclear.kit.directory.PlatformRevision;
import io.chargeclear.kit.directory.PlatformSnapshotListener;
import io.chargeclear.model.event.PlatformChanged;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Keeps {@code platform_credential} equal to the token hashes of each platform's newest snapshot, from
 * hub.party.v1 and, during the credentials handshake, straight from the registry's answer.
 */
@ApplicationScoped
public class CredentialsView implements PlatformSnapshotListener {

    private final PlatformCredentialSnapshot credentials;
    private final PartnerLinks links;

    public CredentialsView(PlatformCredentialSnapshot credentials, PartnerLinks links) {
        this.credentials = credentials;
        this.links = links;
    }

    /** The party directory announces the credentials change of a snapshot itself; a dropped connection is ours. */
    @Override
    public Uni<Void> onSnapshot(PlatformChanged snapshot) {
        Uni<Void> replaced = PlatformCredentials.replace(snapshot.platformId(), snapshot.status().name(),
                snapshot.plainTokens(), snapshot.credentials());
        if (snapshot.status() == PlatformChanged.PlatformStatus.UNREGISTERED) {
            // an unregistered platform is gone: the hub no longer calls it
            return replaced.flatMap(done -> PartnerConnection.deleteById(snapshot.platformId()))
                    .flatMap(deleted -> links.announce(snapshot.platformId()));
        }
        return replaced;
    }

    /**
     * Applies the registry's answer to a handshake at once, so the partner's next call with its new token
     * succeeds before the snapshot arrives over Kafka; the revision is recorded so that snapshot, or any older
     * one, changes nothing. Must run inside a transaction; announces the change (ADR 0018), so the partner's next
     * call, on any replica, is judged by the new tokens.
     */
    public Uni<Void> applyHandshake(String platformId, long revision, boolean plainTokens,
                                    List<PlatformChanged.IssuedCredential> credentials) {
        return PlatformLock.lock(platformId)
                .flatMap(locked -> PlatformRevision.<PlatformRevision>findById(platformId))
                .flatMap(known -> {
                    if (known != null && known.revision >= revision) {
                        // the snapshot of this revision (or a newer one) came over Kafka first
                        return Uni.createFrom().voidItem();
                    }
                    return PlatformCredentials.replace(platformId, PlatformChanged.PlatformStatus.ACTIVE.name(),
                                    plainTokens, credentials)
                            .flatMap(done -> this.credentials.announce(platformId))
                            .flatMap(done -> {
                                if (known == null) {
                                    PlatformRevision first = new PlatformRevision();
                                    first.platformId = platformId;
                                    first.revision = revision;
                                    return first.persist().replaceWithVoid();
                                }
                                known.revision = revision;
                                return Uni.createFrom().voidItem();
                            });
                });
    }
}
