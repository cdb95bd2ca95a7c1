package io.chargeclear.local;

import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import io.debezium.embedded.Connect;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.SimpleHeaderConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Relays every service's transactional outbox ({@code <schema>.outbox_event}) to Kafka with the Debezium engine.
 *
 * <p>Services create their outbox table with Flyway when they start, after the stack, so the relay polls
 * {@code information_schema.tables} every second and starts one engine per schema (slot and publication
 * {@code cc_<schema>_outbox}, file offsets in {@code <offsetsDir>/<schema>.offsets}). The transform chain is the
 * one Kafka Connect uses in Kubernetes ({@link #connectorProperties}). Records are taken in Connect form and
 * produced with an idempotent producer; the offset is marked processed only after Kafka acknowledged the send
 * (at-least-once). Headers are written as plain UTF-8 strings ({@link SimpleHeaderConverter}), as Kafka Connect
 * does with {@code header.converter=org.apache.kafka.connect.storage.SimpleHeaderConverter}.
 */
final class OutboxRelay implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    static final String OUTBOX_TABLE = "outbox_event";
    private static final long RETRY_AFTER_FAILURE_MS = 5_000;

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final Path offsetsDir;
    private final KafkaProducer<byte[], byte[]> producer;
    private final SimpleHeaderConverter headerConverter = new SimpleHeaderConverter();
    private final ScheduledExecutorService discovery;
    private final ExecutorService engines = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "outbox-engine");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Relay> relays = new ConcurrentHashMap<>();
    private final Map<String, Long> failedAt = new ConcurrentHashMap<>();
    private volatile boolean closing;
    private Connection discoveryConnection;

    /** One engine, for one schema. */
    private final class Relay {
        final String schema;
        final DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
        final CountDownLatch running = new CountDownLatch(1);
        volatile Future<?> future;

        Relay(String schema, Properties props) {
            this.schema = schema;
            this.engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                    .using(props)
                    .using(new DebeziumEngine.ConnectorCallback() {
                        @Override
                        public void taskStarted() {
                            LOG.info("relay started for schema {} (slot {})", schema, slotName(schema));
                            running.countDown();
                        }
                    })
                    .using((success, message, error) -> onEngineStopped(schema, success, message, error))
                    .notifying(this::handleBatch)
                    .build();
        }

        private void handleBatch(List<RecordChangeEvent<SourceRecord>> records,
                                 DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
                throws InterruptedException {
            List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
            for (RecordChangeEvent<SourceRecord> r : records) {
                sent.add(producer.send(toProducerRecord(r.record())));
            }
            for (int i = 0; i < records.size(); i++) {
                try {
                    RecordMetadata md = sent.get(i).get();
                    LOG.debug("relayed {} -> {}-{}@{}", schema, md.topic(), md.partition(), md.offset());
                } catch (ExecutionException e) {
                    // do not mark: the engine stops and the record is relayed again after the restart
                    throw new IllegalStateException("could not produce outbox record of schema " + schema, e.getCause());
                }
                committer.markProcessed(records.get(i));
            }
            committer.markBatchFinished();
            if (!records.isEmpty()) LOG.info("relayed {} outbox event(s) from schema {}", records.size(), schema);
        }
    }

    OutboxRelay(String jdbcUrl, String user, String password, String kafkaBootstrap, Path offsetsDir) throws IOException {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.offsetsDir = offsetsDir;
        Files.createDirectories(offsetsDir);
        headerConverter.configure(Map.of());
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "chargeclear-outbox-relay");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.putAll(producerTuning());
        this.producer = new KafkaProducer<>(p);
        this.discovery = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "outbox-discovery");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts polling for outbox tables every second; the first poll runs now. */
    void start() {
        discovery.scheduleWithFixedDelay(this::discover, 0, 1, TimeUnit.SECONDS);
    }

    /** Schemas with a running engine (task started). */
    Set<String> runningSchemas() {
        Set<String> s = new TreeSet<>();
        relays.forEach((k, v) -> {
            if (v.running.getCount() == 0) s.add(k);
        });
        return s;
    }

    private void discover() {
        if (closing) return;
        try {
            for (String schema : outboxSchemas()) {
                if (closing) return;
                if (relays.containsKey(schema)) continue;
                Long failed = failedAt.get(schema);
                if (failed != null && System.currentTimeMillis() - failed < RETRY_AFTER_FAILURE_MS) continue;
                startRelay(schema);
            }
        } catch (SQLException e) {
            LOG.warn("outbox discovery failed, retrying: {}", e.getMessage());
            closeDiscoveryConnection();
        } catch (RuntimeException e) {
            LOG.error("outbox discovery failed", e);
        }
    }

    private List<String> outboxSchemas() throws SQLException {
        if (discoveryConnection == null || discoveryConnection.isClosed()) {
            discoveryConnection = DriverManager.getConnection(jdbcUrl, user, password);
        }
        List<String> schemas = new ArrayList<>();
        try (Statement st = discoveryConnection.createStatement();
             ResultSet rs = st.executeQuery("select table_schema from information_schema.tables where table_name = '"
                     + OUTBOX_TABLE + "' and table_type = 'BASE TABLE' order by table_schema")) {
            while (rs.next()) schemas.add(rs.getString(1));
        }
        return schemas;
    }

    private void startRelay(String schema) {
        Relay relay = new Relay(schema, connectorProperties(schema));
        relays.put(schema, relay);
        LOG.info("outbox table found in schema {}: starting relay", schema);
        relay.future = engines.submit(relay.engine);
    }

    private void onEngineStopped(String schema, boolean success, String message, Throwable error) {
        if (closing) return;
        relays.remove(schema); // the engine has stopped; discovery starts a new one after the back-off
        failedAt.put(schema, System.currentTimeMillis());
        if (error != null) {
            LOG.error("relay for schema {} stopped: {}; restarting in {} s", schema, message,
                    RETRY_AFTER_FAILURE_MS / 1000, error);
        } else {
            LOG.warn("relay for schema {} stopped ({}): {}; restarting in {} s", schema,
                    success ? "ok" : "failed", message, RETRY_AFTER_FAILURE_MS / 1000);
        }
    }

    /**
     * How the relay batches what it produces: up to 5 ms or 64 KiB per partition before a send, so the records a
     * Debezium poll hands over go out in a few requests instead of one each. Measured with {@code scripts/bench
     * pipeline} (docs/benchmarks/pipeline.md, "relay tuning"): against {@code linger.ms=0} it cut the stack's CPU per
     * CDR by a third and let deliveries keep up at 50 CDRs/s. No compression: on loopback and a 2-core machine it
     * only costs CPU, and every consumer would need the codec. The Kafka Connect workers of Kubernetes and Compose
     * carry the same values as {@code producer.*} (the k8s-check tests keep them equal).
     */
    static Properties producerTuning() {
        Properties p = new Properties();
        p.put("linger.ms", "5");
        p.put("batch.size", "65536");
        return overridden(p);
    }

    /**
     * The settings with {@code CHARGECLEAR_RELAY_<KEY>} (the key upper-cased, dots as underscores, e.g.
     * {@code CHARGECLEAR_RELAY_LINGER_MS}) in place of a value, so a benchmark can try another value without a
     * build. Only for measuring: the shipped values are the ones above, the same as the deployments'.
     */
    static Properties overridden(Properties p) {
        for (String key : p.stringPropertyNames()) {
            String override = System.getenv("CHARGECLEAR_RELAY_" + key.toUpperCase(Locale.ROOT).replace('.', '_'));
            if (override != null && !override.isBlank()) {
                LOG.info("outbox relay: {}={} from the environment (default {})", key, override.trim(), p.get(key));
                p.put(key, override.trim());
            }
        }
        return p;
    }

    /**
     * Connector and transform settings for one schema. The transform chain uses standard SMTs only, so the same
     * settings work in a Kafka Connect {@code KafkaConnector} (with
     * {@code header.converter=org.apache.kafka.connect.storage.SimpleHeaderConverter}).
     */
    Properties connectorProperties(String schema) {
        Jdbc db = Jdbc.parse(jdbcUrl);
        String slot = slotName(schema);
        Properties p = new Properties();
        p.put("name", "cc-" + schema + "-outbox");
        p.put("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        p.put("database.hostname", db.host());
        p.put("database.port", Integer.toString(db.port()));
        p.put("database.dbname", db.database());
        p.put("database.user", user);
        p.put("database.password", password);
        p.put("topic.prefix", slot);
        p.put("plugin.name", "pgoutput");
        p.put("slot.name", slot);
        p.put("publication.name", slot);
        p.put("publication.autocreate.mode", "filtered");
        p.put("schema.include.list", regexQuote(schema));
        p.put("table.include.list", regexQuote(schema) + "\\." + OUTBOX_TABLE);
        p.put("snapshot.mode", "initial");
        p.put("tombstones.on.delete", "false");
        // the outbox is insert-only for the relay: the services prune old rows, and deletes are not events
        p.put("skipped.operations", "u,d,t");
        p.put("poll.interval.ms", "100");
        p.put("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore");
        p.put("offset.storage.file.filename", offsetsDir.resolve(schema + ".offsets").toAbsolutePath().toString());
        p.put("offset.flush.interval.ms", "1000");
        // A database restart: the replication stream notices its closed connection when it next sends a status
        // update (default every 10 s), then Debezium restarts the task itself, with unlimited retries (default
        // after 10 s). A local server is back within a second: notice and try again sooner.
        p.put("status.update.interval.ms", "1000");
        p.put("retriable.restart.connector.wait.ms", "2000");

        // no __debezium.context.* headers on the records
        p.put("extended.headers.enabled", "false");
        p.put("transforms", "specversionfield,specversion,outbox,contenttype,dropid");
        // ce_specversion must be the string "1.0": InsertHeader parses its literal with Values.parseString, which
        // in Kafka 4.x turns "1.0" into the INT8 1 (header "1"). InsertField's static value is always a string,
        // so insert it into the envelope and move it into a header before the EventRouter runs.
        p.put("transforms.specversionfield.type", "org.apache.kafka.connect.transforms.InsertField$Value");
        p.put("transforms.specversionfield.static.field", "__ce_specversion");
        p.put("transforms.specversionfield.static.value", "1.0");
        p.put("transforms.specversion.type", "org.apache.kafka.connect.transforms.HeaderFrom$Value");
        p.put("transforms.specversion.fields", "__ce_specversion");
        p.put("transforms.specversion.headers", "ce_specversion");
        p.put("transforms.specversion.operation", "move");
        p.put("transforms.outbox.type", "io.debezium.transforms.outbox.EventRouter");
        p.put("transforms.outbox.table.field.event.id", "id");
        p.put("transforms.outbox.table.field.event.key", "aggregate_id");
        p.put("transforms.outbox.table.field.event.payload", "payload");
        p.put("transforms.outbox.route.by.field", "topic");
        p.put("transforms.outbox.route.topic.replacement", "${routedByValue}");
        p.put("transforms.outbox.table.fields.additional.placement",
                "id:header:ce_id,type:header:ce_type,source:header:ce_source,subject:header:ce_subject,"
                        + "occurred_at:header:ce_time,traceparent:header:traceparent,tracestate:header:tracestate");
        // a row written before the trace columns existed (V0_19) is relayed without those headers, not refused
        p.put("transforms.outbox.table.fields.additional.error.on.missing", "false");
        p.put("transforms.contenttype.type", "org.apache.kafka.connect.transforms.InsertHeader");
        p.put("transforms.contenttype.header", "content-type");
        p.put("transforms.contenttype.value.literal", "application/json");
        // the EventRouter always adds the event id as header "id"; it is already in ce_id
        p.put("transforms.dropid.type", "org.apache.kafka.connect.transforms.DropHeaders");
        p.put("transforms.dropid.headers", "id");
        return overridden(p);
    }

    /** Replication slot / publication name: {@code cc_<schema>_outbox}, limited to what PostgreSQL accepts. */
    static String slotName(String schema) {
        String s = "cc_" + schema.toLowerCase().replaceAll("[^a-z0-9_]", "_") + "_outbox";
        return s.length() > 63 ? s.substring(0, 63) : s;
    }

    private static String regexQuote(String s) {
        return s.replaceAll("([\\\\.\\[\\]{}()*+?^$|])", "\\\\$1");
    }

    ProducerRecord<byte[], byte[]> toProducerRecord(SourceRecord r) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : r.headers()) {
            byte[] value = headerConverter.fromConnectHeader(r.topic(), h.key(), h.schema(), h.value());
            if (value != null) headers.add(h.key(), value);
        }
        return new ProducerRecord<>(r.topic(), null, bytes(r.key()), bytes(r.value()), headers);
    }

    private static byte[] bytes(Object o) {
        if (o == null) return null;
        if (o instanceof byte[] b) return b;
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        closing = true;
        discovery.shutdownNow();
        try {
            discovery.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeDiscoveryConnection();
        for (Relay relay : relays.values()) {
            try {
                relay.engine.close(); // stops the task and flushes its offsets
                LOG.info("relay stopped for schema {}", relay.schema);
            } catch (IOException | RuntimeException e) {
                LOG.warn("could not stop relay for schema {}: {}", relay.schema, e.toString());
            }
        }
        engines.shutdown();
        try {
            if (!engines.awaitTermination(30, TimeUnit.SECONDS)) LOG.warn("relay engines still running after 30 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(java.time.Duration.ofSeconds(10));
    }

    private void closeDiscoveryConnection() {
        try {
            if (discoveryConnection != null) discoveryConnection.close();
        } catch (SQLException ignored) {
            // closing anyway
        }
        discoveryConnection = null;
    }

    /** host, port, database of a {@code jdbc:postgresql://host[:port]/db[?...]} URL. */
    record Jdbc(String host, int port, String database) {
        static Jdbc parse(String jdbcUrl) {
            if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
                throw new IllegalArgumentException("not a jdbc:postgresql:// URL: " + jdbcUrl);
            }
            URI u = URI.create(jdbcUrl.substring("jdbc:".length()));
            String db = u.getPath() == null || u.getPath().length() <= 1 ? "postgres" : u.getPath().substring(1);
            return new Jdbc(u.getHost(), u.getPort() == -1 ? 5432 : u.getPort(), db);
        }
    }
}
