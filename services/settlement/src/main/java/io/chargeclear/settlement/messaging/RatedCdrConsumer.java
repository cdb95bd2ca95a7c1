package io.chargeclear.settlement.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chargeclear.kit.inbox.EventHandler;
import io.chargeclear.kit.inbox.Inbox;
import io.chargeclear.model.event.CdrRated;
import io.chargeclear.model.event.EventType;
import io.chargeclear.settlement.service.TerminalPaidSessions;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import io.chargeclear.kit.inbox.Batches;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Set;

/**
 * Books every rated CDR ({@code rating.cdr-rated.v1}) into the ledger, a Kafka batch per transaction
 * (docs/adr/0021-batched-consumers.md); the offsets are committed only after the transaction that booked the batch
 * and recorded its events in the inbox (or after the batch was applied record by record, a CDR it cannot book
 * parked). A terminal-paid CDR books no money (docs/adr/0030-terminal-paid-sessions-in-settlement.md).
 */
@Startup
@ApplicationScoped
public class RatedCdrConsumer {

    static final String CONSUMER = "ledger";

    private final Inbox inbox;
    private final EventHandler booking;

    public RatedCdrConsumer(Inbox inbox, ObjectMapper json, TerminalPaidSessions sessions) {
        this.inbox = inbox;
        this.booking = inbox.register(CONSUMER, Set.of(EventType.CDR_RATED),
                event -> sessions.book(event.payloadAs(json, CdrRated.class)));
    }

    @Incoming("rated-cdrs-in")
    public Uni<Void> onRated(ConsumerRecords<String, String> records) {
        return inbox.consumeBatch(booking, Batches.inOrder(records));
    }
}
