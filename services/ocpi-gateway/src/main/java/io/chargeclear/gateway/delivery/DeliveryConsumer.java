package io.chargeclear.gateway.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chargeclear.gateway.persistence.DeliveryJob;
import io.chargeclear.gateway.persistence.DeliveryReceiver;
import io.chargeclear.kit.inbox.Batches;
import io.chargeclear.kit.inbox.EventHandler;
import io.chargeclear.kit.inbox.Inbox;
import io.chargeclear.model.event.DeliveryRequested;
import io.chargeclear.model.event.EventType;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;
import java.util.Objects;
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

    /** A poll's jobs in one transaction (docs/adr/0021-batched-consumers.md), then each receiver nudged once. */
    @Incoming("delivery-in")
    public Uni<Void> onDeliveries(ConsumerRecords<String, String> records) {
        List<ConsumerRecord<String, String>> batch = Batches.inOrder(records);
        return inbox.consumeBatch(queue, batch)
                // after the commit: the jobs are there for the dispatcher to find (the key is the receiver)
                .invoke(() -> batch.stream().map(ConsumerRecord::key).filter(Objects::nonNull).distinct()
                        .forEach(dispatcher::nudge));
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
        job.bodyVersion = requested.ocpiVersion();
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
