package io.chargeclear.settlement.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chargeclear.kit.inbox.EventHandler;
import io.chargeclear.kit.inbox.Inbox;
import io.chargeclear.model.event.CdrRated;
import io.chargeclear.model.event.EventType;
import io.chargeclear.settlement.service.Ledger;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Set;

/**
 * Books every rated CDR ({@code rating.cdr-rated.v1}) into the ledger; the offset is committed only after the
 * transaction that booked it and recorded the event in the inbox (or after a CDR it cannot book was parked).
 */
@Startup
@ApplicationScoped
public class RatedCdrConsumer {

    static final String CONSUMER = "ledger";

    private final Inbox inbox;
    private final EventHandler booking;

    public RatedCdrConsumer(Inbox inbox, ObjectMapper json, Ledger ledger) {
        this.inbox = inbox;
        this.booking = inbox.register(CONSUMER, Set.of(EventType.CDR_RATED),
                event -> ledger.book(event.payloadAs(json, CdrRated.class)));
    }

    @Incoming("rated-cdrs-in")
    public Uni<Void> onRated(ConsumerRecord<String, String> record) {
        return inbox.consume(booking, record);
    }
}
