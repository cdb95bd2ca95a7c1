package io.chargeclear.kit.agreement;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chargeclear.kit.inbox.EventHandler;
import io.chargeclear.kit.inbox.Inbox;
import io.chargeclear.kit.messaging.IncomingEvent;
import io.chargeclear.model.event.AgreementChanged;
import io.chargeclear.model.event.EventType;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Feeds the {@link AgreementBook} from {@code hub.agreement.v1} (channel {@code agreement-events-in}, a consumer
 * group of its own reading the compacted topic from the earliest offset). Each event is applied through the inbox
 * in one transaction; once it committed, this replica reloads what changed into memory at once (other replicas
 * follow the announcement) and tells the service's {@link AgreementBookListener}s.
 */
@Startup
@ApplicationScoped
@IfBuildProperty(name = "chargeclear.agreement-book.enabled", stringValue = "true")
public class AgreementEventsConsumer {

    static final String CONSUMER = "agreement-book";
    private static final Logger LOG = Logger.getLogger(AgreementEventsConsumer.class);
    private static final Set<EventType> AGREEMENT_EVENTS = Set.of(EventType.AGREEMENT_CREATED,
            EventType.AGREEMENT_ENDED, EventType.STANDARD_TERMS_CHANGED);

    private final Inbox inbox;
    private final AgreementBook book;
    private final EventHandler handler;
    private final List<AgreementBookListener> listeners;
    /** Event id → the key it changed, from the transaction that changed it until this replica reloaded it. */
    private final Map<String, String> changed = new ConcurrentHashMap<>();

    public AgreementEventsConsumer(AgreementBook book, Inbox inbox, ObjectMapper json,
                                   @Any Instance<AgreementBookListener> listeners) {
        this.inbox = inbox;
        this.book = book;
        this.listeners = listeners.stream().toList();
        this.handler = inbox.register(CONSUMER, AGREEMENT_EVENTS, event -> apply(event, json));
    }

    @Incoming("agreement-events-in")
    public Uni<Void> onAgreementEvent(ConsumerRecord<String, String> record) {
        String eventId = IncomingEvent.of(record).id();
        return inbox.consume(handler, record).flatMap(done -> {
            String key = changed.remove(eventId);
            return key == null ? Uni.createFrom().voidItem() : afterCommit(key);
        });
    }

    private Uni<Void> apply(IncomingEvent event, ObjectMapper json) {
        Uni<Boolean> applied;
        String key;
        if (EventType.STANDARD_TERMS_CHANGED.type().equals(event.type())) {
            AgreementChanged.StandardTermsChanged terms = event.payloadAs(json, AgreementChanged.StandardTermsChanged.class);
            key = AgreementBookTable.STANDARD_TERMS_ID;
            applied = book.apply(terms);
        } else {
            AgreementChanged agreement = event.payloadAs(json, AgreementChanged.class);
            key = agreement.agreementId();
            applied = book.apply(agreement);
        }
        return applied.invoke(isNew -> {
            if (isNew) {
                changed.put(event.id(), key);
            }
        }).replaceWithVoid();
    }

    /** The change committed (or the transaction failed after it, then the reload finds the older row: harmless). */
    private Uni<Void> afterCommit(String key) {
        Uni<Void> chain = book.reload(key);
        for (AgreementBookListener listener : listeners) {
            chain = chain.flatMap(done -> listener.changed(key));
        }
        return chain.onFailure().recoverWithUni(failure -> {
            LOG.errorf(failure, "after agreement %s changed, reloading it or telling the service failed", key);
            return Uni.createFrom().voidItem();
        });
    }
}
