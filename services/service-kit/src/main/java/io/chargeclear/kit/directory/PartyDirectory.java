package io.chargeclear.kit.directory;

import io.chargeclear.model.event.PlatformChanged;
import io.chargeclear.model.event.PlatformChanged.PlatformStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import java.util.List;

/**
 * This service's copy of the party registry. It only ever moves forward: a snapshot whose revision is not
 * newer than the one applied is ignored, so replays and out-of-order deliveries leave it unchanged.
 */
@ApplicationScoped
@IfBuildProperty(name = "chargeclear.party-directory.enabled", stringValue = "true", enableIfMissing = true)
public class PartyDirectory {

    private final List<PlatformSnapshotListener> listeners;
    private final PartyDirectorySnapshot parties;
    private final Instance<PlatformCredentialSnapshot> credentials;

    public PartyDirectory(@Any Instance<PlatformSnapshotListener> listeners, PartyDirectorySnapshot parties,
                          Instance<PlatformCredentialSnapshot> credentials) {
        this.listeners = listeners.stream().toList();
        this.parties = parties;
        this.credentials = credentials;
    }

    /**
     * Applies a platform snapshot; must run inside the caller's transaction. The change is announced in it, so every
     * replica's in-memory directory and credentials (ADR 0018) reload the platform once it commits.
     */
    public Uni<Void> apply(PlatformChanged snapshot) {
        return PlatformLock.lock(snapshot.platformId())
                .flatMap(locked -> PlatformRevision.<PlatformRevision>findById(snapshot.platformId())).flatMap(known -> {
            if (known != null && known.revision >= snapshot.revision()) {
                return Uni.createFrom().voidItem();
            }
            return DirectoryParty.delete("platformId", snapshot.platformId())
                    .flatMap(deleted -> Panache.getSession())
                    .flatMap(session -> session.flush())
                    .flatMap(flushed -> snapshot.status() == PlatformStatus.UNREGISTERED
                            ? Uni.createFrom().voidItem()
                            : insertParties(snapshot))
                    .flatMap(done -> notifyListeners(snapshot))
                    .flatMap(done -> recordRevision(known, snapshot))
                    .flatMap(done -> announce(snapshot.platformId()));
        });
    }

    public Uni<List<DirectoryParty>> all() {
        return DirectoryParty.listAll(Sort.by("countryCode").and("partyId").and("role"));
    }

    public Uni<DirectoryParty> find(String countryCode, String partyId, String role) {
        return DirectoryParty.findById(new DirectoryParty.Key(countryCode, partyId, role));
    }

    private Uni<Void> insertParties(PlatformChanged snapshot) {
        return Multi.createFrom().iterable(snapshot.parties())
                .onItem().transformToUniAndConcatenate(party -> Panache.getSession()
                        .flatMap(session -> session.merge(toEntry(snapshot, party))))
                .collect().last()
                .replaceWithVoid();
    }

    private Uni<Void> announce(String platformId) {
        Uni<Void> announced = parties.announce(platformId);
        return credentials.isResolvable()
                ? announced.flatMap(done -> credentials.get().announce(platformId))
                : announced;
    }

    private Uni<Void> notifyListeners(PlatformChanged snapshot) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (PlatformSnapshotListener listener : listeners) {
            chain = chain.flatMap(done -> listener.onSnapshot(snapshot));
        }
        return chain;
    }

    private static DirectoryParty toEntry(PlatformChanged snapshot, PlatformChanged.Party party) {
        DirectoryParty entry = new DirectoryParty();
        entry.countryCode = party.countryCode();
        entry.partyId = party.partyId();
        entry.role = party.role();
        entry.name = party.name();
        entry.platformId = snapshot.platformId();
        entry.platformName = snapshot.name();
        entry.status = snapshot.status().name();
        entry.revision = snapshot.revision();
        entry.emaidProviderIds = String.join(",", party.emaidProviderIds());
        entry.paymentTerminalProvider = party.paymentTerminalProvider();
        entry.updatedAt = snapshot.changedAt();
        return entry;
    }

    private static Uni<Void> recordRevision(PlatformRevision known, PlatformChanged snapshot) {
        if (known != null) {
            known.revision = snapshot.revision();
            return Uni.createFrom().voidItem();
        }
        PlatformRevision revision = new PlatformRevision();
        revision.platformId = snapshot.platformId();
        revision.revision = snapshot.revision();
        return revision.persist().replaceWithVoid();
    }
}
