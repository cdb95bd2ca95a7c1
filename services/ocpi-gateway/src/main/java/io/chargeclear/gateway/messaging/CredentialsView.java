package io.chargeclear.gateway.messaging;

import io.chargeclear.gateway.persistence.PlatformCredential;
import io.chargeclear.kit.directory.PlatformSnapshotListener;
import io.chargeclear.model.event.PlatformChanged;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Keeps {@code platform_credential} equal to the token hashes of each platform's newest snapshot. */
@ApplicationScoped
public class CredentialsView implements PlatformSnapshotListener {

    @Override
    public Uni<Void> onSnapshot(PlatformChanged snapshot) {
        return PlatformCredential.delete("platformId", snapshot.platformId())
                .flatMap(deleted -> Multi.createFrom().iterable(snapshot.credentials())
                        .onItem().transformToUniAndConcatenate(issued -> toEntity(snapshot, issued).persist())
                        .collect().last())
                .replaceWithVoid();
    }

    private static PlatformCredential toEntity(PlatformChanged snapshot, PlatformChanged.IssuedCredential issued) {
        PlatformCredential credential = new PlatformCredential();
        credential.tokenHash = issued.tokenHash();
        credential.platformId = snapshot.platformId();
        credential.kind = issued.kind();
        credential.platformStatus = snapshot.status().name();
        credential.expiresAt = issued.expiresAt();
        return credential;
    }
}
