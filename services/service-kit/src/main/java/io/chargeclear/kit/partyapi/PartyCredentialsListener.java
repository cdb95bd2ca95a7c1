package io.chargeclear.kit.partyapi;

import io.chargeclear.kit.directory.PlatformCredentials;
import io.chargeclear.kit.directory.PlatformSnapshotListener;
import io.chargeclear.model.event.PlatformChanged;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Keeps the token hashes the party API authenticates with, from every newer platform snapshot. */
@ApplicationScoped
@IfBuildProperty(name = "chargeclear.party-api.enabled", stringValue = "true")
public class PartyCredentialsListener implements PlatformSnapshotListener {

    @Override
    public Uni<Void> onSnapshot(PlatformChanged snapshot) {
        return PlatformCredentials.replace(snapshot.platformId(), snapshot.status().name(), snapshot.plainTokens(),
                snapshot.credentials());
    }
}
