package io.chargeclear.kit.directory;

import io.chargeclear.model.event.PlatformChanged;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import java.util.List;

/** Keeps {@link PlatformCredential} equal to the token hashes of a platform's newest snapshot. */
public final class PlatformCredentials {

    private PlatformCredentials() {
    }

    /** Replaces the platform's credentials; must run inside the caller's transaction. */
    public static Uni<Void> replace(String platformId, String status, boolean plainTokens,
                                    List<PlatformChanged.IssuedCredential> credentials) {
        return PlatformCredential.delete("platformId", platformId)
                .flatMap(deleted -> Multi.createFrom().iterable(credentials == null ? List.of() : credentials)
                        .onItem().transformToUniAndConcatenate(issued ->
                                toEntity(platformId, status, plainTokens, issued).persist())
                        .collect().last())
                // write the new hashes now: the other listeners of the same snapshot query in this session, and
                // letting those queries' auto-flush write them could insert a row twice
                .flatMap(persisted -> Panache.getSession())
                .flatMap(session -> session.flush())
                .replaceWithVoid();
    }

    private static PlatformCredential toEntity(String platformId, String status, boolean plainTokens,
                                               PlatformChanged.IssuedCredential issued) {
        PlatformCredential credential = new PlatformCredential();
        credential.tokenHash = issued.tokenHash();
        credential.platformId = platformId;
        credential.kind = issued.kind();
        credential.platformStatus = status;
        credential.plainTokens = plainTokens;
        credential.expiresAt = issued.expiresAt();
        return credential;
    }
}
