package io.chargeclear.rating.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chargeclear.kit.inbox.Batches;
import io.chargeclear.kit.inbox.EventHandler;
import io.chargeclear.kit.inbox.Inbox;
import io.chargeclear.model.event.EventType;
import io.chargeclear.model.event.OcpiObjectChanged;
import io.chargeclear.rating.domain.ReferenceWait;
import io.chargeclear.rating.persistence.LocationView;
import io.chargeclear.rating.persistence.TariffVersion;
import io.chargeclear.rating.service.RatingService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

/**
 * Everything rating consumes, each idempotent through the inbox and applied in one transaction with what it causes:
 * tariff versions ({@code ocpi.tariff.v1}), locations ({@code ocpi.location.v1}) and the CDRs themselves
 * ({@code ocpi.cdr.v1}). A tariff or location that arrives rates the CDRs (PENDING or flagged) that waited for that
 * very object and no others (docs/adr/0022); agreements and standard terms are the service kit's agreement book's
 * ({@link RatingAgreementListener} rates on them). Nothing here assumes one record per transaction: a CDR and the
 * location it waits for may be applied in one session, in either order.
 */
@Startup
@ApplicationScoped
public class RatingConsumers {

    private final Inbox inbox;
    private final EventHandler tariffs;
    private final EventHandler locations;
    private final EventHandler cdrs;

    public RatingConsumers(Inbox inbox, ObjectMapper json, RatingService ratings) {
        this.inbox = inbox;
        this.tariffs = inbox.register("rating-tariffs", Set.of(EventType.TARIFF_CHANGED, EventType.TARIFF_DELETED),
                event -> {
                    OcpiObjectChanged change = event.payloadAs(json, OcpiObjectChanged.class);
                    return tariffVersion(change).flatMap(saved -> ratings.arrived(ReferenceWait.Kind.TARIFF,
                            change.owner(), change.objectId()));
                });
        this.locations = inbox.register("rating-locations", Set.of(EventType.LOCATION_CHANGED), event -> {
            OcpiObjectChanged change = event.payloadAs(json, OcpiObjectChanged.class);
            return location(change).flatMap(saved -> ratings.arrived(ReferenceWait.Kind.LOCATION, change.owner(),
                    change.objectId()));
        });
        this.cdrs = inbox.register("rating-cdrs", Set.of(EventType.CDR_RECEIVED), event -> {
            OcpiObjectChanged change = event.payloadAs(json, OcpiObjectChanged.class);
            return ratings.received(change.object(), change.receivedAt());
        });
    }

    @Incoming("tariff-in")
    public Uni<Void> onTariff(ConsumerRecords<String, String> records) {
        return inbox.consumeBatch(tariffs, Batches.inOrder(records));
    }

    @Incoming("location-in")
    public Uni<Void> onLocation(ConsumerRecords<String, String> records) {
        return inbox.consumeBatch(locations, Batches.inOrder(records));
    }

    @Incoming("cdr-in")
    public Uni<Void> onCdr(ConsumerRecords<String, String> records) {
        return inbox.consumeBatch(cdrs, Batches.inOrder(records));
    }


    private static Uni<Void> tariffVersion(OcpiObjectChanged change) {
        boolean deleted = change.object() == null;
        String recipient = change.recipient() == null ? "" : change.recipient().toString();
        return TariffVersion.<TariffVersion>find("countryCode = ?1 and partyId = ?2 and tariffId = ?3 and recipient = ?4"
                                + " and lastUpdated = ?5 and deleted = ?6", change.owner().countryCode(),
                        change.owner().partyId(), change.objectId(), recipient, change.lastUpdated(), deleted)
                .firstResult()
                .flatMap(known -> {
                    TariffVersion version = known != null ? known : new TariffVersion();
                    version.countryCode = change.owner().countryCode();
                    version.partyId = change.owner().partyId();
                    version.tariffId = change.objectId();
                    version.recipient = recipient;
                    version.lastUpdated = change.lastUpdated();
                    version.deleted = deleted;
                    version.body = deleted ? null : change.object().toString();
                    version.receivedAt = change.receivedAt() == null ? Instant.now() : change.receivedAt();
                    return known != null ? Uni.createFrom().voidItem() : version.persist().replaceWithVoid();
                })
                .call(() -> Panache.getSession().flatMap(session -> session.flush()));
    }

    private static Uni<Void> location(OcpiObjectChanged change) {
        JsonNode object = change.object();
        if (object == null || !object.path("time_zone").isTextual()) {
            return Uni.createFrom().voidItem();
        }
        return LocationView.<LocationView>findById(new LocationView.Key(change.owner().countryCode(),
                        change.owner().partyId(), change.objectId()))
                .flatMap(known -> {
                    LocationView view = known != null ? known : new LocationView();
                    view.countryCode = change.owner().countryCode();
                    view.partyId = change.owner().partyId();
                    view.locationId = change.objectId();
                    view.timeZone = object.path("time_zone").asText();
                    view.body = object.toString();
                    view.lastUpdated = change.lastUpdated() == null
                            ? Instant.now().truncatedTo(ChronoUnit.MILLIS) : change.lastUpdated();
                    return known != null ? Uni.createFrom().voidItem() : view.persist().replaceWithVoid();
                })
                .call(() -> Panache.getSession().flatMap(session -> session.flush()));
    }
}
