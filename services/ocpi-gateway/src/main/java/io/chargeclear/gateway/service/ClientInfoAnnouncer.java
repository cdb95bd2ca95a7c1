package io.chargeclear.gateway.service;

import io.chargeclear.gateway.partner.OutgoingUrls;
import io.chargeclear.gateway.delivery.DeliveryQueue;
import io.chargeclear.gateway.delivery.ReachabilityListener;
import io.chargeclear.gateway.domain.ClientStatus;
import io.chargeclear.gateway.persistence.ClientInfoAnnounced;
import io.chargeclear.gateway.persistence.PartnerConnection;
import io.chargeclear.kit.directory.PlatformCredential;
import io.chargeclear.gateway.partner.PartnerEndpoints;
import io.chargeclear.gateway.routing.PushService;
import io.chargeclear.kit.directory.DirectoryParty;
import io.chargeclear.kit.directory.PlatformSnapshotListener;
import io.chargeclear.model.event.PlatformChanged;
import io.chargeclear.model.ocpi.credentials.Role;
import io.chargeclear.model.ocpi.hubclientinfo.ClientInfo;
import io.chargeclear.model.ocpi.hubclientinfo.ConnectionStatus;
import io.chargeclear.model.ocpi.versions.InterfaceRole;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Pushes ClientInfo to the connected platforms when a party's connection status changes (OCPI 2.2.1
 * §mod_hub_client_info, the hub as Sender pushing to each client's Receiver interface): a platform registers,
 * connects, disconnects, is suspended, reactivated or unregistered, or stops or resumes answering the hub.
 * Each push is a job on the durable delivery queue, so a client that is itself down gets it later, in order.
 * A status is pushed once per change ({@code client_info_announced}); a party never gets its own ClientInfo.
 * Runs in the caller's transaction.
 */
@ApplicationScoped
public class ClientInfoAnnouncer implements PlatformSnapshotListener, ReachabilityListener {

    private static final String MODULE = "hubclientinfo";

    private final DeliveryQueue deliveries;

    public ClientInfoAnnouncer(DeliveryQueue deliveries) {
        this.deliveries = deliveries;
    }

    /** A platform snapshot from hub.party.v1: registration, suspension, reactivation, unregistration. */
    @Override
    public Uni<Void> onSnapshot(PlatformChanged snapshot) {
        boolean tokenC = snapshot.credentials().stream().anyMatch(c -> "C".equals(c.kind())
                && (c.expiresAt() == null || c.expiresAt().isAfter(Instant.now())));
        String platformStatus = snapshot.status() == PlatformChanged.PlatformStatus.UNREGISTERED
                ? PlatformChanged.PlatformStatus.SUSPENDED.name() : snapshot.status().name();
        return PartnerConnection.<PartnerConnection>findById(snapshot.platformId()).flatMap(connection -> {
            ConnectionStatus status = ClientStatus.of(platformStatus, tokenC,
                    connection != null && connection.offlineSince != null);
            return announce(snapshot.platformId(), snapshot.parties().stream()
                    .map(p -> new Party(p.countryCode(), p.partyId(), p.role())).toList(), status);
        });
    }

    /** Recomputes the status of every party of a platform from the gateway's view and pushes what changed. */
    @Override
    public Uni<Void> platformChanged(String platformId) {
        return DirectoryParty.<DirectoryParty>list("platformId", platformId).flatMap(parties -> {
            if (parties.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return PlatformCredential.count("platformId = ?1 and kind = 'C' and (expiresAt is null or expiresAt > ?2)",
                            platformId, Instant.now())
                    .flatMap(tokensC -> PartnerConnection.<PartnerConnection>findById(platformId).flatMap(connection ->
                            announce(platformId, parties.stream().map(p -> new Party(p.countryCode, p.partyId, p.role))
                                    .toList(), ClientStatus.of(parties.get(0).status, tokensC > 0,
                                    connection != null && connection.offlineSince != null))));
        });
    }

    private Uni<Void> announce(String platformId, List<Party> parties, ConnectionStatus status) {
        return Multi.createFrom().iterable(parties)
                .onItem().transformToUniAndConcatenate(party -> announce(platformId, party, status))
                .collect().last()
                .replaceWithVoid();
    }

    private Uni<Void> announce(String platformId, Party party, ConnectionStatus status) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return ClientInfoAnnounced.<ClientInfoAnnounced>findById(new DirectoryParty.Key(party.countryCode(),
                        party.partyId(), party.role()))
                .flatMap(known -> {
                    if (known != null && known.status.equals(status.name())) {
                        return Uni.createFrom().voidItem();
                    }
                    ClientInfoAnnounced announced = known != null ? known : new ClientInfoAnnounced();
                    announced.countryCode = party.countryCode();
                    announced.partyId = party.partyId();
                    announced.role = party.role();
                    announced.status = status.name();
                    announced.announcedAt = now;
                    Uni<Void> saved = known != null ? Uni.createFrom().voidItem() : announced.persist().replaceWithVoid();
                    String body = PushService.json(new ClientInfo(party.partyId(), party.countryCode(),
                            Role.valueOf(party.role()), status, now));
                    return saved.flatMap(done -> receivers(platformId)).flatMap(receivers ->
                            Multi.createFrom().iterable(receivers)
                                    .onItem().transformToUniAndConcatenate(receiver -> deliveries.toPlatform(receiver,
                                            MODULE, InterfaceRole.RECEIVER.name(),
                                            OutgoingUrls.path(party.countryCode(), party.partyId()), "PUT",
                                            UUID.randomUUID().toString(), body,
                                            MODULE + ":" + party.countryCode() + "*" + party.partyId()))
                                    .collect().last()
                                    .replaceWithVoid());
                });
    }

    /** Every other connected, active platform that takes ClientInfo pushes. */
    private static Uni<List<String>> receivers(String platformId) {
        return PartnerConnection.<PartnerConnection>list("platformId <> ?1", platformId)
                .flatMap(connections -> DirectoryParty.<DirectoryParty>list("status = 'ACTIVE'").map(active -> {
                    List<String> activePlatforms = active.stream().map(p -> p.platformId).distinct().toList();
                    return connections.stream()
                            .filter(c -> activePlatforms.contains(c.platformId))
                            .filter(c -> PartnerEndpoints.parse(c.endpoints).url(MODULE, InterfaceRole.RECEIVER).isPresent())
                            .map(c -> c.platformId)
                            .toList();
                }));
    }

    private record Party(String countryCode, String partyId, String role) {
    }
}
