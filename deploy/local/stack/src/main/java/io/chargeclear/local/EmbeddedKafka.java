package io.chargeclear.local;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A single-node KRaft Kafka broker (combined broker + controller) from Kafka's own jars, in this JVM. The log
 * directory is formatted once ({@code --ignore-formatted}); the cluster id in {@code meta.properties} is kept.
 */
final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    private final Properties props;
    private final int port;
    private KafkaRaftServer server;

    private EmbeddedKafka(Properties props, KafkaRaftServer server, int port) {
        this.props = props;
        this.server = server;
        this.port = port;
    }

    static EmbeddedKafka start(Path logDir, int port, int controllerPort) throws IOException {
        long t0 = System.nanoTime();
        Files.createDirectories(logDir);
        int p = port == 0 ? LocalPostgres.freePort() : port;
        int c = controllerPort == 0 ? LocalPostgres.freePort() : controllerPort;
        while (c == p) c = LocalPostgres.freePort();

        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + c);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + p + ",CONTROLLER://127.0.0.1:" + c);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + p);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        props.put("log.dirs", logDir.toAbsolutePath().toString());
        props.put("auto.create.topics.enable", "true");
        props.put("num.partitions", "1");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("share.coordinator.state.topic.num.partitions", "1");
        props.put("log.retention.check.interval.ms", "60000");

        format(logDir, props);

        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
        server.startup();
        EmbeddedKafka kafka = new EmbeddedKafka(props, server, p);
        try {
            awaitReady(kafka.bootstrap(), Duration.ofSeconds(60));
        } catch (IOException | RuntimeException e) {
            kafka.close();
            throw e;
        }
        LOG.info("Kafka (KRaft, single node) started on {} (controller {}) in {} ms, logs {}", kafka.bootstrap(), c,
                LocalPostgres.ms(t0), logDir);
        return kafka;
    }

    /** Formats the log directory unless already formatted, keeping an existing cluster id. */
    private static void format(Path logDir, Properties props) throws IOException {
        String clusterId = null;
        Path meta = logDir.resolve("meta.properties");
        if (Files.exists(meta)) {
            Properties m = new Properties();
            try (InputStream in = Files.newInputStream(meta)) {
                m.load(in);
            }
            clusterId = m.getProperty("cluster.id");
        }
        if (clusterId == null) clusterId = Uuid.randomUuid().toString();
        Path config = Files.createTempFile("cc-kafka", ".properties");
        try {
            try (OutputStream out = Files.newOutputStream(config)) {
                props.store(out, "chargeclear local broker");
            }
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            int rc;
            try (PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
                // execute, not main: main calls System.exit
                rc = StorageTool.execute(new String[]{"format", "-t", clusterId, "-c", config.toString(),
                        "--ignore-formatted"}, ps);
            }
            String out = buf.toString(StandardCharsets.UTF_8).trim();
            if (rc != 0) throw new IOException("kafka storage format failed (" + rc + "): " + out);
            LOG.debug("kafka storage format: {}", out);
        } finally {
            Files.deleteIfExists(config);
        }
    }

    static void awaitReady(String bootstrap, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000"))) {
            Exception last = null;
            while (System.nanoTime() < deadline) {
                try {
                    if (!admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).isEmpty()) return;
                } catch (Exception e) {
                    last = e;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted waiting for Kafka", e);
                }
            }
            throw new IOException("Kafka at " + bootstrap + " not ready after " + timeout, last);
        }
    }

    String bootstrap() {
        return "127.0.0.1:" + port;
    }

    /** Controlled shutdown of the broker; its log directory and ports are kept for {@link #startAgain()}. */
    synchronized void stop() {
        if (server == null) return;
        long t0 = System.nanoTime();
        try {
            server.shutdown();
            server.awaitShutdown();
            LOG.info("Kafka stopped in {} ms", LocalPostgres.ms(t0));
        } catch (RuntimeException e) {
            LOG.error("could not stop Kafka cleanly", e);
        } finally {
            server = null;
        }
    }

    /** Starts the broker stopped by {@link #stop()} again: same log directory, same ports, same cluster id. */
    synchronized void startAgain() throws IOException {
        if (server != null) return;
        long t0 = System.nanoTime();
        KafkaRaftServer s = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
        s.startup();
        server = s;
        awaitReady(bootstrap(), Duration.ofSeconds(60));
        LOG.info("Kafka started again on {} in {} ms", bootstrap(), LocalPostgres.ms(t0));
    }

    @Override
    public void close() {
        stop();
    }
}
