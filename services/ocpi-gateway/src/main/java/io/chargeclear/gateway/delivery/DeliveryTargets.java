package io.chargeclear.gateway.delivery;

import io.chargeclear.gateway.partner.PartnerLinks;
import io.chargeclear.kit.directory.PartyDirectorySnapshot;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import io.chargeclear.gateway.store.VersionedObjects;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where and how the dispatcher reaches a receiver: the one place that turns the party directory and the receiver's
 * partner connection into a {@link DeliveryTarget}. Both are read from the gateway's in-memory snapshots
 * ({@link PartyDirectorySnapshot}, {@link PartnerLinks}; ADR 0018), where the endpoints are already parsed and token B
 * already opened; the dispatcher asks once per batch of jobs.
 * <p>
 * A platform that left the party directory (unregistered or deleted by the operator) or ended its OCPI connection
 * (credentials DELETE: a job is only ever queued for a connected platform) will not take the job: dropped. A
 * suspended platform may come back: its jobs wait.
 */
@ApplicationScoped
public class DeliveryTargets {

    private final PartyDirectorySnapshot directory;
    private final PartnerLinks links;

    public DeliveryTargets(PartyDirectorySnapshot directory, PartnerLinks links) {
        this.directory = directory;
        this.links = links;
    }

    /** The receiver's target now. Needs no database session. */
    public Uni<DeliveryTarget> resolve(String receiver) {
        return directory.current().flatMap(known -> links.current().map(connected -> {
            List<PartyDirectorySnapshot.Entry> parties = known.platform(receiver);
            return target(parties.isEmpty() ? null : parties.get(0), connected.get(receiver));
        }));
    }

    private static DeliveryTarget target(PartyDirectorySnapshot.Entry party, PartnerLinks.Link link) {
        if (party == null) {
            return DeliveryTarget.dropped("the receiver platform is no longer registered at the hub");
        }
        if (link == null) {
            return DeliveryTarget.dropped("the receiver platform ended its OCPI connection (credentials deleted)");
        }
        if (!party.active()) {
            return DeliveryTarget.waiting("the receiver platform is " + party.status().toLowerCase());
        }
        List<String> registered = new ArrayList<>();
        registered.add(link.versionsUrl());
        link.endpoints().endpoints().forEach(e -> registered.add(e.url()));
        return new DeliveryTarget(link.endpoints(), Collections.unmodifiableList(registered), link.tokenB(),
                link.plainTokens(), null, null, VersionedObjects.stored(link.version()));
    }
}
