package io.chargeclear.kit.directory;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chargeclear.kit.inbox.EventHandler;
import io.chargeclear.kit.inbox.Inbox;
import io.chargeclear.model.event.EventType;
import io.chargeclear.model.event.PlatformChanged;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Feeds the {@link PartyDirectory} from {@code hub.party.v1} (channel {@code party-events-in}). The offset
 * is committed only after the transaction that applied the event and recorded it in the inbox.
 */
@Startup
@ApplicationScoped
@IfBuildProperty(name = "chargeclear.party-directory.enabled", stringValue = "true", enableIfMissing = true)
public class PartyEventsConsumer {

    static final String CONSUMER = "party-directory";
    private static final Set<EventType> PLATFORM_EVENTS = Arrays.stream(EventType.values())
            .filter(type -> type.payloadType() == PlatformChanged.class)
            .collect(Collectors.toUnmodifiableSet());

    private final Inbox inbox;
    private final EventHandler platforms;

    public PartyEventsConsumer(PartyDirectory directory, Inbox inbox, ObjectMapper json) {
        this.inbox = inbox;
        this.platforms = inbox.register(CONSUMER, PLATFORM_EVENTS,
                event -> directory.apply(event.payloadAs(json, PlatformChanged.class)));
    }

    @Incoming("party-events-in")
    public Uni<Void> onPartyEvent(ConsumerRecord<String, String> record) {
        return inbox.consume(platforms, record);
    }
}
