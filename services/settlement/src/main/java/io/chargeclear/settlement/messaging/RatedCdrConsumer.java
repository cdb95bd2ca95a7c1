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

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Books every rated CDR ({@code rating.cdr-rated.v1}) into the ledger, a Kafka batch per transaction
 * (docs/adr/0021-batched-consumers.md); the offsets are committed only after the transaction that booked the batch
 * and recorded its events in the inbox (or after the batch was applied record by record, a CDR it cannot book
 * parked). A terminal-paid CDR books no money (docs/adr/0030-terminal-paid-sessions-in-settlement.md); a batch looks
 * for the payment confirmations of its CDRs' sessions with one statement.
 */
@Startup
@ApplicationScoped
public class RatedCdrConsumer {

    static final String CONSUMER = "ledger";

    private final Inbox inbox;
    private final EventHandler booking;

    public RatedCdrConsumer(Inbox inbox, ObjectMapper json, TerminalPaidSessions sessions, PostingMetrics metrics) {
        this.inbox = inbox;
        // the batch's CDRs are read once, and look for their sessions' payment confirmations with one statement
        this.booking = inbox.registerBatched(CONSUMER, Set.of(EventType.CDR_RATED), events -> {
            Map<String, CdrRated> rated = new HashMap<>();
            events.forEach(event -> rated.put(event.id(), event.payloadAs(json, CdrRated.class)));
            return sessions.booking(List.copyOf(rated.values()))
                    .map(book -> event -> book.apply(rated.get(event.id()))
                            .invoke(() -> metrics.posted(rated.get(event.id()))));
        });
    }

    @Incoming("rated-cdrs-in")
    public Uni<Void> onRated(ConsumerRecords<String, String> records) {
        return inbox.consumeBatch(booking, Batches.inOrder(records));
    }
}
