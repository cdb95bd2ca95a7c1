package io.chargeclear.gateway.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.chargeclear.gateway.config.GatewayConfig;
import io.chargeclear.gateway.delivery.DeliveryQueue;
import io.chargeclear.gateway.domain.Destination;
import io.chargeclear.gateway.ocpi.OcpiException;
import io.chargeclear.gateway.persistence.StoredObject;
import io.chargeclear.gateway.store.ObjectStore;
import io.chargeclear.gateway.ocpi.RoutingHeaders;
import io.chargeclear.kit.outbox.Outbox;
import io.chargeclear.model.event.OcpiObjectChanged;
import io.chargeclear.model.event.OcpiParty;
import io.chargeclear.model.ocpi.OcpiJson;
import io.chargeclear.model.ocpi.OcpiStatus;
import io.chargeclear.model.ocpi.versions.InterfaceRole;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.faulttolerance.api.ApplyGuard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Function;

/**
 * Store-and-forward of pushed objects (ADR 0008): in one transaction the hub locks its copy of the object, lets
 * the module decide the {@link Push} from it, saves the new copy, writes the {@code ocpi.<module>} event and
 * queues one delivery per receiver. The sender gets the hub's own answer right away; receivers get the push,
 * in order, through the delivery queue, even if they are offline now. Destinations:
 * One {@link Destination}, decided before anything is stored, is what the gate checks, the copy records as its
 * recipient, the event names and the queue delivers to:
 * <ul>
 *   <li>sessions and CDRs go to the one eMSP their {@code cdr_token} names, never broadcast; TO headers naming
 *   another party are refused (2001);</li>
 *   <li>other data addressed to the hub, or with no TO headers, is broadcast to every party of the receiving
 *   roles the agreement gate allows;</li>
 *   <li>other data addressed to one party goes to that party alone, if the gate allows.</li>
 * </ul>
 */
@ApplicationScoped
public class PushService {

    private final Router router;
    private final AgreementGate gate;
    private final ObjectStore store;
    private final DeliveryQueue deliveries;
    private final Outbox outbox;
    private final int maxObjectBytes;

    public PushService(Router router, AgreementGate gate, ObjectStore store, DeliveryQueue deliveries, Outbox outbox,
                       GatewayConfig config) {
        this.maxObjectBytes = config.maxObjectBytes();
        this.router = router;
        this.gate = gate;
        this.store = store;
        this.deliveries = deliveries;
        this.outbox = outbox;
    }

    /**
     * @param decide builds the push from the hub's current copy (null when it has none); may throw
     *               {@link OcpiException} to refuse it
     * @return how many receivers the push was queued for
     */
    @ApplyGuard(WorkBudgets.PUSH)
    public Uni<Integer> accept(Sender sender, RoutingHeaders headers, String correlationId, String module,
                               OcpiParty owner, String objectId, String tokenType, Function<StoredObject, Push> decide) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> store.findForUpdate(module, owner, objectId, tokenType)
                .flatMap(current -> {
                    Push push = decide.apply(current);
                    requireStorable(push);
                    Destination destination = destination(headers, push, current);
                    return receivers(sender, destination, push, now)
                            .flatMap(receivers -> save(current, push, destination, sender, now)
                                    .flatMap(saved -> announce(push, destination, sender, now))
                                    .flatMap(done -> queue(receivers, push, destination, sender, correlationId))
                                    .replaceWith(receivers.size()));
                }));
    }

    /**
     * The one routing decision of a push; refused (2001) when the TO headers contradict the receiver the content
     * names, or when a push would move a stored session or CDR to another eMSP than the one that has it.
     */
    private Destination destination(RoutingHeaders headers, Push push, StoredObject current) {
        Destination destination;
        try {
            destination = Destination.decide(router.hub(), headers.to(), push.recipient());
        } catch (Destination.Contradiction e) {
            throw new OcpiException(Response.Status.BAD_REQUEST, OcpiStatus.INVALID_OR_MISSING_PARAMETERS, e.getMessage());
        }
        OcpiParty stored = current == null || current.recipientCountryCode == null ? null
                : new OcpiParty(current.recipientCountryCode, current.recipientPartyId);
        if (stored != null && destination.storedRecipient() != null && !stored.equals(destination.storedRecipient())) {
            throw new OcpiException(Response.Status.BAD_REQUEST, OcpiStatus.INVALID_OR_MISSING_PARAMETERS,
                    "field 'cdr_token' names " + destination.storedRecipient() + " but " + push.objectKey()
                            + " went to " + stored + "; the eMSP of a session cannot change");
        }
        return destination;
    }

    /** The copy the hub stores and publishes must fit in one event (a PATCH appends charging periods). */
    private void requireStorable(Push push) {
        if (push.newState() == null) {
            return;
        }
        int bytes = push.newState().toString().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxObjectBytes) {
            throw new OcpiException(Response.Status.BAD_REQUEST, OcpiStatus.INVALID_OR_MISSING_PARAMETERS,
                    push.objectKey() + " would be " + bytes + " bytes after this " + push.method()
                            + ", over the hub's limit of " + maxObjectBytes
                            + " bytes per object (chargeclear.gateway.max-object-bytes)");
        }
    }

    private Uni<List<Receiver>> receivers(Sender sender, Destination destination, Push push, Instant now) {
        if (!destination.broadcast()) {
            OcpiParty target = destination.party();
            return router.receiver(target, push.receiverRoles(), push.endpointModule(), InterfaceRole.RECEIVER)
                    .flatMap(receiver -> gate.allowed(sender.party(), target, push.gateModule(), now)
                            .map(allowed -> {
                                if (!allowed) {
                                    throw noAgreement(sender.party(), target, push.gateModule());
                                }
                                return List.of(receiver);
                            }));
        }
        return router.broadcast(sender, push.receiverRoles(), push.endpointModule(), InterfaceRole.RECEIVER, now);
    }

    private Uni<Void> save(StoredObject current, Push push, Destination destination, Sender sender, Instant now) {
        if (push.newState() == null) {
            return current == null ? Uni.createFrom().voidItem() : store.delete(current);
        }
        StoredObject object = current != null ? current : new StoredObject();
        object.module = push.module();
        object.countryCode = push.owner().countryCode();
        object.partyId = push.owner().partyId();
        object.objectId = push.objectId();
        object.tokenType = push.tokenType() == null ? "" : push.tokenType();
        object.body = push.newState().toString();
        object.sourceVersion = push.stateVersion().wire();
        object.lastUpdated = push.lastUpdated();
        if (destination.storedRecipient() != null) {
            object.recipientCountryCode = destination.storedRecipient().countryCode();
            object.recipientPartyId = destination.storedRecipient().partyId();
        }
        object.senderPlatform = sender.platformId();
        object.receivedAt = now;
        return current != null ? Uni.createFrom().voidItem() : store.save(object).replaceWithVoid();
    }

    /**
     * The event names the destination's party as recipient: the eMSP of a session or CDR, or the one party a push
     * was addressed to (a per-receiver tariff, say); null for a broadcast.
     */
    private Uni<Void> announce(Push push, Destination destination, Sender sender, Instant now) {
        OcpiObjectChanged event = new OcpiObjectChanged(push.module(), push.owner(), push.objectId(),
                push.tokenType() == null || push.tokenType().isEmpty() ? null : push.tokenType(), push.method(),
                push.newState(), destination.party(), sender.platformId(), push.lastUpdated(), now,
                push.stateVersion().wire());
        return outbox.append(push.event(), event.key(), push.objectId(), event).replaceWithVoid();
    }

    private Uni<Void> queue(List<Receiver> receivers, Push push, Destination destination, Sender sender,
                            String correlationId) {
        if (receivers.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // broadcast push: FROM = the hub towards each receiver; party to party: FROM/TO unchanged
        OcpiParty from = destination.broadcast() ? router.hub() : sender.party();
        return Multi.createFrom().iterable(receivers)
                .onItem().transformToUniAndConcatenate(r -> deliveries.toEndpoint(r.platformId(), push.endpointModule(),
                        InterfaceRole.RECEIVER.name(), push.path(), push.method(), from, r.party(), correlationId,
                        push.forwardedBody(), push.objectKey(), push.bodyVersion()))
                .collect().last()
                .replaceWithVoid();
    }

    static OcpiException noAgreement(OcpiParty from, OcpiParty to, String module) {
        return new OcpiException(Response.Status.FORBIDDEN, OcpiStatus.CLIENT_ERROR,
                "no roaming agreement in effect between " + from + " and " + to + " covers " + module);
    }

    /** The JSON text of a value, for forwarding. */
    public static String json(Object value) {
        try {
            return OcpiJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
