package io.chargeclear.gateway.routing;

import com.fasterxml.jackson.databind.JsonNode;
import io.chargeclear.gateway.config.GatewayConfig;
import io.chargeclear.gateway.ocpi.OcpiException;
import io.chargeclear.gateway.ocpi.OcpiResponses;
import io.chargeclear.gateway.store.ObjectStore;
import io.chargeclear.gateway.store.OcpiBodies;
import io.chargeclear.gateway.ocpi.RoutingHeaders;
import io.chargeclear.gateway.partner.OutgoingUrls;
import io.chargeclear.gateway.partner.PartnerAnswer;
import io.chargeclear.kit.outbox.Outbox;
import io.chargeclear.model.event.AuthorizationDecided;
import io.chargeclear.model.event.EventType;
import io.chargeclear.gateway.store.VersionedObjects;
import io.chargeclear.model.event.OcpiParty;
import io.chargeclear.model.ocpi.version.OcpiVersion;
import io.chargeclear.model.ocpi.OcpiStatus;
import io.chargeclear.model.ocpi.tokens.EmaidProvider;
import io.chargeclear.model.ocpi.tokens.LocationReferences;
import io.chargeclear.model.ocpi.versions.InterfaceRole;
import io.chargeclear.gateway.metrics.RtaMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;
import io.smallrye.faulttolerance.api.ApplyGuard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Real-time authorization through the hub (OCPI 2.2.1 §mod_tokens "POST authorize"; ADR 0008). The URL names no
 * owner, so the eMSP is the one in the TO headers or, without them, the owner of the token the hub stored from
 * the eMSP's push (uid + type). A Plug & Charge contract id ({@code type=EMAID}) without TO headers goes to the eMSP
 * the operator registered for its provider id, e.g. {@code NLTNM} in {@code NL-TNM-C12345678-X}
 * (docs/adr/0029-plug-and-charge.md); never broadcast. The request goes to that eMSP's tokens Sender endpoint with a
 * bounded timeout ({@code authorization-timeout}); its answer returns to the CPO unchanged. The hub answers itself with 2004 (HTTP
 * 404) for a token it cannot place, 2002 when the uid belongs to several eMSPs and no TO header says which, HTTP 403
 * without an agreement, 4001/4003 for an unknown or unreachable eMSP and 4002 on timeout. Every decision is
 * recorded as {@code ocpi.authorization.decided.v1} with the eMSP's latency, and timed in metrics; the event is
 * written just after the answer by {@link WriteBehind}, so no commit stands between the CPO and its answer
 * (docs/adr/0019-no-commit-on-the-request-path.md).
 */
@ApplicationScoped
public class Authorizations {

    private static final Logger LOG = Logger.getLogger(Authorizations.class);
    private static final String MODULE = "tokens";
    private static final String EMAID = "EMAID";

    private final ModuleSupport support;
    private final Router router;
    private final AgreementGate gate;
    private final ObjectStore store;
    private final Forwarder forwarder;
    private final OcpiBodies bodies;
    private final Outbox outbox;
    private final WriteBehind writeBehind;
    private final MeterRegistry metrics;
    private final RtaMetrics rta;
    private final Duration timeout;

    public Authorizations(ModuleSupport support, Router router, AgreementGate gate, ObjectStore store,
                          Forwarder forwarder, OcpiBodies bodies, Outbox outbox, WriteBehind writeBehind,
                          MeterRegistry metrics, RtaMetrics rta, GatewayConfig config) {
        this.support = support;
        this.router = router;
        this.gate = gate;
        this.store = store;
        this.forwarder = forwarder;
        this.bodies = bodies;
        this.outbox = outbox;
        this.writeBehind = writeBehind;
        this.metrics = metrics;
        this.rta = rta;
        this.timeout = config.authorizationTimeout();
    }

    @ApplyGuard(WorkBudgets.REALTIME)
    public Uni<Response> authorize(ContainerRequestContext request, String uid, String tokenType, String body) {
        String locationId = null;
        if (body != null && !body.isBlank()) {
            locationId = bodies.read(body, LocationReferences.class).locationId();
        }
        String location = locationId;
        OcpiVersion tree = ModuleSupport.tree(request);
        RoutingHeaders headers = ModuleSupport.headers(request);
        String correlationId = ModuleSupport.correlationId(request);
        return support.sender(request).flatMap(sender -> {
            ModuleSupport.requireRole(sender, "CPO", "asks for real-time authorization");
            Instant now = Instant.now();
            Decision decision = new Decision(UUID.randomUUID().toString(), sender.party(), uid, tokenType, location);
            // no ORM session: the routing data is in memory and the token's owner is one plain query
            return emsp(sender, headers, uid, tokenType, now)
                    .flatMap(emsp -> router.receiver(emsp, Set.of("EMSP"), MODULE, InterfaceRole.SENDER))
                    .flatMap(receiver -> {
                        decision.emsp = receiver.party();
                        long started = System.nanoTime();
                        // a 2.2.1 eMSP is asked with a type it knows, and the CPO gets its own type back
                        String sentType = VersionedObjects.tokenType(tokenType, receiver.version());
                        String suffix = OutgoingUrls.path(uid, "authorize") + "?"
                                + OutgoingUrls.query("type", sentType);
                        return forwarder.call(receiver, MODULE, InterfaceRole.SENDER,
                                        suffix, "POST", body == null || body.isBlank() ? null : body, sender.party(),
                                        correlationId, timeout)
                                .onItemOrFailure().invoke((answer, failure) -> {
                                    decision.latencyMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
                                    Duration took = Duration.ofNanos(System.nanoTime() - started);
                                    metrics.timer("chargeclear.authorization.latency",
                                                    "outcome", failure == null ? "answered" : "failed")
                                            .record(took);
                                    rta.record(receiver.party().toString(), took, timedOut(failure));
                                })
                                .map(answer -> {
                                    decision.answered(answer);
                                    return Forwarder.passBack(VersionedObjects.authorizationFor(answer, tokenType,
                                            sentType, tree), receiver.party(), sender.party());
                                });
                    })
                    .onFailure(OcpiException.class).recoverWithItem(e -> {
                        OcpiException refusal = (OcpiException) e;
                        decision.ocpiStatus = refusal.status().code();
                        return OcpiResponses.error(refusal.http(), refusal.status(), refusal.getMessage());
                    })
                    .call(response -> record(decision));
        });
    }

    /**
     * The token's eMSP: the TO headers; for an EMAID without them, the eMSP holding the contract id's provider id
     * (Plug & Charge, docs/adr/0029-plug-and-charge.md); else the stored token's owner. Refused when the agreements
     * do not allow it: HTTP 403, or for a Plug & Charge lookup 404 with 2004, since the CPO named no eMSP.
     */
    private Uni<OcpiParty> emsp(Sender cpo, RoutingHeaders headers, String uid, String tokenType, Instant now) {
        if (headers.to() != null && !router.addressesHub(headers)) {
            return allowed(cpo, Uni.createFrom().item(headers.to()), now);
        }
        if (!EMAID.equals(tokenType)) {
            return allowed(cpo, storedOwner(uid, tokenType, () -> new OcpiException(Response.Status.NOT_FOUND,
                    OcpiStatus.UNKNOWN_TOKEN, "unknown token " + uid + " (" + tokenType + "): no eMSP pushed it to"
                            + " the hub; send the OCPI-to headers of the token's eMSP")), now);
        }
        Optional<String> provider = EmaidProvider.of(uid);
        Uni<Optional<OcpiParty>> holder = provider.isPresent() ? router.emaidProvider(provider.get())
                : Uni.createFrom().item(Optional.empty());
        return holder.flatMap(emsp -> {
            if (emsp.isEmpty()) {
                // an eMSP may still have pushed the token itself
                return allowed(cpo, storedOwner(uid, tokenType, () -> unknownEmaid(uid, provider)), now);
            }
            return gate.allowed(cpo.party(), emsp.get(), MODULE, now).map(allowed -> {
                if (!allowed) {
                    throw new OcpiException(Response.Status.NOT_FOUND, OcpiStatus.UNKNOWN_TOKEN,
                            "EMAID " + uid + " belongs to eMSP " + emsp.get() + " (provider " + provider.get()
                                    + "), and no agreement lets " + cpo.party() + " exchange tokens with it");
                }
                return emsp.get();
            });
        });
    }

    private static OcpiException unknownEmaid(String uid, Optional<String> provider) {
        return new OcpiException(Response.Status.NOT_FOUND, OcpiStatus.UNKNOWN_TOKEN, provider
                .map(id -> "unknown EMAID " + uid + ": no eMSP behind this hub holds the provider id " + id)
                .orElse("unknown EMAID " + uid + ": it does not start with a provider id (two letters of the"
                        + " country, three letters or digits of the provider), and no eMSP pushed it"));
    }

    private Uni<OcpiParty> allowed(Sender cpo, Uni<OcpiParty> owner, Instant now) {
        return owner.flatMap(emsp -> gate.allowed(cpo.party(), emsp, MODULE, now).map(allowed -> {
            if (!allowed) {
                throw PushService.noAgreement(cpo.party(), emsp, MODULE);
            }
            return emsp;
        }));
    }

    /** The one eMSP that pushed the token; {@code unknown} when none did. */
    private Uni<OcpiParty> storedOwner(String uid, String tokenType, Supplier<OcpiException> unknown) {
        return store.owners(MODULE, uid, tokenType).map(owners -> {
            if (owners.isEmpty()) {
                throw unknown.get();
            }
            if (owners.size() > 1) {
                throw new OcpiException(Response.Status.OK, OcpiStatus.NOT_ENOUGH_INFORMATION,
                        "token " + uid + " (" + tokenType + ") is known at several eMSPs " + owners
                                + "; send the OCPI-to headers of the one you mean");
            }
            return owners.get(0);
        });
    }

    /** The forwarded call ended without an answer in time: the hub's 4002 (not a busy pool, which answers 4002 too). */
    private static boolean timedOut(Throwable failure) {
        return failure instanceof OcpiException e && e.status() == OcpiStatus.TIMEOUT_ON_FORWARDED_REQUEST
                && e.http() != Response.Status.SERVICE_UNAVAILABLE;
    }

    private Uni<Void> record(Decision d) {
        AuthorizationDecided event = new AuthorizationDecided(d.id, d.cpo, d.emsp, d.uid, d.tokenType, d.locationId,
                d.allowed, d.reference, d.ocpiStatus, d.latencyMs, d.answer,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        metrics.counter("chargeclear.authorization.decisions", "ocpi_status", Integer.toString(d.ocpiStatus),
                "allowed", d.allowed == null ? "none" : d.allowed).increment();
        // written after the answer, in a batch (ADR 0019): the CPO does not wait for a commit
        return writeBehind.submit(() -> outbox.append(EventType.AUTHORIZATION_DECIDED, d.id, d.uid, event))
                .onFailure().recoverWithItem(e -> {
                    LOG.errorf(e, "authorization decision %s could not be recorded; the answer stands", d.id);
                    return null;
                });
    }

    /** What the hub learned while deciding; filled in as the request goes along. */
    private static final class Decision {
        final String id;
        final OcpiParty cpo;
        final String uid;
        final String tokenType;
        final String locationId;
        OcpiParty emsp;
        String allowed;
        String reference;
        int ocpiStatus;
        Long latencyMs;
        JsonNode answer;

        Decision(String id, OcpiParty cpo, String uid, String tokenType, String locationId) {
            this.id = id;
            this.cpo = cpo;
            this.uid = uid;
            this.tokenType = tokenType;
            this.locationId = locationId;
        }

        void answered(PartnerAnswer answer) {
            ocpiStatus = answer.statusCode();
            answer.envelope().ifPresent(envelope -> {
                JsonNode data = envelope.path("data");
                if (data.isObject()) {
                    this.answer = data;
                    allowed = data.path("allowed").asText(null);
                    reference = data.path("authorization_reference").asText(null);
                }
            });
        }
    }
}
