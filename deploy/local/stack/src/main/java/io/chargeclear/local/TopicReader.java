package io.chargeclear.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code scripts/hub topics}: prints the records of a hub topic (key, CloudEvents headers, pretty JSON) with the
 * project's own Kafka client, so reading the local hub's events needs no Kafka download. It assigns every
 * partition itself and has no consumer group: it never commits offsets nor disturbs the services' groups.
 *
 * <p>Like {@code kafka-console-consumer}, it starts at the end unless {@code --from-beginning}, and then waits for
 * new records until Ctrl-C. With {@code --from-beginning} it prints what the topic holds and stops at the end
 * offsets it found on start, or goes on waiting with {@code --follow}.
 */
public final class TopicReader {

    static final String USAGE = """
            usage: scripts/hub topics [TOPIC] [--from-beginning] [--follow] [--key KEY] [--max N] [--bootstrap H:P]
              (no TOPIC)           list the topics: partitions and how many records each holds
              TOPIC                print the records arriving from now on, until Ctrl-C
              --from-beginning     print the records the topic holds and stop at its end
              --follow             with --from-beginning: keep waiting for new records until Ctrl-C
              --key KEY            only the records with this key (e.g. one session's)
              --max N              stop after N records
              --bootstrap H:P      Kafka (default 127.0.0.1:$CHARGECLEAR_KAFKA_PORT, else 127.0.0.1:19092)""";

    private static final Duration REACH = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    /** jq's layout: {@code "name": value}, one array element a line; numbers exactly as they came. */
    private static final ObjectWriter PRETTY = JSON.writer(new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE));

    private volatile boolean stopped;

    /** Options of one run; {@code topic} null lists the topics. */
    record Options(String topic, boolean fromBeginning, boolean follow, String key, long max, String bootstrap) {

        static Options parse(String[] args, Map<String, String> env) {
            String port = env.getOrDefault("CHARGECLEAR_KAFKA_PORT", "");
            String bootstrap = "127.0.0.1:" + (port.isBlank() ? StackOptions.DEFAULT_KAFKA_PORT : port.strip());
            String topic = null;
            String key = null;
            boolean fromBeginning = false;
            boolean follow = false;
            long max = Long.MAX_VALUE;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--from-beginning" -> fromBeginning = true;
                    case "--follow" -> follow = true;
                    case "--key" -> key = value(args, ++i, a);
                    case "--bootstrap" -> bootstrap = value(args, ++i, a);
                    case "--max" -> {
                        try {
                            max = Long.parseLong(value(args, ++i, a));
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--max needs a number");
                        }
                        if (max < 1) throw new IllegalArgumentException("--max needs a number of at least 1");
                    }
                    default -> {
                        if (a.startsWith("-") || topic != null) throw new IllegalArgumentException("unknown " + a);
                        topic = a;
                    }
                }
            }
            if (topic == null && (fromBeginning || follow || key != null || max != Long.MAX_VALUE)) {
                throw new IllegalArgumentException("name a topic to read");
            }
            return new Options(topic, fromBeginning, follow, key, max, bootstrap);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) throw new IllegalArgumentException(option + " needs a value");
            return args[i];
        }
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        TopicReader reader = new TopicReader();
        CountDownLatch done = new CountDownLatch(1);
        // Ctrl-C: leave the poll loop and close the consumer before the JVM goes
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            reader.stop();
            try {
                done.await(3, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "topics-stop"));
        int rc = reader.run(args, out, err, System.getenv());
        done.countDown();
        out.flush();
        System.exit(rc);
    }

    /** Ends a running {@link #run} at its next poll, as Ctrl-C does. */
    void stop() {
        stopped = true;
    }

    /** Runs one command line; returns the exit code (0 done, 1 Kafka or topic problem, 2 usage). */
    int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        Options o;
        try {
            if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
                out.println(USAGE);
                return 0;
            }
            o = Options.parse(args, env);
        } catch (IllegalArgumentException e) {
            err.println("hub topics: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(o.bootstrap())) {
            Map<String, List<PartitionInfo>> topics;
            try {
                topics = new TreeMap<>(consumer.listTopics(REACH));
            } catch (KafkaException e) {
                err.println("hub topics: Kafka at " + o.bootstrap() + " does not answer (" + e.getMessage()
                        + "); is the hub up? scripts/hub status");
                return 1;
            }
            topics.keySet().removeIf(name -> name.startsWith("__"));
            if (o.topic() == null) {
                list(consumer, topics, out);
                return 0;
            }
            if (!topics.containsKey(o.topic())) {
                err.println("hub topics: no topic " + o.topic() + " on " + o.bootstrap() + "; the topics are:");
                topics.keySet().forEach(name -> err.println("  " + name));
                return 1;
            }
            long printed = read(consumer, topics.get(o.topic()), o, out);
            if (o.fromBeginning() && !o.follow() && printed < o.max()) {
                err.println("hub topics: " + printed + (printed == 1 ? " record" : " records")
                        + (o.key() == null ? "" : " with key " + o.key()) + "; end of " + o.topic());
            }
            return 0;
        } catch (KafkaException e) {
            err.println("hub topics: reading " + o.topic() + " from " + o.bootstrap() + " failed: " + e.getMessage());
            return 1;
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "chargeclear-hub-topics");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) REACH.toMillis());
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) REACH.toMillis());
        config.put(ConsumerConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, 2000L);
        config.put(ConsumerConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, 2000L);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static void list(KafkaConsumer<byte[], byte[]> consumer, Map<String, List<PartitionInfo>> topics,
                             PrintStream out) {
        List<TopicPartition> all = topics.values().stream().flatMap(List::stream)
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(all); // else the client warns about offsets of partitions it does not hold
        Map<TopicPartition, Long> start = consumer.beginningOffsets(all);
        Map<TopicPartition, Long> end = consumer.endOffsets(all);
        Map<String, Long> records = new TreeMap<>();
        all.forEach(tp -> records.merge(tp.topic(), end.get(tp) - start.get(tp), Long::sum));
        int width = Math.max(5, topics.keySet().stream().mapToInt(String::length).max().orElse(0));
        out.printf("%-" + width + "s  %10s  %7s%n", "topic", "partitions", "records");
        topics.forEach((name, partitions) ->
                out.printf("%-" + width + "s  %10d  %7d%n", name, partitions.size(), records.get(name)));
    }

    /** Assigns every partition of the topic, prints the records {@code o} asks for; returns how many. */
    private long read(KafkaConsumer<byte[], byte[]> consumer, List<PartitionInfo> partitions, Options o,
                      PrintStream out) {
        List<TopicPartition> assigned = partitions.stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(assigned);
        if (o.fromBeginning()) consumer.seekToBeginning(assigned);
        else consumer.seekToEnd(assigned);
        boolean untilEnd = o.fromBeginning() && !o.follow();
        Map<TopicPartition, Long> end = untilEnd ? consumer.endOffsets(assigned) : Map.of();
        long printed = 0;
        while (!stopped) {
            if (untilEnd && assigned.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp))) break;
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                if (untilEnd && r.offset() >= end.get(new TopicPartition(r.topic(), r.partition()))) continue;
                if (o.key() != null && !o.key().equals(text(r.key()))) continue;
                print(r, out);
                if (++printed >= o.max()) return printed;
            }
        }
        return printed;
    }

    private static void print(ConsumerRecord<byte[], byte[]> r, PrintStream out) {
        out.println(r.topic() + "  partition " + r.partition() + "  offset " + r.offset() + "  "
                + Instant.ofEpochMilli(r.timestamp()) + "  key " + (r.key() == null ? "(none)" : text(r.key())));
        for (Header h : r.headers()) {
            out.println(h.key() + ": " + (h.value() == null ? "" : text(h.value())));
        }
        out.println(value(r.value()));
        out.println();
    }

    /** The value as indented JSON; as it came when it is not JSON; a compacted topic's tombstone said as such. */
    private static String value(byte[] value) {
        if (value == null) return "(no value: a tombstone)";
        String text = text(value);
        try {
            JsonNode node = JSON.readTree(text);
            return node == null || node.isMissingNode() ? text : PRETTY.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            return text;
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
