package io.chargeclear.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.chargeclear.gateway.client.PartnerOcpiApi;
import io.chargeclear.gateway.client.RegistryApi;
import io.chargeclear.gateway.config.GatewayConfig;
import io.chargeclear.gateway.config.OcpiConfig;
import io.chargeclear.gateway.delivery.DeliveryDispatcher;
import io.chargeclear.gateway.domain.OcpiVersions;
import io.chargeclear.gateway.domain.ReachableParties;
import io.chargeclear.gateway.messaging.CredentialsView;
import io.chargeclear.gateway.ocpi.OcpiCaller;
import io.chargeclear.gateway.ocpi.OcpiException;
import io.chargeclear.model.ocpi.TokenHeader;
import io.chargeclear.gateway.persistence.PartnerConnection;
import io.chargeclear.gateway.partner.PartnerEndpoints;
import io.chargeclear.gateway.partner.PartnerLinks;
import io.chargeclear.kit.agreement.AgreementBook;
import io.chargeclear.kit.crypto.TokenCipher;
import io.chargeclear.kit.directory.DirectoryParty;
import io.chargeclear.model.ocpi.OcpiJson;
import io.chargeclear.model.ocpi.OcpiStatus;
import io.chargeclear.model.ocpi.credentials.Credentials;
import io.chargeclear.model.ocpi.credentials.CredentialsRole;
import io.chargeclear.model.ocpi.credentials.Role;
import io.chargeclear.model.ocpi.locations.BusinessDetails;
import io.chargeclear.model.ocpi.versions.Endpoint;
import io.chargeclear.model.ocpi.versions.InterfaceRole;
import io.chargeclear.model.ocpi.versions.ModuleID;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The hub's side of OCPI §credentials, on each version's tree: a partner registers (POST, with token A), updates
 * (PUT, with token C) or unregisters (DELETE). The hub calls the partner's versions and details endpoints with the
 * partner's token, takes the version whose credentials endpoint the partner called (a PUT on another version's tree
 * switches the platform to it: the OCPI upgrade, docs/adr/0025-ocpi-version-per-platform.md), then lets the registry
 * (which owns the tokens and the platform's version) issue token C, and applies the new token hashes locally before
 * answering, so the partner's next call with token C works at once.
 */
@ApplicationScoped
@Startup // checks chargeclear.ocpi.versions at start: a hub with a version it cannot speak does not start
public class CredentialsHandshake {

    private static final Logger LOG = Logger.getLogger(CredentialsHandshake.class);

    private final GatewayConfig config;
    private final CredentialsView credentials;
    private final TokenCipher cipher;
    private final ClientInfoAnnouncer announcer;
    private final DeliveryDispatcher dispatcher;
    private final RegistryApi registry;
    private final String registryBearer;
    private final PartnerLinks links;
    private final OcpiVersions versions;
    private final AgreementBook agreements;

    public CredentialsHandshake(GatewayConfig config, OcpiConfig ocpi, CredentialsView credentials, TokenCipher cipher,
                                ClientInfoAnnouncer announcer, DeliveryDispatcher dispatcher, PartnerLinks links,
                                AgreementBook agreements,
                                @ConfigProperty(name = "chargeclear.admin.token") String adminToken) {
        this.links = links;
        this.versions = OcpiVersions.of(ocpi.versions());
        this.agreements = agreements;
        this.config = config;
        this.announcer = announcer;
        this.dispatcher = dispatcher;
        this.cipher = cipher;
        this.credentials = credentials;
        this.registryBearer = "Bearer " + adminToken;
        this.registry = QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(config.registryUrl()))
                .connectTimeout(5, TimeUnit.SECONDS)
                .readTimeout(15, TimeUnit.SECONDS)
                .build(RegistryApi.class);
    }

    /** The versions the hub offers ({@code chargeclear.ocpi.versions}). */
    public OcpiVersions versions() {
        return versions;
    }

    /** POST on {@code version}'s tree: only with token A (OCPI: 405 when the client is already registered). */
    public Uni<Credentials> register(OcpiCaller caller, Credentials theirs, String version) {
        if (!"A".equals(caller.tokenKind())) {
            return Uni.createFrom().failure(new OcpiException(Response.Status.METHOD_NOT_ALLOWED,
                    OcpiStatus.CLIENT_ERROR, "already registered: use PUT to update or DELETE to unregister"));
        }
        return connect(caller, theirs, version);
    }

    /**
     * PUT on {@code version}'s tree: only with token C (OCPI: 405 when the client is not registered). On another
     * version's tree than the platform's, this is the upgrade (or the switch down): same token rotation, and the
     * platform speaks {@code version} from the answer on.
     */
    public Uni<Credentials> update(OcpiCaller caller, Credentials theirs, String version) {
        if (!"C".equals(caller.tokenKind())) {
            return Uni.createFrom().failure(notRegistered());
        }
        return connect(caller, theirs, version);
    }

    /** DELETE: only with token C; afterwards the platform needs a new token A from the operator. */
    public Uni<Void> unregister(OcpiCaller caller) {
        if (!"C".equals(caller.tokenKind())) {
            return Uni.createFrom().failure(notRegistered());
        }
        return registry.disconnect(registryBearer, caller.platformId(), TokenHeader.sha256(caller.token()))
                .onFailure().transform(CredentialsHandshake::registryFailure)
                .flatMap(done -> Panache.withTransaction(() ->
                        credentials.applyHandshake(caller.platformId(), done.revision(), caller.plainTokens(), List.of())
                                .flatMap(applied -> PartnerConnection.deleteById(caller.platformId()))
                                .flatMap(deleted -> links.announce(caller.platformId()))
                                .flatMap(deleted -> announcer.platformChanged(caller.platformId()))));
    }

    /** GET on {@code version}'s tree: the hub's credentials for the caller, in that version's shape. */
    public Uni<Credentials> hubCredentials(OcpiCaller caller, String version) {
        return hubCredentials(caller.token(), version, caller.platformId(), List.of());
    }

    /**
     * The hub's own credentials object for a partner, holding the token that partner uses to call the hub, in the
     * shape of {@code version}.
     *
     * @param declared the roles the partner just declared in its own credentials, if any: its parties even before
     *                 the party directory hears of them
     */
    private Uni<Credentials> hubCredentials(String token, String version, String platformId,
                                            List<CredentialsRole> declared) {
        GatewayConfig.Hub hub = config.hub();
        String url = config.baseUrl() + "/ocpi/versions";
        if (!OcpiVersions.listsReachableParties(version)) {
            // OCPI 2.2.1 §credentials: a hub reports only itself, with role HUB; the parties behind it come
            // through HubClientInfo
            return Uni.createFrom().item(new Credentials(token, url, List.of(new CredentialsRole(Role.HUB,
                    new BusinessDetails(hub.name(), null, null), hub.partyId(), hub.countryCode()))));
        }
        // OCPI 2.3.0 §credentials: no HUB role; the hub names itself by hub_party_id and lists the parties
        // reachable through it for this peer
        String hubPartyId = (hub.countryCode() + hub.partyId()).toUpperCase(Locale.ROOT);
        return reachable(platformId, declared)
                .map(roles -> new Credentials(token, url, roles, hubPartyId));
    }

    /**
     * The counterparties of the peer's parties under the agreements in effect now ({@link ReachableParties}), as
     * CredentialsRoles with their names from the party directory. A counterparty the directory does not know, or
     * whose platform is not active, is not reachable and not listed.
     */
    private Uni<List<CredentialsRole>> reachable(String platformId, List<CredentialsRole> declared) {
        return Panache.withSession(() -> DirectoryParty.<DirectoryParty>list("platformId", platformId)
                .flatMap(mine -> {
                    Set<ReachableParties.Party> own = new HashSet<>();
                    mine.forEach(p -> own.add(new ReachableParties.Party(p.countryCode, p.partyId, p.role)));
                    declared.forEach(r -> own.add(new ReachableParties.Party(r.countryCode().toUpperCase(Locale.ROOT),
                            r.partyId().toUpperCase(Locale.ROOT), r.role().name())));
                    Set<ReachableParties.Party> counterparties =
                            ReachableParties.of(own, agreements.agreements(), Instant.now());
                    if (counterparties.isEmpty()) {
                        return Uni.createFrom().item(List.<CredentialsRole>of());
                    }
                    Set<String> partyIds = counterparties.stream().map(ReachableParties.Party::partyId)
                            .collect(Collectors.toSet());
                    return DirectoryParty.<DirectoryParty>list("partyId in ?1", partyIds).map(known -> {
                        Map<ReachableParties.Party, DirectoryParty> directory = known.stream()
                                .filter(p -> "ACTIVE".equals(p.status) && !platformId.equals(p.platformId))
                                .collect(Collectors.toMap(
                                        p -> new ReachableParties.Party(p.countryCode, p.partyId, p.role),
                                        Function.identity()));
                        return counterparties.stream()
                                .filter(directory::containsKey)
                                .map(party -> {
                                    DirectoryParty entry = directory.get(party);
                                    return new CredentialsRole(Role.valueOf(party.role()),
                                            new BusinessDetails(entry.name == null ? entry.platformName : entry.name,
                                                    null, null),
                                            party.partyId(), party.countryCode());
                                })
                                .toList();
                    });
                }));
    }

    private Uni<Credentials> connect(OcpiCaller caller, Credentials theirs, String version) {
        // OCPI 2.2.1 sends Base64; a platform set up for plain tokens gets its token as it is
        String authorization = TokenHeader.encode(theirs.token(), caller.plainTokens());
        return fetch(theirs.url(), authorization, "versions")
                .map(offered -> detailsUrl(offered, version))
                .flatMap(detailsUrl -> fetch(detailsUrl, authorization, "version details"))
                .map(details -> endpoints(details, version))
                .flatMap(endpoints -> registry.connect(registryBearer, caller.platformId(), new RegistryApi.Connect(
                                TokenHeader.sha256(caller.token()), theirs.token(), version, theirs.url(), endpoints,
                                theirs.roles().stream().map(r -> new RegistryApi.DeclaredRole(r.countryCode(),
                                        r.partyId(), r.role().name())).toList()))
                        .onFailure().transform(CredentialsHandshake::registryFailure)
                        .map(connected -> new Handshake(connected, endpoints)))
                .flatMap(done -> Panache.withTransaction(() -> credentials.applyHandshake(
                                done.connected().platformId(), done.connected().revision(), caller.plainTokens(),
                                done.connected().credentials())
                        .flatMap(applied -> remember(done.connected().platformId(), theirs.token(), theirs.url(),
                                caller.plainTokens(), version, done.endpoints()))
                        .flatMap(remembered -> links.announce(done.connected().platformId()))
                        .flatMap(remembered -> announcer.platformChanged(done.connected().platformId()))
                        .flatMap(announced -> DeliveryDispatcher.receiverConnected(done.connected().platformId())))
                        .replaceWith(done.connected()))
                // whatever waited for this partner goes out now
                .invoke(connected -> dispatcher.nudge(connected.platformId()))
                .flatMap(connected -> hubCredentials(connected.tokenC(), version, connected.platformId(),
                        theirs.roles()));
    }

    /** What the hub needs to call the partner later: its endpoints and token B, sealed (ADR 0008). */
    private Uni<Void> remember(String platformId, String tokenB, String versionsUrl, boolean plainTokens,
                               String version, List<Endpoint> endpoints) {
        return PartnerConnection.<PartnerConnection>findById(platformId).flatMap(known -> {
            PartnerConnection connection = known != null ? known : new PartnerConnection();
            connection.platformId = platformId;
            connection.version = version;
            connection.endpoints = PartnerEndpoints.write(endpoints);
            connection.tokenBSealed = cipher.encrypt(tokenB);
            connection.plainTokens = plainTokens;
            connection.connectedAt = Instant.now();
            connection.versionsUrl = versionsUrl;
            connection.offlineSince = null;
            connection.lastContactAt = connection.connectedAt;
            return known != null ? Uni.createFrom().voidItem() : connection.persist().replaceWithVoid();
        });
    }

    private record Handshake(RegistryApi.Connected connected, List<Endpoint> endpoints) {
    }

    /** GET on a partner URL; anything but a readable OCPI success envelope is OCPI 3001. */
    private Uni<JsonNode> fetch(String url, String authorization, String what) {
        PartnerOcpiApi partner;
        try {
            partner = QuarkusRestClientBuilder.newBuilder()
                    .baseUri(URI.create(url))
                    .connectTimeout(config.partnerTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .readTimeout(config.partnerTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .build(PartnerOcpiApi.class);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(unableToUse(what, url, "not a usable URL"));
        }
        return partner.get(authorization, UUID.randomUUID().toString(), UUID.randomUUID().toString())
                .eventually(() -> close(partner))
                .onFailure().transform(e -> unableToUse(what, url, describe(e)))
                .map(body -> {
                    JsonNode envelope;
                    try {
                        envelope = OcpiJson.mapper().readTree(body);
                    } catch (IOException e) {
                        throw unableToUse(what, url, "the answer is not JSON");
                    }
                    int status = envelope.path("status_code").asInt(0);
                    if (status < 1000 || status >= 2000) {
                        throw unableToUse(what, url, "OCPI status_code " + envelope.path("status_code").asText("missing"));
                    }
                    return envelope.path("data");
                });
    }

    private static void close(PartnerOcpiApi partner) {
        try {
            partner.close();
        } catch (IOException e) {
            LOG.debugf(e, "closing a partner client failed");
        }
    }

    /**
     * The partner's details URL of {@code version}, the version whose credentials endpoint it called (OCPI
     * §credentials: the version is the one of the endpoint used); OCPI 3002 when its versions endpoint does not offer
     * it.
     */
    private static String detailsUrl(JsonNode offered, String version) {
        for (JsonNode entry : offered) {
            if (version.equals(entry.path("version").asText()) && entry.path("url").isTextual()) {
                return entry.path("url").asText();
            }
        }
        List<String> theirs = new ArrayList<>();
        offered.forEach(v -> theirs.add(v.path("version").asText()));
        throw new OcpiException(Response.Status.OK, OcpiStatus.UNSUPPORTED_VERSION,
                "no mutual version: you called the hub's " + version + " credentials endpoint, your versions endpoint"
                        + " offers " + theirs);
    }

    /** The partner's endpoints the hub understands; custom modules are skipped. A credentials endpoint is required. */
    private static List<Endpoint> endpoints(JsonNode details, String version) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (JsonNode endpoint : details.path("endpoints")) {
            Optional<ModuleID> module = Arrays.stream(ModuleID.values())
                    .filter(m -> m.name().equalsIgnoreCase(endpoint.path("identifier").asText()))
                    .findFirst();
            Optional<InterfaceRole> role = Arrays.stream(InterfaceRole.values())
                    .filter(r -> r.name().equals(endpoint.path("role").asText()))
                    .findFirst();
            if (module.isPresent() && endpoint.path("url").isTextual()) {
                endpoints.add(new Endpoint(module.get(), role.orElse(InterfaceRole.SENDER), endpoint.path("url").asText()));
            }
        }
        if (endpoints.stream().noneMatch(e -> e.identifier() == ModuleID.CREDENTIALS)) {
            throw new OcpiException(Response.Status.OK, OcpiStatus.NO_MATCHING_ENDPOINTS,
                    "the partner's " + version + " details list no credentials endpoint");
        }
        return List.copyOf(endpoints);
    }

    private static OcpiException unableToUse(String what, String url, String why) {
        return new OcpiException(Response.Status.OK, OcpiStatus.UNABLE_TO_USE_CLIENT_API,
                "cannot use your " + what + " endpoint " + url + ": " + why);
    }

    private static Throwable registryFailure(Throwable e) {
        if (e instanceof OcpiException) {
            return e;
        }
        if (e instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            String message = registryMessage(web);
            return new OcpiException(Response.Status.BAD_REQUEST,
                    web.getResponse().getStatus() == 400 ? OcpiStatus.INVALID_OR_MISSING_PARAMETERS : OcpiStatus.CLIENT_ERROR,
                    message);
        }
        return new OcpiException(Response.Status.OK, OcpiStatus.SERVER_ERROR,
                "the hub could not complete the handshake now; try again later");
    }

    private static String registryMessage(WebApplicationException e) {
        try {
            JsonNode body = OcpiJson.mapper().readTree(e.getResponse().readEntity(String.class));
            return body.path("message").asText(e.getMessage());
        } catch (RuntimeException | IOException unreadable) {
            return e.getMessage();
        }
    }

    private static String describe(Throwable e) {
        if (e instanceof WebApplicationException web) {
            return "HTTP " + web.getResponse().getStatus();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static OcpiException notRegistered() {
        return new OcpiException(Response.Status.METHOD_NOT_ALLOWED, OcpiStatus.CLIENT_ERROR,
                "not registered: POST your credentials with token A first");
    }
}
