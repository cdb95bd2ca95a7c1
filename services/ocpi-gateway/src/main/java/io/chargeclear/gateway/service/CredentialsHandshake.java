package io.chargeclear.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.chargeclear.gateway.client.PartnerOcpiApi;
import io.chargeclear.gateway.client.RegistryApi;
import io.chargeclear.gateway.config.GatewayConfig;
import io.chargeclear.gateway.delivery.DeliveryDispatcher;
import io.chargeclear.gateway.messaging.CredentialsView;
import io.chargeclear.gateway.ocpi.OcpiCaller;
import io.chargeclear.gateway.ocpi.OcpiException;
import io.chargeclear.model.ocpi.TokenHeader;
import io.chargeclear.gateway.persistence.PartnerConnection;
import io.chargeclear.gateway.partner.PartnerEndpoints;
import io.chargeclear.gateway.partner.PartnerLinks;
import io.chargeclear.kit.crypto.TokenCipher;
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
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The hub's side of OCPI 2.2.1 §credentials: a partner registers (POST, with token A), updates (PUT, with
 * token C) or unregisters (DELETE). The hub calls the partner's versions and details endpoints with the
 * partner's token, picks 2.2.1, then lets the registry (which owns the tokens) issue token C, and applies the
 * new token hashes locally before answering, so the partner's next call with token C works at once.
 */
@ApplicationScoped
public class CredentialsHandshake {

    private static final Logger LOG = Logger.getLogger(CredentialsHandshake.class);

    private static final String VERSION = "2.2.1";

    private final GatewayConfig config;
    private final CredentialsView credentials;
    private final TokenCipher cipher;
    private final ClientInfoAnnouncer announcer;
    private final DeliveryDispatcher dispatcher;
    private final RegistryApi registry;
    private final String registryBearer;
    private final PartnerLinks links;

    public CredentialsHandshake(GatewayConfig config, CredentialsView credentials, TokenCipher cipher,
                                ClientInfoAnnouncer announcer, DeliveryDispatcher dispatcher, PartnerLinks links,
                                @ConfigProperty(name = "chargeclear.admin.token") String adminToken) {
        this.links = links;
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

    /** POST: only with token A (OCPI: 405 when the client is already registered). */
    public Uni<Credentials> register(OcpiCaller caller, Credentials theirs) {
        if (!"A".equals(caller.tokenKind())) {
            return Uni.createFrom().failure(new OcpiException(Response.Status.METHOD_NOT_ALLOWED,
                    OcpiStatus.CLIENT_ERROR, "already registered: use PUT to update or DELETE to unregister"));
        }
        return connect(caller, theirs);
    }

    /** PUT: only with token C (OCPI: 405 when the client is not registered). */
    public Uni<Credentials> update(OcpiCaller caller, Credentials theirs) {
        if (!"C".equals(caller.tokenKind())) {
            return Uni.createFrom().failure(notRegistered());
        }
        return connect(caller, theirs);
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

    /** The hub's own credentials object for a partner, holding the token that partner uses to call the hub. */
    public Credentials hubCredentials(String token) {
        GatewayConfig.Hub hub = config.hub();
        // OCPI 2.2.1 §credentials: a hub reports only itself, with role HUB; the parties behind it come
        // through HubClientInfo
        return new Credentials(token, config.baseUrl() + "/ocpi/versions", List.of(new CredentialsRole(Role.HUB,
                new BusinessDetails(hub.name(), null, null), hub.partyId(), hub.countryCode())));
    }

    private Uni<Credentials> connect(OcpiCaller caller, Credentials theirs) {
        // OCPI 2.2.1 sends Base64; a platform set up for plain tokens gets its token as it is
        String authorization = TokenHeader.encode(theirs.token(), caller.plainTokens());
        return fetch(theirs.url(), authorization, "versions")
                .map(CredentialsHandshake::detailsUrl)
                .flatMap(detailsUrl -> fetch(detailsUrl, authorization, "version details"))
                .map(CredentialsHandshake::endpoints)
                .flatMap(endpoints -> registry.connect(registryBearer, caller.platformId(), new RegistryApi.Connect(
                                TokenHeader.sha256(caller.token()), theirs.token(), VERSION, theirs.url(), endpoints,
                                theirs.roles().stream().map(r -> new RegistryApi.DeclaredRole(r.countryCode(),
                                        r.partyId(), r.role().name())).toList()))
                        .onFailure().transform(CredentialsHandshake::registryFailure)
                        .map(connected -> new Handshake(connected, endpoints)))
                .flatMap(done -> Panache.withTransaction(() -> credentials.applyHandshake(
                                done.connected().platformId(), done.connected().revision(), caller.plainTokens(),
                                done.connected().credentials())
                        .flatMap(applied -> remember(done.connected().platformId(), theirs.token(), theirs.url(),
                                caller.plainTokens(), done.endpoints()))
                        .flatMap(remembered -> links.announce(done.connected().platformId()))
                        .flatMap(remembered -> announcer.platformChanged(done.connected().platformId()))
                        .flatMap(announced -> DeliveryDispatcher.receiverConnected(done.connected().platformId())))
                        .replaceWith(done.connected()))
                // whatever waited for this partner goes out now
                .invoke(connected -> dispatcher.nudge(connected.platformId()))
                .map(connected -> hubCredentials(connected.tokenC()));
    }

    /** What the hub needs to call the partner later: its endpoints and token B, sealed (ADR 0008). */
    private Uni<Void> remember(String platformId, String tokenB, String versionsUrl, boolean plainTokens,
                               List<Endpoint> endpoints) {
        return PartnerConnection.<PartnerConnection>findById(platformId).flatMap(known -> {
            PartnerConnection connection = known != null ? known : new PartnerConnection();
            connection.platformId = platformId;
            connection.version = VERSION;
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

    /** OCPI 2.2.1 §version_information_endpoint: pick the highest mutual version; the hub speaks 2.2.1 only. */
    private static String detailsUrl(JsonNode versions) {
        for (JsonNode version : versions) {
            if (VERSION.equals(version.path("version").asText()) && version.path("url").isTextual()) {
                return version.path("url").asText();
            }
        }
        List<String> offered = new ArrayList<>();
        versions.forEach(v -> offered.add(v.path("version").asText()));
        throw new OcpiException(Response.Status.OK, OcpiStatus.UNSUPPORTED_VERSION,
                "no mutual version: the hub speaks 2.2.1, the partner offers " + offered);
    }

    /** The partner's endpoints the hub understands; custom modules are skipped. A credentials endpoint is required. */
    private static List<Endpoint> endpoints(JsonNode details) {
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
                    "the partner's 2.2.1 details list no credentials endpoint");
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
