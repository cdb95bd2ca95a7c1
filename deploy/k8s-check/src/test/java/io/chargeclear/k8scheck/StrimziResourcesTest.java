package io.chargeclear.k8scheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Checks deploy/kubernetes against the repository: a KafkaTopic per topic of docs/events/README.md with the local
 * stack's settings, a KafkaConnector per service outbox with the local relay's Debezium/SMT settings.
 */
class StrimziResourcesTest {

    static final String STRIMZI = "kafka.strimzi.io/v1beta2";
    static final Pattern TOPIC_ROW = Pattern.compile("^\\| `([^`]+)` \\|");
    /** {@code p.put("key", "literal" [+ "literal"...]);} in OutboxRelay#connectorProperties. */
    static final Pattern PUT = Pattern.compile("p\\.put\\(\\s*\"([^\"]+)\"\\s*,\\s*((?:\"(?:[^\"\\\\]|\\\\.)*\"\\s*\\+?\\s*)+)\\)");
    static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    static Path root;
    static List<JsonNode> resources;

    @BeforeAll
    static void load() throws IOException {
        root = Repo.root();
        resources = new ArrayList<>();
        YAMLMapper yaml = new YAMLMapper();
        try (Stream<Path> files = Files.list(root.resolve("deploy/kubernetes"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted().toList()) {
                try (MappingIterator<JsonNode> docs = yaml.readerFor(JsonNode.class).readValues(f.toFile())) {
                    while (docs.hasNext()) {
                        JsonNode doc = docs.next();
                        if (doc == null || doc.isNull() || doc.isMissingNode()) {
                            continue;
                        }
                        assertThat(doc.path("apiVersion").asText()).as("apiVersion in %s", f).isNotBlank();
                        assertThat(doc.path("kind").asText()).as("kind in %s", f).isNotBlank();
                        assertThat(doc.path("metadata").path("name").asText()).as("name in %s", f)
                                .matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
                        resources.add(doc);
                    }
                }
            }
        }
    }

    static List<JsonNode> ofKind(String kind) {
        return resources.stream().filter(r -> kind.equals(r.path("kind").asText())).toList();
    }

    @Test
    void kafkaRunsInKraftWithANodePool() {
        assertThat(ofKind("Kafka")).singleElement().satisfies(k -> {
            assertThat(k.path("apiVersion").asText()).isEqualTo(STRIMZI);
            assertThat(k.path("metadata").path("annotations").path("strimzi.io/kraft").asText()).isEqualTo("enabled");
            assertThat(k.path("metadata").path("annotations").path("strimzi.io/node-pools").asText()).isEqualTo("enabled");
            assertThat(k.path("spec").has("zookeeper")).isFalse();
        });
        String cluster = ofKind("Kafka").get(0).path("metadata").path("name").asText();
        assertThat(ofKind("KafkaNodePool")).isNotEmpty().allSatisfy(p -> {
            assertThat(p.path("apiVersion").asText()).isEqualTo(STRIMZI);
            assertThat(p.path("metadata").path("labels").path("strimzi.io/cluster").asText()).isEqualTo(cluster);
        });
        List<String> roles = new ArrayList<>();
        ofKind("KafkaNodePool").forEach(p -> p.path("spec").path("roles").forEach(r -> roles.add(r.asText())));
        assertThat(roles).contains("controller", "broker");
    }

    @Test
    void everyCatalogueTopicHasAKafkaTopicWithTheLocalSettings() throws IOException {
        List<String> catalogue = Files.readAllLines(root.resolve("docs/events/README.md")).stream()
                .map(TOPIC_ROW::matcher).filter(Matcher::find).map(m -> m.group(1))
                .filter(t -> t.contains(".")).toList();
        assertThat(catalogue).hasSizeGreaterThanOrEqualTo(17);

        Map<String, String[]> local = new LinkedHashMap<>();
        for (String line : Files.readAllLines(
                root.resolve("deploy/local/stack/src/main/resources/io/chargeclear/local/topics.csv"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(",", -1);
            local.put(f[0].trim(), new String[] {f[1].trim(), f[2].trim(), f.length > 3 ? f[3].trim() : ""});
        }

        String cluster = ofKind("Kafka").get(0).path("metadata").path("name").asText();
        Map<String, JsonNode> topics = ofKind("KafkaTopic").stream().collect(Collectors.toMap(
                t -> t.path("spec").path("topicName").asText(t.path("metadata").path("name").asText()), t -> t));
        for (String topic : catalogue) {
            assertThat(local).as("topics.csv has %s", topic).containsKey(topic);
            assertThat(topics).as("KafkaTopic for %s", topic).containsKey(topic);
            JsonNode t = topics.get(topic);
            String[] expected = local.get(topic);
            assertThat(t.path("apiVersion").asText()).isEqualTo(STRIMZI);
            assertThat(t.path("metadata").path("labels").path("strimzi.io/cluster").asText()).isEqualTo(cluster);
            assertThat(t.path("spec").path("partitions").asText()).as("partitions of %s", topic).isEqualTo(expected[0]);
            JsonNode config = t.path("spec").path("config");
            assertThat(config.path("cleanup.policy").asText()).as("cleanup.policy of %s", topic).isEqualTo(expected[1]);
            if (expected[2].isEmpty()) {
                assertThat(config.has("retention.ms")).as("broker default retention for %s", topic).isFalse();
            } else {
                assertThat(config.path("retention.ms").asText()).as("retention.ms of %s", topic).isEqualTo(expected[2]);
            }
        }
        assertThat(topics.keySet()).as("no KafkaTopic outside the catalogue").containsExactlyInAnyOrderElementsOf(catalogue);
    }

    @Test
    void kafkaConnectBuildsTheDebeziumPostgresPlugin() {
        assertThat(ofKind("KafkaConnect")).singleElement().satisfies(c -> {
            assertThat(c.path("apiVersion").asText()).isEqualTo(STRIMZI);
            assertThat(c.path("metadata").path("annotations").path("strimzi.io/use-connector-resources").asText())
                    .isEqualTo("true");
            assertThat(c.path("spec").path("config").path("header.converter").asText())
                    .isEqualTo("org.apache.kafka.connect.storage.SimpleHeaderConverter");
            List<String> artifacts = new ArrayList<>();
            c.path("spec").path("build").path("plugins").forEach(p -> p.path("artifacts").forEach(a -> artifacts.add(
                    a.path("type").asText() + ":" + a.path("group").asText() + ":" + a.path("artifact").asText() + ":"
                            + a.path("version").asText())));
            assertThat(artifacts).contains("maven:io.debezium:debezium-connector-postgres:3.4.1.Final");
        });
    }

    @Test
    void kafkaConnectProducesAsTheLocalRelay() throws IOException {
        Map<String, String> tuning = localRelayProducerTuning();
        assertThat(tuning).containsKeys("linger.ms", "batch.size");
        JsonNode config = ofKind("KafkaConnect").get(0).path("spec").path("config");
        tuning.forEach((key, value) -> assertThat(config.path("producer." + key).asText())
                .as("producer.%s of the KafkaConnect", key).isEqualTo(value));
    }

    @Test
    void everyServiceOutboxHasAConnectorWithTheLocalRelaySettings() throws IOException {
        Map<String, String> schemas = new TreeMap<>();
        try (Stream<Path> dirs = Files.list(root.resolve("services"))) {
            for (Path dir : dirs.sorted().toList()) {
                Path props = dir.resolve("src/main/resources/application.properties");
                if (!Files.isRegularFile(props)) {
                    continue;
                }
                Properties p = new Properties();
                try (var in = Files.newBufferedReader(props)) {
                    p.load(in);
                }
                String schema = p.getProperty("chargeclear.db.schema");
                if (schema != null && hasOutbox(dir, p.getProperty("quarkus.flyway.locations", "db/migration"))) {
                    schemas.put(dir.getFileName().toString(), schema);
                }
            }
        }
        assertThat(schemas.values()).containsExactlyInAnyOrder("party_registry", "ocpi_gateway", "session_tracking",
                "cdr_rating", "settlement");

        Map<String, String> relay = localRelaySettings();
        assertThat(relay).containsKeys("transforms", "transforms.outbox.type", "extended.headers.enabled");

        String connect = ofKind("KafkaConnect").get(0).path("metadata").path("name").asText();
        Map<String, JsonNode> bySchema = ofKind("KafkaConnector").stream().collect(Collectors.toMap(
                c -> c.path("spec").path("config").path("schema.include.list").asText(), c -> c));
        assertThat(bySchema.keySet()).containsExactlyInAnyOrderElementsOf(schemas.values());
        for (String schema : schemas.values()) {
            JsonNode connector = bySchema.get(schema);
            assertThat(connector.path("apiVersion").asText()).isEqualTo(STRIMZI);
            assertThat(connector.path("metadata").path("labels").path("strimzi.io/cluster").asText()).isEqualTo(connect);
            assertThat(connector.path("spec").path("class").asText())
                    .isEqualTo("io.debezium.connector.postgresql.PostgresConnector");
            assertThat(connector.path("spec").path("tasksMax").asInt()).isEqualTo(1);
            Map<String, String> config = new TreeMap<>();
            connector.path("spec").path("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));

            String slot = "cc_" + schema + "_outbox";
            assertThat(config).as(schema)
                    .containsEntry("slot.name", slot)
                    .containsEntry("publication.name", slot)
                    .containsEntry("topic.prefix", slot)
                    .containsEntry("table.include.list", schema + "\\.outbox_event")
                    .containsEntry("header.converter", "org.apache.kafka.connect.storage.SimpleHeaderConverter");
            // every setting of the local relay that does not depend on where the database or offsets live
            relay.forEach((key, value) -> {
                if (key.startsWith("transforms") || key.equals("extended.headers.enabled") || key.equals("plugin.name")
                        || key.equals("snapshot.mode") || key.equals("tombstones.on.delete")
                        || key.equals("publication.autocreate.mode") || key.equals("connector.class")
                        || key.equals("poll.interval.ms")) {
                    String actual = key.equals("connector.class") ? connector.path("spec").path("class").asText()
                            : config.get(key);
                    assertThat(actual).as("%s of the %s connector", key, schema).isEqualTo(value);
                }
            });
            // and no SMT setting the local relay does not have
            assertThat(config.keySet().stream().filter(k -> k.startsWith("transforms")))
                    .as("transforms of %s", schema)
                    .containsExactlyInAnyOrderElementsOf(relay.keySet().stream().filter(k -> k.startsWith("transforms")).toList());
        }
    }

    /**
     * Whether the service's Flyway locations (its own resources, or service-kit's shared migrations such as
     * {@code db/kit}) create an {@code outbox_event} table.
     */
    static boolean hasOutbox(Path service, String locations) throws IOException {
        for (String location : locations.split(",")) {
            String loc = location.trim().replaceFirst("^classpath:", "");
            for (Path base : List.of(service, root.resolve("services/service-kit"))) {
                if (createsOutbox(base.resolve("src/main/resources").resolve(loc))) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean createsOutbox(Path migrations) throws IOException {
        if (!Files.isDirectory(migrations)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(migrations)) {
            return files.filter(Files::isRegularFile).anyMatch(f -> {
                try {
                    return Files.readString(f).toLowerCase().matches("(?s).*create table (if not exists )?outbox_event\\b.*");
                } catch (IOException e) {
                    return false;
                }
            });
        }
    }

    /** Static {@code p.put} settings of the local stack's OutboxRelay#connectorProperties. */
    static Map<String, String> localRelaySettings() throws IOException {
        return relaySettings("Properties connectorProperties(", "return overridden(p);");
    }

    /** Static {@code p.put} settings of the local stack's OutboxRelay#producerTuning. */
    static Map<String, String> localRelayProducerTuning() throws IOException {
        return relaySettings("static Properties producerTuning(", "return overridden(p);");
    }

    private static Map<String, String> relaySettings(String method, String end) throws IOException {
        String source = Files.readString(
                Repo.root().resolve("deploy/local/stack/src/main/java/io/chargeclear/local/OutboxRelay.java"));
        int start = source.indexOf(method);
        assertThat(start).as("OutboxRelay: %s", method).isNotNegative();
        int stop = source.indexOf(end, start);
        assertThat(stop).as("OutboxRelay: end of %s", method).isGreaterThan(start);
        String body = source.substring(start, stop);
        Map<String, String> settings = new TreeMap<>();
        Matcher m = PUT.matcher(body);
        while (m.find()) {
            StringBuilder value = new StringBuilder();
            Matcher lit = LITERAL.matcher(m.group(2));
            while (lit.find()) {
                value.append(lit.group(1).replace("\\\\", "\\").replace("\\\"", "\""));
            }
            settings.put(m.group(1), value.toString());
        }
        return settings;
    }
}
