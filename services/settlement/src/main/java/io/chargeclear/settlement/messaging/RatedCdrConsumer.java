package io.chargeclear.settlement.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chargeclear.kit.inbox.Inbox;
import io.chargeclear.kit.messaging.IncomingEvent;
import io.chargeclear.model.event.CdrRated;
import io.chargeclear.model.event.EventType;
import io.chargeclear.settlement.service.Ledger;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Books every rated CDR ({@code rating.cdr-rated.v1}) into the ledger; the offset is committed only after the
 * transaction that booked it and recorded the event in the inbox.
 */
@ApplicationScoped
public class RatedCdrConsumer {

    static final String CONSUMER = "ledger";
    private static final Logger LOG = Logger.getLogger(RatedCdrConsumer.class);

    private final Inbox inbox;
    private final ObjectMapper json;
    private final Ledger ledger;

    public RatedCdrConsumer(Inbox inbox, ObjectMapper json, Ledger ledger) {
        this.inbox = inbox;
        this.json = json;
        this.ledger = ledger;
    }

    @Incoming("rated-cdrs-in")
    public Uni<Void> onRated(ConsumerRecord<String, String> record) {
        IncomingEvent event = IncomingEvent.of(record);
        if (EventType.fromType(event.type()).orElse(null) != EventType.CDR_RATED) {
            LOG.warnf("ignoring event %s of unexpected type %s on %s", event.id(), event.type(), record.topic());
            return Uni.createFrom().voidItem();
        }
        CdrRated rated = event.payloadAs(json, CdrRated.class);
        return Panache.withTransaction(() -> inbox.firstDelivery(CONSUMER, event.id(), event.type())
                .flatMap(first -> first ? ledger.book(rated) : Uni.createFrom().voidItem()));
    }
}
