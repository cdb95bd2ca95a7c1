package io.chargeclear.registry.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chargeclear.kit.admin.ApiException;
import io.chargeclear.model.event.EventType;
import io.chargeclear.registry.api.ConnectPlatformRequest;
import io.chargeclear.registry.api.ConnectionResult;
import io.chargeclear.registry.api.ConnectionView;
import io.chargeclear.registry.api.DisconnectResult;
import io.chargeclear.registry.config.OcpiConfig;
import io.chargeclear.registry.config.RegistryConfig;
import io.chargeclear.registry.domain.PartyKey;
import io.chargeclear.registry.domain.PartyRole;
import io.chargeclear.registry.domain.PlatformStatus;
import io.chargeclear.kit.crypto.TokenCipher;
import io.chargeclear.registry.domain.Tokens;
import io.chargeclear.registry.messaging.PlatformEvents;
import io.chargeclear.registry.persistence.PartnerConnectionEntity;
import io.chargeclear.registry.persistence.PlatformEntity;
import io.chargeclear.registry.persistence.PlatformPartyEntity;
import io.chargeclear.registry.persistence.PlatformTokenEntity;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The registry's side of the OCPI credentials handshake, called synchronously by the gateway once it has
 * talked to the partner: registration (token A gives way to a new token C), update (a new token C, the old one
 * kept for a grace window) and unregistration. Each is one transaction that locks the platform row, changes
 * the tokens and the stored connection, and appends the platform's {@code hub.party.v1} snapshot to the outbox.
 */
@ApplicationScoped
public class ConnectionService {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
    private static final TypeReference<List<ConnectionView.EndpointView>> ENDPOINTS = new TypeReference<>() {
    };

    private final PlatformEvents events;
    private final TokenCipher cipher;
    private final ObjectMapper json;
    private final Duration defaultGrace;
    private final List<String> offeredVersions;

    public ConnectionService(PlatformEvents events, TokenCipher cipher, ObjectMapper json, RegistryConfig config,
                             OcpiConfig ocpi) {
        this.events = events;
        this.cipher = cipher;
        this.json = json;
        this.defaultGrace = config.rotationGrace();
        this.offeredVersions = List.copyOf(ocpi.versions());
    }

    /**
     * Completes a registration (the partner presented token A) or an update (token C): issues a new token C
     * and stores the partner's version, endpoints and encrypted token B. The version is the one whose credentials
     * endpoint the partner called; it becomes the platform's version in the same transaction, so an update on
     * another version's tree (the OCPI upgrade, or a switch down) moves all the platform's parties at once.
     */
    public Uni<ConnectionResult> connect(String id, ConnectPlatformRequest request) {
        return Uni.createFrom().item(() -> draft(request))
                .flatMap(draft -> Panache.withTransaction(() -> lock(id).flatMap(platform -> {
                    if (platform.status != PlatformStatus.ACTIVE) {
                        throw ApiException.conflict("platform " + id + " is " + platform.status.name().toLowerCase(Locale.ROOT)
                                + "; only an active platform can connect");
                    }
                    Instant now = now();
                    return PlatformTokenEntity.accepted(id, now).flatMap(tokens -> {
                        PlatformTokenEntity presented = tokens.stream()
                                .filter(t -> t.tokenHash.equals(draft.presentedTokenHash()))
                                .findFirst()
                                .orElseThrow(() -> ApiException.conflict("presented token is not accepted for this platform"));
                        return PlatformPartyEntity.ofPlatform(id).flatMap(parties -> {
                            requireApproved(draft.roles(), parties);
                            boolean registration = PlatformTokenEntity.KIND_A.equals(presented.kind);
                            return complete(platform, parties, tokens, registration, draft, request, now);
                        });
                    });
                })));
    }

    /** The partner unregistered (OCPI credentials DELETE): every token of the platform stops working now. */
    public Uni<DisconnectResult> disconnect(String id, String presentedTokenHash) {
        if (presentedTokenHash == null || !SHA256_HEX.matcher(presentedTokenHash).matches()) {
            return Uni.createFrom().failure(ApiException.badRequest(
                    "presented_token_hash must be the SHA-256 of the presented token in hex (64 digits)"));
        }
        String hash = presentedTokenHash.toLowerCase(Locale.ROOT);
        return Panache.withTransaction(() -> lock(id).flatMap(platform -> {
            Instant now = now();
            return PlatformTokenEntity.accepted(id, now).flatMap(tokens -> {
                boolean presentedC = tokens.stream()
                        .anyMatch(t -> t.tokenHash.equals(hash) && PlatformTokenEntity.KIND_C.equals(t.kind));
                if (!presentedC) {
                    throw ApiException.conflict("presented token is not an accepted token C for this platform");
                }
                tokens.forEach(t -> t.revokedAt = now);
                platform.ocpiVersion = null;
                platform.revision++;
                platform.updatedAt = now;
                return PartnerConnectionEntity.deleteById(id)
                        .flatMap(deleted -> PlatformPartyEntity.ofPlatform(id))
                        .flatMap(parties -> events.changed(EventType.PLATFORM_DISCONNECTED, platform, parties, List.of()))
                        .map(done -> new DisconnectResult(platform.id, platform.revision));
            });
        }));
    }

    /** The connection as the operator sees it, without token B; null when the platform is not connected. */
    public ConnectionView view(PartnerConnectionEntity connection) {
        if (connection == null) {
            return null;
        }
        try {
            return new ConnectionView(connection.version, connection.versionsUrl,
                    json.readValue(connection.endpoints, ENDPOINTS), connection.connectedAt, connection.updatedAt);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored endpoints of platform " + connection.platformId + " are not JSON", e);
        }
    }

    private Uni<ConnectionResult> complete(PlatformEntity platform, List<PlatformPartyEntity> parties,
                                           List<PlatformTokenEntity> tokens, boolean registration, Draft draft,
                                           ConnectPlatformRequest request, Instant now) {
        Instant graceEnd = now.plus(draft.grace());
        for (PlatformTokenEntity token : tokens) {
            if (registration && PlatformTokenEntity.KIND_A.equals(token.kind)) {
                token.revokedAt = now;
            } else if (!registration && PlatformTokenEntity.KIND_C.equals(token.kind)
                    && (token.revokedAt == null || token.revokedAt.isAfter(graceEnd))) {
                // a token already in an earlier grace window keeps its shorter one
                token.revokedAt = graceEnd;
            }
        }
        String tokenC = Tokens.newToken();
        PlatformTokenEntity issued = new PlatformTokenEntity();
        issued.tokenHash = Tokens.hash(tokenC);
        issued.platformId = platform.id;
        issued.kind = PlatformTokenEntity.KIND_C;
        issued.issuedAt = now;

        List<PlatformTokenEntity> accepted = new ArrayList<>(tokens.stream()
                .filter(t -> t.revokedAt == null || t.revokedAt.isAfter(now))
                .toList());
        accepted.add(issued);

        platform.revision++;
        platform.updatedAt = now;
        platform.ocpiVersion = request.version();
        EventType type = registration ? EventType.PLATFORM_CONNECTED : EventType.PLATFORM_CREDENTIALS_UPDATED;
        return PartnerConnectionEntity.<PartnerConnectionEntity>findById(platform.id)
                .flatMap(existing -> store(existing, platform.id, registration, request, now))
                .flatMap(stored -> issued.persist())
                .flatMap(saved -> events.changed(type, platform, parties, accepted))
                .map(done -> new ConnectionResult(tokenC, platform.id, platform.revision, accepted.stream()
                        .map(t -> new ConnectionResult.CredentialView(t.tokenHash, t.kind, t.revokedAt))
                        .toList()));
    }

    private Uni<PartnerConnectionEntity> store(PartnerConnectionEntity existing, String platformId, boolean registration,
                                               ConnectPlatformRequest request, Instant now) {
        PartnerConnectionEntity connection = existing != null ? existing : new PartnerConnectionEntity();
        connection.platformId = platformId;
        connection.version = request.version();
        connection.versionsUrl = request.versionsUrl();
        connection.endpoints = endpointsJson(request.endpoints());
        connection.tokenBCiphertext = cipher.encrypt(request.tokenB());
        if (existing == null || registration) {
            connection.connectedAt = now;
        }
        connection.updatedAt = now;
        return existing != null ? Uni.createFrom().item(connection) : connection.persist();
    }

    private String endpointsJson(List<ConnectPlatformRequest.Endpoint> endpoints) {
        try {
            return json.writeValueAsString(endpoints.stream()
                    .map(e -> new ConnectionView.EndpointView(e.identifier(), e.role(), e.url()))
                    .toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("endpoints could not be written as JSON", e);
        }
    }

    private static void requireApproved(Set<PartyKey> declared, List<PlatformPartyEntity> parties) {
        Set<PartyKey> approved = parties.stream().filter(p -> p.live).map(PlatformPartyEntity::key)
                .collect(Collectors.toSet());
        String refused = declared.stream()
                .filter(key -> !approved.contains(key))
                .map(key -> "role " + key + " is not approved for this platform")
                .collect(Collectors.joining("; "));
        if (!refused.isEmpty()) {
            throw ApiException.badRequest(refused);
        }
    }

    private Draft draft(ConnectPlatformRequest request) {
        Set<PartyKey> roles = new LinkedHashSet<>();
        for (ConnectPlatformRequest.Role role : request.roles()) {
            PartyKey key = new PartyKey(role.countryCode().toUpperCase(Locale.ROOT),
                    role.partyId().toUpperCase(Locale.ROOT), PartyRole.valueOf(role.role().toUpperCase(Locale.ROOT)));
            if (!roles.add(key)) {
                throw ApiException.badRequest("roles: " + key + " is listed twice");
            }
        }
        if (!offeredVersions.contains(request.version())) {
            throw ApiException.badRequest("version: the hub does not offer OCPI " + request.version()
                    + " (chargeclear.ocpi.versions: " + String.join(",", offeredVersions) + ")");
        }
        Duration grace = request.graceSeconds() == null ? defaultGrace : Duration.ofSeconds(request.graceSeconds());
        return new Draft(request.presentedTokenHash().toLowerCase(Locale.ROOT), roles, grace);
    }

    private static Uni<PlatformEntity> lock(String id) {
        return PlatformEntity.<PlatformEntity>findById(id, LockModeType.PESSIMISTIC_WRITE).onItem().ifNull()
                .failWith(() -> ApiException.notFound("platform " + id));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** The checked, normalized request. */
    private record Draft(String presentedTokenHash, Set<PartyKey> roles, Duration grace) {
    }
}
