package io.chargeclear.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

/**
 * What the hub's own Kafka broker can carry on this machine, measured in the same run as the hub: one producer
 * writes records of a CDR event's size to a scratch topic (three partitions like the hub's, deleted at the end) with
 * modest batching, then one consumer reads them all back. Every event of the pipeline makes these two trips, so the
 * hub's events per second read as a fraction of these.
 */
final class KafkaProbe {

    /** Records per second produced (acknowledged by the broker) and consumed. */
    record Result(int recordBytes, long records, double producedPerSecond, double consumedPerSecond) {
    }

    private KafkaProbe() {
    }

    /** Produces for about {@code seconds} (at most {@code maxRecords}), then consumes what was produced. */
    static Result run(String bootstrap, String topic, int recordBytes, long maxRecords, double seconds)
            throws InterruptedException, ExecutionException, TimeoutException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            try {
                return measure(bootstrap, topic, recordBytes, maxRecords, seconds);
            } finally {
                admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static Result measure(String bootstrap, String topic, int recordBytes, long maxRecords, double seconds) {
        byte[] value = new byte[recordBytes];
        Arrays.fill(value, (byte) 'x');
        Properties producerConfig = new Properties();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        producerConfig.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        long produced = 0;
        double producedPerSecond;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig)) {
            producer.partitionsFor(topic);
            long start = System.nanoTime();
            long deadline = start + (long) (seconds * 1e9);
            while (produced < maxRecords && System.nanoTime() < deadline) {
                producer.send(new ProducerRecord<>(topic, Long.toString(produced).getBytes(), value));
                produced++;
            }
            producer.flush();
            producedPerSecond = produced / ((System.nanoTime() - start) / 1e9);
        }
        Properties consumerConfig = new Properties();
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        long consumed = 0;
        double consumedPerSecond;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig)) {
            List<TopicPartition> partitions = IntStream.range(0, 3).mapToObj(p -> new TopicPartition(topic, p))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            partitions.forEach(consumer::position);
            long start = System.nanoTime();
            long deadline = start + TimeUnit.SECONDS.toNanos(60);
            while (consumed < produced && System.nanoTime() < deadline) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                consumed += records.count();
            }
            consumedPerSecond = consumed / ((System.nanoTime() - start) / 1e9);
        }
        return new Result(recordBytes, produced, producedPerSecond, consumedPerSecond);
    }
}
