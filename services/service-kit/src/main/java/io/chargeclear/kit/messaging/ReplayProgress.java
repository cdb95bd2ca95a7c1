package io.chargeclear.kit.messaging;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether a consumer group has read a topic up to where the topic ended when this replica first asked: the moment
 * a projection that a new consumer group rebuilds from a compacted topic (after an upgrade, say) holds everything
 * that was published before the service started. Once caught up it stays caught up; later records are ordinary
 * traffic. Asks the broker with Kafka's admin client (the group's committed offsets against the topic's end
 * offsets), so it needs no access to the consumer itself.
 */
public class ReplayProgress {

    /** Where a replay stands: caught up, or how many records the group still has to read, or why it is not known. */
    public record State(boolean caughtUp, long behind, String detail) {
    }

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);

    private final Map<String, Object> kafka;
    private final String topic;
    private final String group;
    private Map<TopicPartition, Long> target;
    private volatile boolean caughtUp;

    /**
     * @param kafka the service's Kafka client configuration (bootstrap servers, security)
     * @param topic the topic the group replays
     * @param group the consumer group that replays it
     */
    public ReplayProgress(Map<String, Object> kafka, String topic, String group) {
        this.kafka = Map.copyOf(kafka);
        this.topic = topic;
        this.group = group;
    }

    /** Asks the broker, unless the group has already caught up; never throws. */
    public synchronized State check() {
        if (caughtUp) {
            return new State(true, 0, group + " has read " + topic + " up to where it ended at start-up");
        }
        try (Admin admin = Admin.create(adminConfig())) {
            if (target == null) {
                target = endOffsets(admin);
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            long behind = 0;
            for (Map.Entry<TopicPartition, Long> end : target.entrySet()) {
                OffsetAndMetadata read = committed.get(end.getKey());
                behind += Math.max(0, end.getValue() - (read == null ? 0 : read.offset()));
            }
            if (behind == 0) {
                caughtUp = true;
                return new State(true, 0, group + " has read " + topic + " up to where it ended at start-up");
            }
            return new State(false, behind, group + " is replaying " + topic + ": " + behind + " records to go");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                caughtUp = true;
                return new State(true, 0, topic + " does not exist yet: nothing to replay");
            }
            return new State(false, -1, "cannot tell how far " + group + " has read " + topic + ": " + e.getCause());
        } catch (TimeoutException | RuntimeException e) {
            return new State(false, -1, "cannot tell how far " + group + " has read " + topic + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new State(false, -1, "interrupted while asking how far " + group + " has read " + topic);
        }
    }

    private Map<TopicPartition, Long> endOffsets(Admin admin)
            throws ExecutionException, InterruptedException, TimeoutException {
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        description.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        ends.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    private Map<String, Object> adminConfig() {
        Map<String, Object> config = new HashMap<>();
        // only what the admin client knows: the connection and its security, not the consumers' or producers' keys
        kafka.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                config.put(key, value);
            }
        });
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) CALL_TIMEOUT.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CALL_TIMEOUT.toMillis());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, group + "-replay-progress");
        return config;
    }
}
