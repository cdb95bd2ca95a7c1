package io.chargeclear.registry.messaging;

import io.chargeclear.kit.outbox.Outbox;
import io.chargeclear.model.event.EventType;
import io.chargeclear.model.event.PlatformChanged;
import io.chargeclear.registry.persistence.EmaidProviderEntity;
import io.chargeclear.registry.persistence.PlatformEntity;
import io.chargeclear.registry.persistence.PlatformPartyEntity;
import io.chargeclear.registry.persistence.PlatformTokenEntity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Announces platform changes on {@code hub.party.v1}: the platform's whole current state, keyed by its id,
 * written to the outbox in the caller's transaction.
 */
@ApplicationScoped
public class PlatformEvents {

    private final Outbox outbox;

    public PlatformEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    /**
     * @param tokens the tokens the hub issued to the platform that are still accepted (hashes only); empty once
     *               the platform is unregistered
     */
    public Uni<Void> changed(EventType type, PlatformEntity platform, List<PlatformPartyEntity> parties,
                             List<PlatformTokenEntity> tokens) {
        return EmaidProviderEntity.ofPlatform(platform.id)
                .flatMap(providers -> changed(type, platform, parties, providers, tokens));
    }

    /** As {@link #changed(EventType, PlatformEntity, List, List)}, with the EMAID provider ids the caller holds. */
    public Uni<Void> changed(EventType type, PlatformEntity platform, List<PlatformPartyEntity> parties,
                             List<EmaidProviderEntity> providers, List<PlatformTokenEntity> tokens) {
        return outbox.append(type, platform.id, platform.id, snapshot(platform, parties, providers, tokens))
                .replaceWithVoid();
    }

    /** The platform's whole current state, as {@code hub.party.v1} carries it. */
    public static PlatformChanged snapshot(PlatformEntity platform, List<PlatformPartyEntity> parties,
                                           List<EmaidProviderEntity> providers, List<PlatformTokenEntity> tokens) {
        return new PlatformChanged(platform.id, platform.name,
                PlatformChanged.PlatformStatus.valueOf(platform.status.name()), platform.revision, platform.plainTokens,
                platform.ocpiVersion,
                parties.stream()
                        .map(p -> new PlatformChanged.Party(p.countryCode, p.partyId, p.role.name(), p.name,
                                providersOf(p, providers), p.paymentTerminalProvider))
                        .toList(),
                tokens.stream()
                        .map(t -> new PlatformChanged.IssuedCredential(t.tokenHash, t.kind, t.revokedAt))
                        .toList(),
                platform.updatedAt);
    }

    /** The provider ids {@code party} holds, in id order. */
    public static List<String> providersOf(PlatformPartyEntity party, List<EmaidProviderEntity> providers) {
        return providers.stream().filter(e -> e.heldBy(party) && e.role.equals(party.role.name()))
                .map(e -> e.providerId).sorted().toList();
    }
}
