package io.chargeclear.gateway.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.chargeclear.gateway.delivery.DeliveryQueue;
import io.chargeclear.gateway.ocpi.OcpiException;
import io.chargeclear.gateway.persistence.StoredObject;
import io.chargeclear.gateway.store.ObjectStore;
import io.chargeclear.kit.outbox.Outbox;
import io.chargeclear.model.event.OcpiObjectChanged;
import io.chargeclear.model.event.OcpiParty;
import io.chargeclear.model.ocpi.OcpiJson;
import io.chargeclear.model.ocpi.OcpiStatus;
import io.chargeclear.model.ocpi.versions.InterfaceRole;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Function;

/**
 * Store-and-forward of pushed objects (ADR 0008): in one transaction the hub locks its copy of the object, lets
 * the module decide the {@link Push} from it, saves the new copy, writes the {@code ocpi.<module>} event and
 * queues one delivery per receiver. The sender gets the hub's own answer right away; receivers get the push,
 * in order, through the delivery queue, even if they are offline now. Destinations:
 * <ul>
 *   <li>sessions and CDRs go to the one eMSP they name (the TO headers if they name a party, else the
 *   {@code cdr_token}'s party), never broadcast;</li>
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

    public PushService(Router router, AgreementGate gate, ObjectStore store, DeliveryQueue deliveries, Outbox outbox) {
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
    public Uni<Integer> accept(Sender sender, RoutingHeaders headers, String correlationId, String module,
                               OcpiParty owner, String objectId, String tokenType, Function<StoredObject, Push> decide) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> store.findForUpdate(module, owner, objectId, tokenType)
                .flatMap(current -> {
                    Push push = decide.apply(current);
                    return receivers(sender, headers, push, now)
                            .flatMap(receivers -> save(current, push, sender, now)
                                    .flatMap(saved -> announce(push, addressed(headers, push), sender, now))
                                    .flatMap(done -> queue(receivers, push, sender, headers, correlationId))
                                    .replaceWith(receivers.size()));
                }));
    }

    private Uni<List<Receiver>> receivers(Sender sender, RoutingHeaders headers, Push push, Instant now) {
        OcpiParty addressed = headers.to() != null && !router.addressesHub(headers) ? headers.to() : null;
        if (push.recipient() != null || addressed != null) {
            OcpiParty target = addressed != null ? addressed : push.recipient();
            return router.receiver(target, push.receiverRoles(), push.module(), InterfaceRole.RECEIVER)
                    .flatMap(receiver -> gate.allowed(sender.party(), target, push.module(), now).map(allowed -> {
                        if (!allowed) {
                            throw noAgreement(sender.party(), target, push.module());
                        }
                        return List.of(receiver);
                    }));
        }
        return router.broadcast(sender, push.receiverRoles(), push.module(), InterfaceRole.RECEIVER, now);
    }

    private Uni<Void> save(StoredObject current, Push push, Sender sender, Instant now) {
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
        object.lastUpdated = push.lastUpdated();
        if (push.recipient() != null) {
            object.recipientCountryCode = push.recipient().countryCode();
            object.recipientPartyId = push.recipient().partyId();
        }
        object.senderPlatform = sender.platformId();
        object.receivedAt = now;
        return current != null ? Uni.createFrom().voidItem() : store.save(object).replaceWithVoid();
    }

    /**
     * Whom the event names as recipient: the eMSP of a session or CDR, or the one party a push was addressed to
     * (a per-receiver tariff, say); null for a broadcast.
     */
    private OcpiParty addressed(RoutingHeaders headers, Push push) {
        if (push.recipient() != null) {
            return push.recipient();
        }
        return headers.to() != null && !router.addressesHub(headers) ? headers.to() : null;
    }

    private Uni<Void> announce(Push push, OcpiParty recipient, Sender sender, Instant now) {
        OcpiObjectChanged event = new OcpiObjectChanged(push.module(), push.owner(), push.objectId(),
                push.tokenType() == null || push.tokenType().isEmpty() ? null : push.tokenType(), push.method(),
                push.newState(), recipient, sender.platformId(), push.lastUpdated(), now);
        return outbox.append(push.event(), event.key(), push.objectId(), event).replaceWithVoid();
    }

    private Uni<Void> queue(List<Receiver> receivers, Push push, Sender sender, RoutingHeaders headers,
                            String correlationId) {
        if (receivers.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        boolean broadcast = push.recipient() == null && (headers.to() == null || router.addressesHub(headers));
        // broadcast push: FROM = the hub towards each receiver; party to party: FROM/TO unchanged
        OcpiParty from = broadcast ? router.hub() : sender.party();
        return Multi.createFrom().iterable(receivers)
                .onItem().transformToUniAndConcatenate(r -> deliveries.toEndpoint(r.platformId(), push.module(),
                        InterfaceRole.RECEIVER.name(), push.path(), push.method(), from, r.party(), correlationId,
                        push.forwardedBody(), push.objectKey()))
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
