package io.chargeclear.local;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code scripts/hub topics} against a real broker: what it prints, where it stops, what it says when it cannot. */
class TopicReaderTest {

    @TempDir
    static Path dir;
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, 0);
    }

    @AfterAll
    static void stop() {
        if (kafka != null) kafka.close();
    }

    /** Captured stdout and stderr of one run, and its exit code. */
    private record Run(int rc, String out, String err) {
    }

    private static Run run(TopicReader reader, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = reader.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        return new Run(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Run run(String... args) {
        return run(new TopicReader(), args);
    }

    private static String freshTopic(int partitions) throws Exception {
        String topic = "test.topics-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        return topic;
    }

    private static void send(String topic, int partition, String key, String type, String value) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, partition, utf8(key), utf8(value));
            r.headers().add("ce_id", utf8(UUID.randomUUID().toString()))
                    .add("ce_type", utf8(type))
                    .add("ce_source", utf8("/chargeclear/session-tracking"))
                    .add("ce_time", utf8("2026-11-24T21:10:00.123456Z"))
                    .add("content-type", utf8("application/json"));
            producer.send(r).get(30, TimeUnit.SECONDS);
        }
    }

    private static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private static String[] args(String topic, String... more) {
        String[] all = new String[more.length + 3];
        all[0] = topic;
        all[1] = "--bootstrap";
        all[2] = kafka.bootstrap();
        System.arraycopy(more, 0, all, 3, more.length);
        return all;
    }

    @Test
    void fromBeginningPrintsKeyHeadersAndIndentedJsonThenStopsAtTheEnd() throws Exception {
        String topic = freshTopic(3);
        send(topic, 0, "S-1", "tracking.session.updated.v1",
                "{\"session_id\":\"S-1\",\"kwh\":16.50,\"status\":\"ACTIVE\",\"tags\":[\"a\",\"b\"]}");
        send(topic, 2, "S-2", "tracking.session.updated.v1", "not json: Zoë");

        Run r = run(args(topic, "--from-beginning"));

        assertThat(r.rc()).isZero();
        assertThat(r.out()).contains(topic + "  partition 0  offset 0  ", "  key S-1\n",
                "ce_type: tracking.session.updated.v1\n", "ce_source: /chargeclear/session-tracking\n",
                "ce_time: 2026-11-24T21:10:00.123456Z\n", "content-type: application/json\n",
                """
                {
                  "session_id": "S-1",
                  "kwh": 16.50,
                  "status": "ACTIVE",
                  "tags": [
                    "a",
                    "b"
                  ]
                }

                """);
        assertThat(r.out()).contains(topic + "  partition 2  offset 0  ", "  key S-2\n", "not json: Zoë\n\n");
        assertThat(r.out()).containsPattern("offset 0  \\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z  key");
        assertThat(r.err()).contains("2 records; end of " + topic);
    }

    @Test
    void keyAndMaxNarrowWhatIsPrinted() throws Exception {
        String topic = freshTopic(1);
        for (int i = 0; i < 3; i++) send(topic, 0, "S-" + i, "t.v1", "{\"n\":" + i + "}");
        send(topic, 0, "S-1", "t.v1", "{\"n\":3}");

        Run one = run(args(topic, "--from-beginning", "--key", "S-1"));
        assertThat(one.out()).contains("offset 1  ", "offset 3  ").doesNotContain("key S-0", "key S-2");
        assertThat(one.err()).contains("2 records with key S-1; end of " + topic);

        Run two = run(args(topic, "--from-beginning", "--max", "2"));
        assertThat(two.rc()).isZero();
        assertThat(two.out()).contains("key S-0", "key S-1").doesNotContain("offset 2", "offset 3");
    }

    @Test
    void anEmptyTopicEndsAtOnce() throws Exception {
        Run r = run(args(freshTopic(3), "--from-beginning"));
        assertThat(r.rc()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("0 records");
    }

    @Test
    void withoutFromBeginningOnlyNewRecordsArePrintedUntilStopped() throws Exception {
        String topic = freshTopic(1);
        send(topic, 0, "OLD", "t.v1", "{}");
        TopicReader reader = new TopicReader();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<Integer> rc = CompletableFuture.supplyAsync(() -> reader.run(args(topic),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(OutputStream.nullOutputStream()),
                Map.of()));
        // it starts at the end it finds on start: send until one record arrives after that
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            send(topic, 0, "NEW", "t.v1", "{\"new\":true}");
            return out.toString(StandardCharsets.UTF_8).contains("key NEW");
        });
        reader.stop();
        assertThat(rc.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("key OLD");
    }

    @Test
    void followWaitsForRecordsThatArriveLater() throws Exception {
        String topic = freshTopic(1);
        CompletableFuture<Run> running = CompletableFuture.supplyAsync(
                () -> run(args(topic, "--from-beginning", "--follow", "--max", "1")));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> !running.isDone());
        send(topic, 0, "LATE", "t.v1", "{\"late\":true}");
        Run r = running.get(30, TimeUnit.SECONDS);
        assertThat(r.out()).contains("key LATE", "\"late\": true");
    }

    @Test
    void listsTheTopicsWithPartitionsAndRecords() throws Exception {
        String topic = freshTopic(3);
        send(topic, 1, "K", "t.v1", "{}");
        Run r = run("--bootstrap", kafka.bootstrap());
        assertThat(r.rc()).isZero();
        assertThat(r.out()).startsWith("topic").containsPattern(topic.replace(".", "\\.") + " +3 +1\n");
        assertThat(r.out()).doesNotContain("__consumer_offsets");
    }

    @Test
    void anUnknownTopicIsNamedWithTheTopicsThatExist() throws Exception {
        String existing = freshTopic(1);
        Run r = run(args("no.such.topic.v1", "--from-beginning"));
        assertThat(r.rc()).isEqualTo(1);
        assertThat(r.err()).contains("no topic no.such.topic.v1", "  " + existing);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void kafkaNotAnsweringSaysSoWithinSeconds() throws Exception {
        long t0 = System.nanoTime();
        Run r = run("hub.party.v1", "--bootstrap", "127.0.0.1:" + LocalPostgres.freePort());
        assertThat(r.rc()).isEqualTo(1);
        assertThat(r.err()).contains("does not answer", "is the hub up? scripts/hub status");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void aBadCommandLineShowsTheUsage() {
        Run r = run("--max", "many", "x");
        assertThat(r.rc()).isEqualTo(2);
        assertThat(r.err()).contains("--max needs a number", "usage: scripts/hub topics");
    }
}
