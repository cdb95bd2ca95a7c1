package io.chargeclear.gateway.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chargeclear.gateway.service.HubInvoiceRecords;
import io.chargeclear.kit.inbox.Batches;
import io.chargeclear.kit.inbox.EventHandler;
import io.chargeclear.kit.inbox.Inbox;
import io.chargeclear.model.event.EventType;
import io.chargeclear.model.event.InvoiceRecordIssued;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Set;

/**
 * Takes the invoice reconciliation records settlement issues for its statements off
 * {@code settlement.invoice-record.v1} and has the hub issue them to the parties (docs/adr/0032-invoice-reconciliation.md).
 * A poll's records in one transaction with the inbox (docs/adr/0021-batched-consumers.md); a redelivered record
 * changes nothing.
 */
@Startup
@ApplicationScoped
public class HubInvoiceRecordConsumer {

    static final String CONSUMER = "hub-invoice-records";

    private final Inbox inbox;
    private final EventHandler handler;

    public HubInvoiceRecordConsumer(Inbox inbox, ObjectMapper json, HubInvoiceRecords records) {
        this.inbox = inbox;
        this.handler = inbox.register(CONSUMER, Set.of(EventType.INVOICE_RECORD_ISSUED),
                event -> records.issue(event.payloadAs(json, InvoiceRecordIssued.class)).replaceWithVoid());
    }

    @Incoming("invoice-records-in")
    public Uni<Void> onRecords(ConsumerRecords<String, String> records) {
        return inbox.consumeBatch(handler, Batches.inOrder(records));
    }
}
