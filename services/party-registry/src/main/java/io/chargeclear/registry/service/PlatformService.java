package io.chargeclear.registry.service;

import io.chargeclear.kit.admin.ApiException;
import io.chargeclear.model.event.EventType;
import io.chargeclear.registry.api.PlatformView;
import io.chargeclear.registry.api.RegisterPlatformRequest;
import io.chargeclear.registry.api.TokenAView;
import io.chargeclear.registry.config.RegistryConfig;
import io.chargeclear.registry.domain.PartyKey;
import io.chargeclear.registry.domain.PartyRole;
import io.chargeclear.registry.domain.PlatformStatus;
import io.chargeclear.registry.domain.Tokens;
import io.chargeclear.model.event.PlatformChanged;
import io.chargeclear.registry.messaging.PlatformEvents;
import io.chargeclear.registry.persistence.PartnerConnectionEntity;
import io.chargeclear.registry.persistence.PlatformEntity;
import io.chargeclear.registry.persistence.PlatformPartyEntity;
import io.chargeclear.registry.persistence.PlatformTokenEntity;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Platform lifecycle. Every change is one transaction holding the new state and its {@code hub.party.v1}
 * event in the outbox, so the event exists if and only if the change committed.
 */
@ApplicationScoped
public class PlatformService {

    private final PlatformEvents events;
    private final ConnectionService connections;
    private final String versionsUrl;

    public PlatformService(PlatformEvents events, ConnectionService connections, RegistryConfig config) {
        this.events = events;
        this.connections = connections;
        String base = config.gatewayPublicUrl();
        this.versionsUrl = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/ocpi/versions";
    }

    public Uni<PlatformView> register(RegisterPlatformRequest request) {
        List<PlatformPartyEntity> parties = toParties(request.parties());
        return Panache.withTransaction(() -> Multi.createFrom().iterable(parties)
                .onItem().transformToUniAndConcatenate(party -> PlatformPartyEntity.liveClaim(party.key())
                        .invoke(claim -> {
                            if (claim != null) {
                                throw ApiException.conflict("party " + party.key()
                                        + " is already claimed by platform " + claim.platformId);
                            }
                        }))
                .collect().last()
                .flatMap(checked -> create(request.name(), request.usesPlainTokens(), parties)));
    }

    public Uni<List<PlatformView>> list() {
        return Panache.withSession(() -> PartnerConnectionEntity.<PartnerConnectionEntity>listAll()
                .map(all -> all.stream().collect(Collectors.toMap(c -> c.platformId, Function.identity())))
                .flatMap(connected -> PlatformEntity.<PlatformEntity>listAll(Sort.by("createdAt").and("id"))
                        .flatMap(platforms -> Multi.createFrom().iterable(platforms)
                                .onItem().transformToUniAndConcatenate(p -> PlatformPartyEntity.ofPlatform(p.id)
                                        .map(parties -> view(p, parties, null, connected.get(p.id))))
                                .collect().asList())));
    }

    public Uni<PlatformView> get(String id) {
        return Panache.withSession(() -> load(id).flatMap(p -> PlatformPartyEntity.ofPlatform(p.id)
                .flatMap(parties -> PartnerConnectionEntity.<PartnerConnectionEntity>findById(id)
                        .map(connection -> view(p, parties, null, connection)))));
    }

    /**
     * The current snapshot (as on {@code hub.party.v1}) of the platform for which one of {@code tokenHashes} is
     * accepted now, for the gateway to apply when a partner presents a token it has not received yet (ADR 0018).
     * The platform row is read FOR SHARE first, so the parties and tokens read after it belong to its revision.
     */
    public Uni<PlatformChanged> snapshotHolding(List<String> tokenHashes) {
        Instant now = now();
        return Panache.withTransaction(() -> PlatformTokenEntity.<PlatformTokenEntity>list(
                        "tokenHash in ?1 and (revokedAt is null or revokedAt > ?2)", tokenHashes, now)
                .flatMap(found -> {
                    if (found.isEmpty()) {
                        return Uni.createFrom().failure(ApiException.notFound("no platform holds that token"));
                    }
                    String id = found.get(0).platformId;
                    return PlatformEntity.<PlatformEntity>findById(id, LockModeType.PESSIMISTIC_READ)
                            .flatMap(platform -> PlatformPartyEntity.ofPlatform(id)
                                    .flatMap(parties -> PlatformTokenEntity.accepted(id, now)
                                            .map(tokens -> PlatformEvents.snapshot(platform, parties, tokens))));
                }));
    }

    /**
     * Issues a new token A for an active platform, e.g. after the partner unregistered or lost its token C:
     * every token accepted so far stops working now, and the partner must register again with the new one.
     */
    public Uni<TokenAView> issueTokenA(String id) {
        return Panache.withTransaction(() -> PlatformEntity.<PlatformEntity>findById(id, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ApiException.notFound("platform " + id))
                .flatMap(platform -> {
                    if (platform.status != PlatformStatus.ACTIVE) {
                        throw ApiException.conflict("platform " + id + " is "
                                + platform.status.name().toLowerCase(Locale.ROOT) + "; only an active platform gets a new token A");
                    }
                    Instant now = now();
                    platform.revision++;
                    platform.updatedAt = now;
                    String tokenA = Tokens.newToken();
                    PlatformTokenEntity issued = tokenA(platform.id, tokenA, now);
                    return PlatformTokenEntity.accepted(id, now)
                            .invoke(tokens -> tokens.forEach(t -> t.revokedAt = now))
                            .flatMap(revoked -> issued.persist())
                            .flatMap(saved -> PlatformPartyEntity.ofPlatform(id))
                            .flatMap(parties -> events.changed(EventType.PLATFORM_CREDENTIALS_UPDATED, platform, parties,
                                    List.of(issued)))
                            .map(done -> new TokenAView(platform.id, tokenA, versionsUrl));
                }));
    }

    public Uni<PlatformView> suspend(String id) {
        return moveTo(id, PlatformStatus.SUSPENDED, EventType.PLATFORM_SUSPENDED);
    }

    public Uni<PlatformView> reactivate(String id) {
        return moveTo(id, PlatformStatus.ACTIVE, EventType.PLATFORM_REACTIVATED);
    }

    public Uni<PlatformView> unregister(String id) {
        return moveTo(id, PlatformStatus.UNREGISTERED, EventType.PLATFORM_UNREGISTERED);
    }

    private Uni<PlatformView> create(String name, boolean plainTokens, List<PlatformPartyEntity> parties) {
        Instant now = now();
        PlatformEntity platform = new PlatformEntity();
        platform.id = UUID.randomUUID().toString();
        platform.name = name.trim();
        platform.status = PlatformStatus.ACTIVE;
        platform.plainTokens = plainTokens;
        platform.revision = 1;
        platform.createdAt = now;
        platform.updatedAt = now;
        parties.forEach(p -> p.platformId = platform.id);

        String tokenA = Tokens.newToken();
        PlatformTokenEntity token = tokenA(platform.id, tokenA, now);

        return platform.persist()
                .flatMap(saved -> PlatformPartyEntity.persist(parties))
                .flatMap(saved -> token.persist())
                .flatMap(saved -> events.changed(EventType.PLATFORM_REGISTERED, platform, parties, List.of(token)))
                .map(done -> view(platform, parties, tokenA, null));
    }

    private static PlatformTokenEntity tokenA(String platformId, String tokenA, Instant now) {
        PlatformTokenEntity token = new PlatformTokenEntity();
        token.tokenHash = Tokens.hash(tokenA);
        token.platformId = platformId;
        token.kind = PlatformTokenEntity.KIND_A;
        token.issuedAt = now;
        return token;
    }

    private Uni<PlatformView> moveTo(String id, PlatformStatus next, EventType event) {
        return Panache.withTransaction(() -> load(id).flatMap(platform -> {
            if (!platform.status.canMoveTo(next)) {
                throw ApiException.conflict("platform " + id + " is " + platform.status + "; it cannot become " + next);
            }
            platform.status = next;
            platform.revision++;
            platform.updatedAt = now();
            return PlatformPartyEntity.ofPlatform(id).flatMap(parties -> PartnerConnectionEntity
                    .<PartnerConnectionEntity>findById(id).flatMap(connection ->
                    PlatformTokenEntity.accepted(id, platform.updatedAt).flatMap(tokens -> {
                        if (next == PlatformStatus.UNREGISTERED) {
                            // an unregistered platform's parties are free to claim, its tokens stop working and
                            // the hub forgets the partner's token B
                            parties.forEach(p -> p.live = false);
                            tokens.forEach(t -> t.revokedAt = platform.updatedAt);
                            platform.ocpiVersion = null;
                            Uni<Void> forget = connection == null ? Uni.createFrom().voidItem()
                                    : connection.delete();
                            return forget.flatMap(gone -> events.changed(event, platform, parties, List.of()))
                                    .map(done -> view(platform, parties, null, null));
                        }
                        return events.changed(event, platform, parties, tokens)
                                .map(done -> view(platform, parties, null, connection));
                    })));
        }));
    }

    private static Uni<PlatformEntity> load(String id) {
        return PlatformEntity.<PlatformEntity>findById(id).onItem().ifNull()
                .failWith(() -> ApiException.notFound("platform " + id));
    }

    private static List<PlatformPartyEntity> toParties(List<RegisterPlatformRequest.PartyRequest> requested) {
        Set<PartyKey> seen = new HashSet<>();
        return requested.stream().map(r -> {
            PlatformPartyEntity party = new PlatformPartyEntity();
            party.countryCode = r.countryCode().toUpperCase(Locale.ROOT);
            party.partyId = r.partyId().toUpperCase(Locale.ROOT);
            party.role = PartyRole.valueOf(r.role());
            party.name = r.name().trim();
            party.live = true;
            if (!seen.add(party.key())) {
                throw ApiException.badRequest("parties: " + party.key() + " is listed twice");
            }
            return party;
        }).toList();
    }

    private PlatformView view(PlatformEntity platform, List<PlatformPartyEntity> parties, String tokenA,
                              PartnerConnectionEntity connection) {
        return new PlatformView(platform.id, platform.name, platform.status.name(),
                parties.stream().map(p -> new PlatformView.PartyView(p.countryCode, p.partyId, p.role.name(), p.name))
                        .toList(),
                versionsUrl, tokenA, platform.plainTokens, platform.ocpiVersion, platform.revision, platform.createdAt,
                platform.updatedAt,
                connections.view(connection));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
