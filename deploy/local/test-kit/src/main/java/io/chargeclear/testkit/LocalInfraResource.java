package io.chargeclear.testkit;

import io.chargeclear.local.ChildStack;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Real PostgreSQL 17 + Kafka + the Debezium outbox relay for a service's {@code @QuarkusTest}s, started once per
 * test JVM (module). Put this on ONE test class of the module (it then applies to every {@code @QuarkusTest}):
 * <pre>{@code
 * @QuarkusTest
 * @WithTestResource(value = LocalInfraResource.class, scope = TestResourceScope.GLOBAL)
 * class PartyResourceTest { ... }
 * }</pre>
 * or, equivalently, {@code @QuarkusTestResource(value = LocalInfraResource.class, restrictToAnnotatedClass = false)}.
 * Quarkus starts it before the application and stops it at the end (or when a different test profile forces a
 * restart, in which case a fresh stack is started).
 *
 * <p>Mode, from system property {@code infra} or env {@code CHARGECLEAR_INFRA}:
 * <ul>
 *   <li>{@code local}: the {@code LocalStack} as a child JVM ({@code --ephemeral --exit-on-stdin-eof}): zonky
 *       PostgreSQL, KRaft Kafka and the relay, log in {@code target/local-stack.log}. No Docker needed.</li>
 *   <li>{@code testcontainers}: {@code postgres:17} ({@code wal_level=logical}) and {@code apache/kafka-native}
 *       containers, plus the same child JVM pointed at them, so the outbox relay still runs.</li>
 *   <li>{@code auto} (default): testcontainers if a Docker engine answers (checked only when DOCKER_HOST,
 *       /var/run/docker.sock or ~/.testcontainers.properties hints at one), else local.</li>
 * </ul>
 * Returns {@code quarkus.datasource.jdbc.url}, {@code quarkus.datasource.reactive.url},
 * {@code quarkus.datasource.username}, {@code quarkus.datasource.password} and {@code kafka.bootstrap.servers}.
 * Services must keep Dev Services off ({@code quarkus.devservices.enabled=false}).
 */
public class LocalInfraResource implements QuarkusTestResourceLifecycleManager {

    /** System properties set by {@link #start()}, JVM-wide so tests in any class loader can read them. */
    public static final String PROP_KAFKA = "chargeclear.test.kafka.bootstrap";
    public static final String PROP_JDBC = "chargeclear.test.jdbc.url";
    public static final String PROP_USER = "chargeclear.test.db.user";
    public static final String PROP_PASSWORD = "chargeclear.test.db.password";
    /** Port of the child stack's control socket (local mode only). */
    public static final String PROP_CONTROL = "chargeclear.test.stack.control";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private ChildStack stack;
    private AutoCloseable containers;

    public enum Mode { LOCAL, TESTCONTAINERS }

    @Override
    public Map<String, String> start() {
        Mode mode = mode();
        List<String> args = new ArrayList<>(List.of("--ephemeral", "--exit-on-stdin-eof", "--control-port", "0"));
        if (mode == Mode.TESTCONTAINERS) {
            Containers c = Containers.start();
            containers = c;
            args.addAll(List.of("--postgres-url", c.jdbcUrl(), "--postgres-user", c.user(),
                    "--postgres-password", c.password(), "--kafka-bootstrap", c.kafkaBootstrap()));
        }
        Path log = Path.of(System.getProperty("user.dir"), "target", "local-stack.log");
        try {
            Files.deleteIfExists(log);
            stack = ChildStack.launch(args, log, READY_TIMEOUT);
        } catch (IOException e) {
            closeContainers();
            throw new UncheckedIOException("local stack (" + mode + ") did not start", e);
        }
        System.err.printf("[LocalInfraResource] %s infrastructure ready in %d ms: %s, kafka %s (log %s)%n",
                mode.name().toLowerCase(Locale.ROOT), stack.startupTime().toMillis(), stack.jdbcUrl(),
                stack.kafkaBootstrap(), log);

        System.setProperty(PROP_KAFKA, stack.kafkaBootstrap());
        System.setProperty(PROP_JDBC, stack.jdbcUrl());
        System.setProperty(PROP_USER, stack.user());
        System.setProperty(PROP_PASSWORD, stack.password());
        stack.controlPort().ifPresent(p -> System.setProperty(PROP_CONTROL, Integer.toString(p)));

        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.datasource.jdbc.url", stack.jdbcUrl());
        config.put("quarkus.datasource.reactive.url", stack.reactiveUrl());
        config.put("quarkus.datasource.username", stack.user());
        config.put("quarkus.datasource.password", stack.password());
        config.put("kafka.bootstrap.servers", stack.kafkaBootstrap());
        return config;
    }

    @Override
    public void stop() {
        try {
            if (stack != null) stack.close(); // closes its stdin, waits (kill after 30 s)
        } finally {
            stack = null;
            closeContainers();
            for (String p : List.of(PROP_KAFKA, PROP_JDBC, PROP_USER, PROP_PASSWORD, PROP_CONTROL)) System.clearProperty(p);
        }
    }

    private void closeContainers() {
        if (containers == null) return;
        try {
            containers.close();
        } catch (Exception e) {
            System.err.println("[LocalInfraResource] could not stop containers: " + e);
        }
        containers = null;
    }

    /** Kafka bootstrap servers of the running infrastructure, for tests that produce/consume directly. */
    public static String kafkaBootstrap() {
        return required(PROP_KAFKA);
    }

    /** JDBC URL of the {@code chargeclear} database. */
    public static String jdbcUrl() {
        return required(PROP_JDBC);
    }

    public static String username() {
        return required(PROP_USER);
    }

    public static String password() {
        return required(PROP_PASSWORD);
    }

    /**
     * Stops the stack's PostgreSQL (fast shutdown: open transactions rolled back, clients disconnected) and returns
     * when it is down. Its data and port are kept for {@link #startPostgres()}. Local mode only: with
     * Testcontainers the stack does not own the database.
     */
    public static void stopPostgres() {
        control("STOP_PG");
    }

    /** Starts the PostgreSQL stopped by {@link #stopPostgres()} again (same port, same data); returns when it is up. */
    public static void startPostgres() {
        control("START_PG");
    }

    /** Stops the stack's Kafka broker (controlled shutdown); its log and ports are kept for {@link #startKafka()}. */
    public static void stopKafka() {
        control("STOP_KAFKA");
    }

    /** Starts the broker stopped by {@link #stopKafka()} again (same port, same log); returns when it answers. */
    public static void startKafka() {
        control("START_KAFKA");
    }

    /** {@link #stopPostgres()}, then {@link #startPostgres()}. */
    public static void restartPostgres() {
        stopPostgres();
        startPostgres();
    }

    /** {@link #stopKafka()}, then {@link #startKafka()}. */
    public static void restartKafka() {
        stopKafka();
        startKafka();
    }

    /** Whether the running stack can stop and start its PostgreSQL and Kafka (local mode). */
    public static boolean canRestart() {
        return System.getProperty(PROP_CONTROL) != null;
    }

    /** Schemas whose outbox the stack's relay is relaying now. */
    public static java.util.Set<String> relayedSchemas() {
        String answer = control("RELAYED");
        return answer.isEmpty() ? java.util.Set.of() : java.util.Set.of(answer.split(","));
    }

    private static String control(String command) {
        if (!canRestart()) {
            throw new IllegalStateException("the infrastructure has no control socket (" + PROP_CONTROL + " unset):"
                    + " stopping PostgreSQL or Kafka needs the local mode");
        }
        try {
            return ChildStack.control(Integer.parseInt(System.getProperty(PROP_CONTROL)), command,
                    Duration.ofSeconds(120));
        } catch (IOException e) {
            throw new UncheckedIOException(command + " failed", e);
        }
    }

    private static String required(String property) {
        String v = System.getProperty(property);
        if (v == null) throw new IllegalStateException("LocalInfraResource is not started (no " + property + ")");
        return v;
    }

    /** The mode this JVM would use; {@code auto} resolved. */
    public static Mode mode() {
        String prop = System.getProperty("infra");
        String env = System.getenv("CHARGECLEAR_INFRA");
        // the parent pom always passes -Dinfra (default "auto"): an explicit env value then still counts
        String m = prop != null && !prop.isBlank() && !prop.equalsIgnoreCase("auto") ? prop
                : env != null && !env.isBlank() ? env : "auto";
        return switch (m.trim().toLowerCase(Locale.ROOT)) {
            case "local" -> Mode.LOCAL;
            case "testcontainers", "containers", "docker" -> Mode.TESTCONTAINERS;
            case "auto" -> dockerHinted() && Containers.dockerAvailable() ? Mode.TESTCONTAINERS : Mode.LOCAL;
            default -> throw new IllegalArgumentException("infra must be auto, local or testcontainers, not " + m);
        };
    }

    /** Cheap check before asking Testcontainers (which logs an ERROR and takes ~300 ms when there is no Docker). */
    static boolean dockerHinted() {
        String host = System.getenv("DOCKER_HOST");
        return (host != null && !host.isBlank())
                || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
    }
}
