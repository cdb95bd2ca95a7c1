package io.chargeclear.gateway.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chargeclear.gateway.persistence.DeliveryJob;
import io.chargeclear.gateway.persistence.DeliveryReceiver;
import io.chargeclear.kit.inbox.EventHandler;
import io.chargeclear.kit.inbox.Inbox;
import io.chargeclear.model.event.DeliveryRequested;
import io.chargeclear.model.event.EventType;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Set;
import java.util.UUID;

/**
 * Takes delivery jobs off {@code ocpi.delivery.v1} (one partition per receiver's key, in the order the hub
 * accepted them) into {@code delivery_job}, where {@link DeliveryDispatcher} works through each receiver's jobs
 * in that order. Idempotent: a redelivered job is recorded once (inbox and the job's unique id).
 */
@Startup
@ApplicationScoped
public class DeliveryConsumer {

    static final String CONSUMER = "delivery-queue";

    private final Inbox inbox;
    private final ObjectMapper json;
    private final DeliveryDispatcher dispatcher;
    private final EventHandler queue;

    public DeliveryConsumer(Inbox inbox, ObjectMapper json, DeliveryDispatcher dispatcher) {
        this.inbox = inbox;
        this.json = json;
        this.dispatcher = dispatcher;
        this.queue = inbox.register(CONSUMER, Set.of(EventType.DELIVERY_REQUESTED),
                event -> record(event.payloadAs(json, DeliveryRequested.class)));
    }

    @Incoming("delivery-in")
    public Uni<Void> onDelivery(ConsumerRecord<String, String> record) {
        return inbox.consume(queue, record)
                // after the commit: the job is there for the dispatcher to find (the key is the receiver)
                .invoke(() -> {
                    if (record.key() != null) {
                        dispatcher.nudge(record.key());
                    }
                });
    }

    private Uni<Void> record(DeliveryRequested requested) {
        DeliveryJob job = new DeliveryJob();
        job.deliveryId = UUID.fromString(requested.deliveryId());
        job.receiverPlatform = requested.receiverPlatform();
        job.module = requested.module();
        job.interfaceRole = requested.interfaceRole();
        job.path = requested.path();
        job.url = requested.url();
        job.method = requested.method();
        try {
            job.headers = json.writeValueAsString(requested.headers());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write delivery headers", e);
        }
        job.body = requested.body();
        job.objectKey = requested.objectKey();
        job.status = DeliveryJob.PENDING;
        job.requestedAt = requested.requestedAt();
        return DeliveryReceiver.<DeliveryReceiver>findById(requested.receiverPlatform())
                .flatMap(receiver -> {
                    if (receiver != null) {
                        return Uni.createFrom().voidItem();
                    }
                    DeliveryReceiver created = new DeliveryReceiver();
                    created.platformId = requested.receiverPlatform();
                    created.nextAttemptAt = requested.requestedAt();
                    return created.persist().replaceWithVoid();
                })
                .flatMap(done -> job.persist())
                .replaceWithVoid();
    }
}
