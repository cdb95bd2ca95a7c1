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
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Checks deploy/compose against the repository: the five services built from their Dockerfile.jvm with
 * readiness healthchecks and database/Kafka settings, every topic of the local topics.csv created with its settings,
 * and one Debezium connector per service schema with the settings of deploy/kubernetes/kafka-connectors.yaml.
 */
class ComposeTest {

    static final List<String> SERVICES = List.of("party-registry", "ocpi-gateway", "session-tracking", "cdr-rating",
            "settlement");
    /** Variables Quarkus itself reads (the profile: compose runs the hub as a local, development install). */
    private static final java.util.Set<String> QUARKUS_ENV = java.util.Set.of("QUARKUS_PROFILE");

    static final List<String> COMMON_ENV = List.of("CHARGECLEAR_DB_HOST", "CHARGECLEAR_DB_PORT", "CHARGECLEAR_DB_NAME",
            "CHARGECLEAR_DB_USER", "CHARGECLEAR_DB_PASSWORD", "CHARGECLEAR_KAFKA_BOOTSTRAP", "CHARGECLEAR_ADMIN_TOKEN");
    /** Connector settings that depend on where the database is and who reads it. */
    static final Set<String> LOCATION_KEYS = Set.of("database.hostname", "database.port", "database.user",
            "database.password");
    static final Pattern CREATE_TOPIC = Pattern.compile(
            "kafka-topics\\.sh\\s.*--create\\s.*--topic\\s+(\\S+)\\s+--partitions\\s+(\\d+)((?:\\s+--config\\s+\\S+)*)");

    static Path root;
    static Path compose;
    static JsonNode services;

    @BeforeAll
    static void load() throws IOException {
        root = Repo.root();
        compose = root.resolve("deploy/compose");
        JsonNode doc = new YAMLMapper().readTree(compose.resolve("docker-compose.yml").toFile());
        assertThat(doc.has("version")).as("Compose spec: no version key").isFalse();
        services = doc.path("services");
        assertThat(services.isObject()).as("services").isTrue();
    }

    static Map<String, String> env(JsonNode service) {
        Map<String, String> env = new TreeMap<>();
        JsonNode e = service.path("environment");
        if (e.isObject()) {
            e.fields().forEachRemaining(f -> env.put(f.getKey(), f.getValue().asText()));
        } else {
            e.forEach(item -> {
                String[] kv = item.asText().split("=", 2);
                env.put(kv[0], kv.length > 1 ? kv[1] : "");
            });
        }
        return env;
    }

    static String text(JsonNode node) {
        if (node.isArray()) {
            List<String> parts = new ArrayList<>();
            node.forEach(n -> parts.add(n.asText()));
            return String.join(" ", parts);
        }
        return node.asText();
    }

    @Test
    void infrastructureUsesTheAgreedImages() {
        assertThat(services.path("postgres").path("image").asText()).isEqualTo("postgres:17");
        assertThat(text(services.path("postgres").path("command"))).contains("wal_level=logical");
        assertThat(services.path("kafka").path("image").asText()).startsWith("apache/kafka:4.1.");
        assertThat(env(services.path("kafka"))).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller");
        assertThat(services.path("connect").path("image").asText()).startsWith("quay.io/debezium/connect:3.4");
    }

    /** The Connect worker's producer batches as the local relay does (CONNECT_PRODUCER_* become producer.*). */
    @Test
    void connectProducesAsTheLocalRelay() throws IOException {
        Map<String, String> tuning = StrimziResourcesTest.localRelayProducerTuning();
        assertThat(tuning).isNotEmpty();
        Map<String, String> env = env(services.path("connect"));
        tuning.forEach((key, value) -> assertThat(env)
                .containsEntry("CONNECT_PRODUCER_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_'), value));
    }

    @Test
    void postgresInitCreatesTheReplicationRoleOwningTheDatabase() throws IOException {
        StringBuilder sql = new StringBuilder();
        try (Stream<Path> files = Files.list(compose.resolve("postgres-init"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".sql")).sorted().toList()) {
                sql.append(Files.readString(f).toLowerCase()).append('\n');
            }
        }
        assertThat(sql.toString())
                .containsPattern("create role chargeclear with[^;]*\\blogin\\b")
                .containsPattern("create role chargeclear with[^;]*\\breplication\\b")
                .containsPattern("create role chargeclear with[^;]*\\bpassword\\b")
                .containsPattern("create database chargeclear owner chargeclear");
        assertThat(text(services.path("postgres").path("volumes"))).contains("./postgres-init:/docker-entrypoint-initdb.d");
    }

    @Test
    void everyServiceIsBuiltFromItsDockerfileWithHealthcheckAndEnvironment() throws IOException {
        for (String name : SERVICES) {
            JsonNode s = services.path(name);
            assertThat(s.isObject()).as("service %s", name).isTrue();
            Path context = compose.resolve(s.path("build").path("context").asText()).normalize();
            assertThat(context).as("build context of %s", name).isEqualTo(root.resolve("services/" + name).normalize());
            String dockerfile = s.path("build").path("dockerfile").asText("Dockerfile");
            assertThat(dockerfile).isEqualTo("src/main/docker/Dockerfile.jvm");
            assertThat(context.resolve(dockerfile)).isRegularFile();

            Properties props = properties(name);
            String port = props.getProperty("quarkus.http.port");
            String managementPort = props.getProperty("quarkus.management.port");
            assertThat(text(s.path("healthcheck").path("test"))).as("healthcheck of %s", name)
                    .contains("/q/health/ready").contains("/127.0.0.1/" + managementPort + " ");
            assertThat(text(s.path("ports"))).as("ports of %s", name).contains(port + ":" + port);

            Map<String, String> env = env(s);
            assertThat(env).as("environment of %s", name).containsKeys(COMMON_ENV.toArray(String[]::new))
                    .containsEntry("CHARGECLEAR_DB_HOST", "postgres")
                    .containsEntry("CHARGECLEAR_DB_PORT", "5432")
                    .containsEntry("CHARGECLEAR_DB_NAME", "chargeclear")
                    .containsEntry("CHARGECLEAR_KAFKA_BOOTSTRAP", "kafka:9092");
            // every variable set is one the service reads (application.properties placeholder or, for
            // chargeclear.registry.gateway-public-url, its environment-variable name)
            String source = Files.readString(root.resolve("services/" + name + "/src/main/resources/application.properties"));
            for (String var : env.keySet()) {
                String property = var.toLowerCase().replace('_', '.');
                boolean read = QUARKUS_ENV.contains(var) || source.contains("${" + var + ":") || props.stringPropertyNames().stream()
                        .anyMatch(k -> k.replace('-', '.').equals(property));
                assertThat(read).as("%s reads %s", name, var).isTrue();
            }

            JsonNode deps = s.path("depends_on");
            assertThat(deps.path("postgres").path("condition").asText()).isEqualTo("service_healthy");
            assertThat(deps.path("kafka-topics").path("condition").asText()).isEqualTo("service_completed_successfully");
        }
        assertThat(env(services.path("party-registry")))
                .containsKeys("CHARGECLEAR_TOKEN_ENCRYPTION_KEY", "CHARGECLEAR_REGISTRY_GATEWAY_PUBLIC_URL");
        assertThat(env(services.path("ocpi-gateway")))
                .containsKeys("CHARGECLEAR_TOKEN_ENCRYPTION_KEY", "CHARGECLEAR_GATEWAY_PUBLIC_URL")
                .containsEntry("CHARGECLEAR_REGISTRY_URL", "http://party-registry:8081");
    }

    /**
     * The console: built like the services, reading their operator APIs by their compose names and the ports the
     * services listen on, started once they are ready; every variable set is one it reads.
     */
    @Test
    void theConsoleReadsTheFiveServicesByTheirComposeNames() throws IOException {
        JsonNode console = services.path("console");
        assertThat(console.isObject()).as("service console").isTrue();
        Path context = compose.resolve(console.path("build").path("context").asText()).normalize();
        assertThat(context).isEqualTo(root.resolve("services/console").normalize());
        assertThat(context.resolve(console.path("build").path("dockerfile").asText())).isRegularFile();
        Properties props = properties("console");
        assertThat(text(console.path("healthcheck").path("test"))).contains("/q/health/ready")
                .contains("/127.0.0.1/" + props.getProperty("quarkus.management.port") + " ");
        String port = props.getProperty("quarkus.http.port");
        assertThat(text(console.path("ports"))).contains(port + ":" + port);

        Map<String, String> env = env(console);
        Map<String, String> urls = Map.of("party-registry", "CHARGECLEAR_REGISTRY_URL",
                "ocpi-gateway", "CHARGECLEAR_GATEWAY_URL", "session-tracking", "CHARGECLEAR_TRACKING_URL",
                "cdr-rating", "CHARGECLEAR_RATING_URL", "settlement", "CHARGECLEAR_SETTLEMENT_URL");
        for (String name : SERVICES) {
            assertThat(env).as("the console's URL of %s", name).containsEntry(urls.get(name),
                    "http://" + name + ":" + properties(name).getProperty("quarkus.http.port"));
            assertThat(console.path("depends_on").path(name).path("condition").asText()).as("waits for %s", name)
                    .isEqualTo("service_healthy");
        }
        assertThat(env).containsKeys("CHARGECLEAR_ADMIN_TOKEN", "CHARGECLEAR_CONSOLE_SESSION_KEY");
        String source = Files.readString(root.resolve("services/console/src/main/resources/application.properties"));
        for (String var : env.keySet()) {
            assertThat(QUARKUS_ENV.contains(var) || source.contains("${" + var + ":")).as("the console reads %s", var)
                    .isTrue();
        }
    }

    @Test
    void everyTopicOfTheLocalCatalogueIsCreatedWithItsSettings() throws IOException {
        Map<String, String[]> local = new LinkedHashMap<>();
        for (String line : Files.readAllLines(
                root.resolve("deploy/local/stack/src/main/resources/io/chargeclear/local/topics.csv"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(",", -1);
            local.put(f[0].trim(), new String[] {f[1].trim(), f[2].trim(), f.length > 3 ? f[3].trim() : ""});
        }
        assertThat(local).hasSizeGreaterThanOrEqualTo(17);

        JsonNode job = services.path("kafka-topics");
        assertThat(job.path("image").asText()).startsWith("apache/kafka:4.1.");
        assertThat(job.path("depends_on").path("kafka").path("condition").asText()).isEqualTo("service_healthy");
        String script = text(job.path("entrypoint")) + "\n" + text(job.path("command"));

        Map<String, String[]> created = new TreeMap<>();
        for (String line : script.split("\n")) {
            Matcher m = CREATE_TOPIC.matcher(line);
            if (m.find()) {
                assertThat(line).contains("/opt/kafka/bin/kafka-topics.sh");
                Map<String, String> config = new TreeMap<>();
                for (String c : m.group(3).trim().split("\\s*--config\\s+")) {
                    if (!c.isBlank()) {
                        String[] kv = c.split("=", 2);
                        config.put(kv[0], kv[1]);
                    }
                }
                created.put(m.group(1), new String[] {m.group(2), config.getOrDefault("cleanup.policy", ""),
                        config.getOrDefault("retention.ms", "")});
            }
        }
        assertThat(created.keySet()).containsExactlyInAnyOrderElementsOf(local.keySet());
        local.forEach((topic, expected) -> assertThat(created.get(topic)).as("settings of %s", topic)
                .containsExactly(expected));
    }

    @Test
    void oneConnectorPerServiceSchemaWithTheKubernetesSettings() throws IOException {
        Map<String, String> schemas = new TreeMap<>();
        for (String name : SERVICES) {
            schemas.put(name, properties(name).getProperty("chargeclear.db.schema"));
        }
        assertThat(schemas.values()).doesNotContainNull().doesNotHaveDuplicates().hasSize(5);

        Map<String, JsonNode> kubernetes = new TreeMap<>();
        try (MappingIterator<JsonNode> docs = new YAMLMapper().readerFor(JsonNode.class)
                .readValues(root.resolve("deploy/kubernetes/kafka-connectors.yaml").toFile())) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && "KafkaConnector".equals(doc.path("kind").asText())) {
                    kubernetes.put(doc.path("spec").path("config").path("schema.include.list").asText(), doc);
                }
            }
        }

        ObjectMapper json = new ObjectMapper();
        Map<String, JsonNode> bySchema = new TreeMap<>();
        try (Stream<Path> files = Files.list(compose.resolve("connectors"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode c = json.readTree(f.toFile());
                assertThat(f.getFileName().toString()).isEqualTo(c.path("name").asText() + ".json");
                String schema = c.path("config").path("schema.include.list").asText();
                assertThat(bySchema.put(schema, c)).as("one connector for %s", schema).isNull();
            }
        }
        assertThat(bySchema.keySet()).containsExactlyInAnyOrderElementsOf(schemas.values());

        for (String schema : schemas.values()) {
            JsonNode k8s = kubernetes.get(schema);
            assertThat(k8s).as("KafkaConnector for %s", schema).isNotNull();
            Map<String, String> expected = new TreeMap<>();
            k8s.path("spec").path("config").fields().forEachRemaining(e -> expected.put(e.getKey(), e.getValue().asText()));
            expected.put("connector.class", k8s.path("spec").path("class").asText());
            expected.put("tasks.max", k8s.path("spec").path("tasksMax").asText());

            JsonNode c = bySchema.get(schema);
            assertThat(c.path("name").asText()).isEqualTo(k8s.path("metadata").path("name").asText());
            Map<String, String> actual = new TreeMap<>();
            c.path("config").fields().forEachRemaining(e -> actual.put(e.getKey(), e.getValue().asText()));

            assertThat(actual.keySet()).as("settings of the %s connector", schema)
                    .containsExactlyInAnyOrderElementsOf(expected.keySet());
            expected.forEach((key, value) -> {
                if (!LOCATION_KEYS.contains(key)) {
                    assertThat(actual.get(key)).as("%s of the %s connector", key, schema).isEqualTo(value);
                }
            });
            assertThat(actual).as("compose database of %s", schema)
                    .containsEntry("database.hostname", "postgres")
                    .containsEntry("database.port", "5432")
                    .containsEntry("database.user", "chargeclear");
            assertThat(actual.get("transforms.outbox.type")).isEqualTo("io.debezium.transforms.outbox.EventRouter");
        }

        JsonNode job = services.path("connectors");
        assertThat(text(job.path("volumes"))).contains("./connectors:/connectors");
        assertThat(job.path("depends_on").path("connect").path("condition").asText()).isEqualTo("service_healthy");
        // registered once Flyway has created every outbox table (filtered publications need the table)
        for (String name : SERVICES) {
            assertThat(job.path("depends_on").path(name).path("condition").asText()).as("connectors after %s", name)
                    .isEqualTo("service_healthy");
        }
        assertThat(compose.resolve("connectors/register.sh")).isRegularFile();
    }

    static Properties properties(String service) throws IOException {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(root.resolve("services/" + service + "/src/main/resources/application.properties"))) {
            p.load(in);
        }
        return p;
    }
}
