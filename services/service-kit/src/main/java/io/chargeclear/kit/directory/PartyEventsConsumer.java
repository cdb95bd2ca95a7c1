package io.chargeclear.kit.directory;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chargeclear.kit.inbox.Inbox;
import io.chargeclear.kit.messaging.IncomingEvent;
import io.chargeclear.model.event.EventType;
import io.chargeclear.model.event.PlatformChanged;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Feeds the {@link PartyDirectory} from {@code hub.party.v1} (channel {@code party-events-in}). The offset
 * is committed only after the transaction that applied the event and recorded it in the inbox.
 */
@ApplicationScoped
@IfBuildProperty(name = "chargeclear.party-directory.enabled", stringValue = "true", enableIfMissing = true)
public class PartyEventsConsumer {

    static final String CONSUMER = "party-directory";
    private static final Logger LOG = Logger.getLogger(PartyEventsConsumer.class);

    private final PartyDirectory directory;
    private final Inbox inbox;
    private final ObjectMapper json;

    public PartyEventsConsumer(PartyDirectory directory, Inbox inbox, ObjectMapper json) {
        this.directory = directory;
        this.inbox = inbox;
        this.json = json;
    }

    @Incoming("party-events-in")
    public Uni<Void> onPartyEvent(ConsumerRecord<String, String> record) {
        IncomingEvent event = IncomingEvent.of(record);
        boolean known = EventType.fromType(event.type())
                .filter(type -> type.payloadType() == PlatformChanged.class)
                .isPresent();
        if (!known) {
            LOG.warnf("ignoring event %s of unknown type %s on %s", event.id(), event.type(), record.topic());
            return Uni.createFrom().voidItem();
        }
        PlatformChanged snapshot = event.payloadAs(json, PlatformChanged.class);
        return Panache.withTransaction(() -> inbox.firstDelivery(CONSUMER, event.id(), event.type())
                .flatMap(first -> first ? directory.apply(snapshot) : Uni.createFrom().voidItem()));
    }
}
