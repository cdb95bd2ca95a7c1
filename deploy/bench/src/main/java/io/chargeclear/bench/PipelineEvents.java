package io.chargeclear.bench;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sees each CDR come out of the pipeline's later stages by reading the events the hub publishes anyway, with a plain
 * Kafka consumer in the bench JVM and no consumer group: {@code rating.cdr-rated.v1} (cdr-rating rated it),
 * {@code rating.cdr-flagged.v1} (it could not) and {@code settlement.posting.v1} (settlement booked it). Every topic is
 * keyed {@code <cpo country_code>*<party_id>*<CDR id>}, so matching needs no payload parsing; the moment a CDR id is
 * first seen on a topic, on this JVM's {@link System#nanoTime()} clock, is what the POST's intended send time is
 * measured against. Reading starts at the topics' ends, so older runs' events do not count.
 */
final class PipelineEvents implements AutoCloseable {

    static final String RATED = "rating.cdr-rated.v1";
    static final String FLAGGED = "rating.cdr-flagged.v1";
    static final String POSTED = "settlement.posting.v1";

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Map<String, Long>> firstSeen = new ConcurrentHashMap<>();
    private final Thread reader;
    private volatile boolean running = true;

    PipelineEvents(String bootstrap) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumer = new KafkaConsumer<>(config);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(RATED, FLAGGED, POSTED)) {
            firstSeen.put(topic, new ConcurrentHashMap<>());
            for (PartitionInfo partition : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, partition.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        reader = new Thread(this::read, "pipeline-events");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    String key = record.key();
                    if (key != null) {
                        String[] parts = key.split("\\*", 3);
                        firstSeen.get(record.topic()).putIfAbsent(parts[parts.length - 1], now);
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    /** When each CDR id was first seen on {@code topic} (one of {@link #RATED}, {@link #FLAGGED}, {@link #POSTED}). */
    Map<String, Long> seen(String topic) {
        return firstSeen.get(topic);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        reader.join(5_000);
    }
}
