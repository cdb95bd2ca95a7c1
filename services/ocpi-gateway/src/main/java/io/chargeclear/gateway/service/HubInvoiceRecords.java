package io.chargeclear.gateway.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chargeclear.gateway.delivery.DeliveryQueue;
import io.chargeclear.gateway.partner.OutgoingUrls;
import io.chargeclear.gateway.persistence.StoredObject;
import io.chargeclear.gateway.routing.Receiver;
import io.chargeclear.gateway.routing.Router;
import io.chargeclear.gateway.store.ObjectStore;
import io.chargeclear.kit.outbox.Outbox;
import io.chargeclear.model.event.EventType;
import io.chargeclear.model.event.InvoiceRecordIssued;
import io.chargeclear.model.event.OcpiObjectChanged;
import io.chargeclear.model.event.OcpiParty;
import io.chargeclear.model.ocpi.OcpiJson;
import io.chargeclear.model.ocpi.version.OcpiVersion;
import io.chargeclear.model.ocpi.versions.InterfaceRole;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The invoice reconciliation records the hub issues itself, from its own party ({@code hub_party_id}), for the
 * statements settlement produces (docs/adr/0032-invoice-reconciliation.md, "The hub's own records"). Each record is
 * kept as a hub-owned object addressed to the statement's eMSP with a copy to its CPO, announced on
 * {@code ocpi.invoice-reconciliation.v1}, and PUT through the delivery queue to each of the two whose platform is on
 * OCPI 2.3.0 with an {@code invoicereconciliation} Receiver; a party on 2.2.1, or without that endpoint, is sent
 * nothing and reads the record through settlement's party API instead (the brief's fallback L7). Runs in the caller's
 * transaction; a record it holds already, unchanged, changes nothing, so a replayed event sends nothing twice.
 */
@ApplicationScoped
public class HubInvoiceRecords {

    static final String MODULE = "invoicereconciliation";
    /** {@code sender_platform} of the hub's own records: no partner platform pushed them. */
    static final String HUB_PLATFORM = "hub";
    private static final Logger LOG = Logger.getLogger(HubInvoiceRecords.class);
    private static final int MAX_ID_LENGTH = 36;
    private static final int MAX_INVOICE_ID_LENGTH = 255;

    private final Router router;
    private final ObjectStore store;
    private final Outbox outbox;
    private final DeliveryQueue deliveries;

    public HubInvoiceRecords(Router router, ObjectStore store, Outbox outbox, DeliveryQueue deliveries) {
        this.router = router;
        this.store = store;
        this.outbox = outbox;
        this.deliveries = deliveries;
    }

    /**
     * Keeps, announces and delivers one record.
     *
     * @return how many parties it was queued for (0, 1 or 2)
     * @throws IllegalArgumentException for a record OCPI cannot carry (the event is parked as a dead letter)
     */
    public Uni<Integer> issue(InvoiceRecordIssued issued) {
        InvoiceRecordIssued.ReconciliationRecord record = requireValid(issued);
        OcpiParty hub = router.hub();
        if (!hub.equals(new OcpiParty(record.countryCode(), record.partyId()))) {
            // the gateway tells partners who the hub is (hub_party_id): its own identity is the one they know
            LOG.warnf("invoice record %s names issuer %s*%s, but the hub is %s: issued as %s (set"
                            + " CHARGECLEAR_HUB_COUNTRY_CODE and CHARGECLEAR_HUB_PARTY_ID alike for settlement and gateway)",
                    record.id(), record.countryCode(), record.partyId(), hub, hub);
        }
        ObjectNode body = OcpiJson.mapper().valueToTree(new InvoiceRecordIssued.ReconciliationRecord(
                hub.countryCode(), hub.partyId(), record.id(), record.invoiceId(), record.cdrs(), record.lastUpdated()));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return store.findForUpdate(MODULE, hub, record.id(), null).flatMap(current -> {
            if (current != null && body.toString().equals(current.body)) {
                return Uni.createFrom().item(0);
            }
            StoredObject object = current != null ? current : new StoredObject();
            object.module = MODULE;
            object.countryCode = hub.countryCode();
            object.partyId = hub.partyId();
            object.objectId = record.id();
            object.tokenType = "";
            object.body = body.toString();
            object.sourceVersion = OcpiVersion.V2_3_0.wire();
            object.lastUpdated = record.lastUpdated();
            object.recipientCountryCode = issued.emsp().countryCode();
            object.recipientPartyId = issued.emsp().partyId();
            object.copyCountryCode = issued.cpo().countryCode();
            object.copyPartyId = issued.cpo().partyId();
            object.senderPlatform = HUB_PLATFORM;
            object.receivedAt = now;
            Uni<Void> saved = current != null ? Uni.createFrom().voidItem() : store.save(object).replaceWithVoid();
            OcpiObjectChanged event = new OcpiObjectChanged(MODULE, hub, record.id(), null, "PUT", body,
                    issued.emsp(), HUB_PLATFORM, record.lastUpdated(), now, OcpiVersion.V2_3_0.wire());
            return saved
                    .flatMap(done -> outbox.append(EventType.INVOICE_RECONCILIATION_CHANGED, event.key(), record.id(),
                            event))
                    .flatMap(appended -> deliver(hub, record.id(), body.toString(), issued));
        });
    }

    /** PUT to the eMSP and, as a copy, to the CPO: each only when its platform is on 2.3.0 with the Receiver. */
    private Uni<Integer> deliver(OcpiParty hub, String id, String body, InvoiceRecordIssued issued) {
        String path = OutgoingUrls.path(hub.countryCode(), hub.partyId(), id);
        String objectKey = MODULE + ":" + hub + "*" + id;
        String correlationId = UUID.randomUUID().toString();
        return Multi.createFrom().iterable(List.of(new Addressee(issued.emsp(), "EMSP"),
                        new Addressee(issued.cpo(), "CPO")))
                .onItem().transformToUniAndConcatenate(to -> router.reachable(to.party(), Set.of(to.role()), MODULE,
                        InterfaceRole.RECEIVER).map(found -> found.filter(r -> r.version() == OcpiVersion.V2_3_0)))
                .collect().asList()
                .flatMap(receivers -> {
                    List<Receiver> on230 = receivers.stream().flatMap(Optional::stream).toList();
                    return Multi.createFrom().iterable(on230)
                            .onItem().transformToUniAndConcatenate(r -> deliveries.toEndpoint(r.platformId(), MODULE,
                                    InterfaceRole.RECEIVER.name(), path, "PUT", hub, r.party(), correlationId, body,
                                    objectKey, OcpiVersion.V2_3_0))
                            .collect().asList()
                            .invoke(() -> LOG.debugf("invoice record %s of statement %s: sent to %s", id,
                                    issued.statementId(), on230.stream().map(Receiver::party).toList()))
                            .replaceWith(on230.size());
                });
    }

    private record Addressee(OcpiParty party, String role) {
    }

    /** What OCPI 2.3.0 requires of the record: ids of at most 36 characters, at least one CDR id, a time. */
    static InvoiceRecordIssued.ReconciliationRecord requireValid(InvoiceRecordIssued issued) {
        InvoiceRecordIssued.ReconciliationRecord record = issued == null ? null : issued.record();
        if (record == null || issued.cpo() == null || issued.emsp() == null) {
            throw new IllegalArgumentException("an invoice record event needs record, cpo and emsp");
        }
        if (record.id() == null || record.id().isEmpty() || record.id().length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("record id '" + record.id() + "' is not 1 to 36 characters");
        }
        if (record.invoiceId() == null || record.invoiceId().isEmpty()
                || record.invoiceId().length() > MAX_INVOICE_ID_LENGTH) {
            throw new IllegalArgumentException("record " + record.id() + ": invoice_id is not 1 to 255 characters");
        }
        if (record.cdrs().isEmpty() || record.cdrs().stream()
                .anyMatch(cdr -> cdr == null || cdr.isEmpty() || cdr.length() > MAX_ID_LENGTH)) {
            throw new IllegalArgumentException("record " + record.id() + ": cdrs must be 1 or more ids of 1 to 36"
                    + " characters");
        }
        if (record.lastUpdated() == null) {
            throw new IllegalArgumentException("record " + record.id() + " has no last_updated");
        }
        return record;
    }
}
