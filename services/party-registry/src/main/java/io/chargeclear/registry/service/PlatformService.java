package io.chargeclear.registry.service;

import io.chargeclear.kit.admin.ApiException;
import io.chargeclear.model.event.EventType;
import io.chargeclear.registry.api.EmaidProvidersRequest;
import io.chargeclear.registry.api.PlatformView;
import io.chargeclear.registry.api.RegisterPlatformRequest;
import io.chargeclear.registry.api.TokenAView;
import io.chargeclear.registry.config.RegistryConfig;
import io.chargeclear.registry.domain.PartyKey;
import io.chargeclear.registry.domain.PartyRole;
import io.chargeclear.registry.domain.PlatformStatus;
import io.chargeclear.registry.domain.Tokens;
import io.chargeclear.model.event.PlatformChanged;
import io.chargeclear.model.ocpi.tokens.EmaidProvider;
import io.chargeclear.registry.messaging.PlatformEvents;
import io.chargeclear.registry.persistence.PartnerConnectionEntity;
import io.chargeclear.registry.persistence.EmaidProviderEntity;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
        Map<String, Integer> providers = providerIds(request.parties());
        return Panache.withTransaction(() -> Multi.createFrom().iterable(parties)
                .onItem().transformToUniAndConcatenate(party -> PlatformPartyEntity.liveClaim(party.key())
                        .invoke(claim -> {
                            if (claim != null) {
                                throw ApiException.conflict("party " + party.key()
                                        + " is already claimed by platform " + claim.platformId);
                            }
                        }))
                .collect().last()
                .flatMap(checked -> requireFree(List.copyOf(providers.keySet()), null))
                .flatMap(checked -> create(request.name(), request.usesPlainTokens(), parties, providers)));
    }

    /**
     * Replaces the EMAID provider ids an eMSP party of the platform holds (Plug & Charge routing,
     * docs/adr/0029-plug-and-charge.md); an empty list takes them all away. A provider id another party holds is a
     * conflict: it must be taken away there first.
     */
    public Uni<PlatformView> replaceEmaidProviders(String id, String countryCode, String partyId,
                                                   EmaidProvidersRequest request) {
        List<String> ids = normalisedProviderIds(request.emaidProviderIds(), "emaid_provider_ids");
        PartyKey key = new PartyKey(countryCode.toUpperCase(Locale.ROOT), partyId.toUpperCase(Locale.ROOT),
                PartyRole.EMSP);
        return Panache.withTransaction(() -> PlatformEntity.<PlatformEntity>findById(id, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ApiException.notFound("platform " + id))
                .flatMap(platform -> {
                    if (platform.status == PlatformStatus.UNREGISTERED) {
                        throw ApiException.conflict("platform " + id + " is unregistered; its parties hold no"
                                + " EMAID provider ids");
                    }
                    return PlatformPartyEntity.ofPlatform(id).flatMap(parties -> {
                        PlatformPartyEntity party = parties.stream().filter(p -> p.key().equals(key)).findFirst()
                                .orElseThrow(() -> ApiException.notFound("eMSP party " + key.countryCode() + "/"
                                        + key.partyId() + " of platform " + id + " (EMAID provider ids belong to a"
                                        + " party of role EMSP)"));
                        return requireFree(ids, party)
                                .flatMap(free -> EmaidProviderEntity.ofPlatform(id))
                                .flatMap(current -> replace(current, party, ids))
                                .flatMap(providers -> {
                                    platform.revision++;
                                    platform.updatedAt = now();
                                    return PlatformTokenEntity.accepted(id, platform.updatedAt)
                                            .flatMap(tokens -> events.changed(EventType.PLATFORM_PARTY_UPDATED,
                                                    platform, parties, providers, tokens))
                                            .flatMap(done -> PartnerConnectionEntity
                                                    .<PartnerConnectionEntity>findById(id))
                                            .map(connection -> view(platform, parties, providers, null,
                                                    connection));
                                });
                    });
                }));
    }

    /**
     * Makes {@code ids} the provider ids {@code party} holds: deletes the ones it gives up, adds the new ones, keeps
     * the rest. Answers every provider id of the platform afterwards, in id order.
     */
    private static Uni<List<EmaidProviderEntity>> replace(List<EmaidProviderEntity> current, PlatformPartyEntity party,
                                                          List<String> ids) {
        List<EmaidProviderEntity> kept = new ArrayList<>();
        List<EmaidProviderEntity> dropped = new ArrayList<>();
        for (EmaidProviderEntity e : current) {
            (e.heldBy(party) && !ids.contains(e.providerId) ? dropped : kept).add(e);
        }
        List<EmaidProviderEntity> added = ids.stream()
                .filter(providerId -> current.stream().noneMatch(e -> e.providerId.equals(providerId)))
                .map(providerId -> EmaidProviderEntity.of(providerId, party)).toList();
        Uni<Void> deleted = Multi.createFrom().iterable(dropped)
                .onItem().transformToUniAndConcatenate(EmaidProviderEntity::delete)
                .collect().last().replaceWithVoid();
        return deleted.flatMap(done -> Panache.getSession()).flatMap(session -> session.flush())
                .flatMap(flushed -> added.isEmpty() ? Uni.createFrom().voidItem()
                        : EmaidProviderEntity.persist(added))
                .map(saved -> {
                    List<EmaidProviderEntity> after = new ArrayList<>(kept);
                    after.addAll(added);
                    after.sort(Comparator.comparing(e -> e.providerId));
                    return after;
                });
    }

    public Uni<List<PlatformView>> list() {
        return Panache.withSession(() -> PartnerConnectionEntity.<PartnerConnectionEntity>listAll()
                .map(all -> all.stream().collect(Collectors.toMap(c -> c.platformId, Function.identity())))
                .flatMap(connected -> PlatformEntity.<PlatformEntity>listAll(Sort.by("createdAt").and("id"))
                        .flatMap(platforms -> Multi.createFrom().iterable(platforms)
                                .onItem().transformToUniAndConcatenate(p -> PlatformPartyEntity.ofPlatform(p.id)
                                        .flatMap(parties -> EmaidProviderEntity.ofPlatform(p.id)
                                                .map(providers -> view(p, parties, providers, null,
                                                        connected.get(p.id)))))
                                .collect().asList())));
    }

    public Uni<PlatformView> get(String id) {
        return Panache.withSession(() -> load(id).flatMap(p -> PlatformPartyEntity.ofPlatform(p.id)
                .flatMap(parties -> EmaidProviderEntity.ofPlatform(id)
                        .flatMap(providers -> PartnerConnectionEntity.<PartnerConnectionEntity>findById(id)
                                .map(connection -> view(p, parties, providers, null, connection))))));
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
                                    .flatMap(parties -> EmaidProviderEntity.ofPlatform(id)
                                            .flatMap(providers -> PlatformTokenEntity.accepted(id, now)
                                                    .map(tokens -> PlatformEvents.snapshot(platform, parties,
                                                            providers, tokens)))));
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

    private Uni<PlatformView> create(String name, boolean plainTokens, List<PlatformPartyEntity> parties,
                                     Map<String, Integer> providerIds) {
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

        List<EmaidProviderEntity> providers = providerIds.entrySet().stream()
                .map(e -> EmaidProviderEntity.of(e.getKey(), parties.get(e.getValue())))
                .sorted(Comparator.comparing(e -> e.providerId)).toList();
        return platform.persist()
                .flatMap(saved -> PlatformPartyEntity.persist(parties))
                .flatMap(saved -> Panache.getSession()).flatMap(session -> session.flush())
                .flatMap(saved -> providers.isEmpty() ? Uni.createFrom().voidItem()
                        : EmaidProviderEntity.persist(providers))
                .flatMap(saved -> token.persist())
                .flatMap(saved -> events.changed(EventType.PLATFORM_REGISTERED, platform, parties, providers,
                        List.of(token)))
                .map(done -> view(platform, parties, providers, tokenA, null));
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
                            // an unregistered platform's parties and EMAID provider ids are free to claim, its
                            // tokens stop working and the hub forgets the partner's token B
                            parties.forEach(p -> p.live = false);
                            tokens.forEach(t -> t.revokedAt = platform.updatedAt);
                            platform.ocpiVersion = null;
                            Uni<Void> forget = connection == null ? Uni.createFrom().voidItem()
                                    : connection.delete();
                            return forget.flatMap(gone -> EmaidProviderEntity.delete("platformId", id))
                                    .flatMap(gone -> events.changed(event, platform, parties, List.of(), List.of()))
                                    .map(done -> view(platform, parties, List.of(), null, null));
                        }
                        return EmaidProviderEntity.ofPlatform(id).flatMap(providers ->
                                events.changed(event, platform, parties, providers, tokens)
                                        .map(done -> view(platform, parties, providers, null, connection)));
                    })));
        }));
    }

    private static Uni<PlatformEntity> load(String id) {
        return PlatformEntity.<PlatformEntity>findById(id).onItem().ifNull()
                .failWith(() -> ApiException.notFound("platform " + id));
    }

    private static List<PlatformPartyEntity> toParties(List<RegisterPlatformRequest.PartyRequest> requested) {
        Set<PartyKey> seen = new HashSet<>();
        List<PlatformPartyEntity> parties = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            RegisterPlatformRequest.PartyRequest r = requested.get(i);
            PlatformPartyEntity party = new PlatformPartyEntity();
            party.countryCode = r.countryCode().toUpperCase(Locale.ROOT);
            party.partyId = r.partyId().toUpperCase(Locale.ROOT);
            party.role = PartyRole.valueOf(r.role());
            party.name = r.name().trim();
            party.live = true;
            party.paymentTerminalProvider = Boolean.TRUE.equals(r.paymentTerminalProvider());
            if (!seen.add(party.key())) {
                throw ApiException.badRequest("parties: " + party.key() + " is listed twice");
            }
            if (party.paymentTerminalProvider && party.role != PartyRole.OTHER) {
                throw ApiException.badRequest("parties[" + i + "].payment_terminal_provider: only a party of role"
                        + " OTHER can be a payment terminal provider, " + party.key() + " is not");
            }
            if (r.emaidProviderIds() != null && !r.emaidProviderIds().isEmpty() && party.role != PartyRole.EMSP) {
                throw ApiException.badRequest("parties[" + i + "].emaid_provider_ids: only a party of role EMSP"
                        + " holds EMAID provider ids, " + party.key() + " is not");
            }
            parties.add(party);
        }
        return parties;
    }

    /** Every EMAID provider id requested, in normal form, with the index of the party that is to hold it. */
    private static Map<String, Integer> providerIds(List<RegisterPlatformRequest.PartyRequest> requested) {
        Map<String, Integer> holders = new LinkedHashMap<>();
        for (int i = 0; i < requested.size(); i++) {
            List<String> ids = requested.get(i).emaidProviderIds();
            if (ids == null) {
                continue;
            }
            for (String id : normalisedProviderIds(ids, "parties[" + i + "].emaid_provider_ids")) {
                Integer other = holders.putIfAbsent(id, i);
                if (other != null) {
                    throw ApiException.badRequest("parties[" + i + "].emaid_provider_ids: " + id
                            + " is also listed for parties[" + other + "]; an EMAID provider id has one eMSP");
                }
            }
        }
        return holders;
    }

    /**
     * The ids in normal form (upper case, no separators), each a country code and a three-character provider id;
     * 400 naming the field and the position of the first that is not.
     */
    private static List<String> normalisedProviderIds(List<String> ids, String field) {
        List<String> normalised = new ArrayList<>();
        for (int j = 0; j < ids.size(); j++) {
            String id = EmaidProvider.normalise(ids.get(j));
            if (!EmaidProvider.isProviderId(id)) {
                throw ApiException.badRequest(field + "[" + j + "] must be an EMAID provider id: two letters of the"
                        + " country and three letters or digits of the provider, e.g. NLTNM or NL-TNM; got '"
                        + ids.get(j) + "'");
            }
            if (normalised.contains(id)) {
                throw ApiException.badRequest(field + "[" + j + "]: " + id + " is listed twice");
            }
            normalised.add(id);
        }
        return normalised;
    }

    /** Fails with 409 when a party other than {@code holder} (null: any party) holds one of {@code ids}. */
    private static Uni<Void> requireFree(List<String> ids, PlatformPartyEntity holder) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return EmaidProviderEntity.holding(ids).invoke(held -> held.stream()
                .filter(e -> holder == null || !e.heldBy(holder))
                .findFirst().ifPresent(e -> {
                    throw ApiException.conflict("EMAID provider id " + e.providerId + " is held by eMSP "
                            + e.countryCode + "/" + e.partyId + " of platform " + e.platformId
                            + "; take it away there first (PUT its emaid-provider-ids)");
                })).replaceWithVoid();
    }

    private PlatformView view(PlatformEntity platform, List<PlatformPartyEntity> parties,
                              List<EmaidProviderEntity> providers, String tokenA, PartnerConnectionEntity connection) {
        return new PlatformView(platform.id, platform.name, platform.status.name(),
                parties.stream().map(p -> new PlatformView.PartyView(p.countryCode, p.partyId, p.role.name(), p.name,
                                PlatformEvents.providersOf(p, providers), p.paymentTerminalProvider))
                        .toList(),
                versionsUrl, tokenA, platform.plainTokens, platform.ocpiVersion, platform.revision, platform.createdAt,
                platform.updatedAt,
                connections.view(connection));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
