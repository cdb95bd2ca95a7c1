package io.chargeclear.e2e;

import io.chargeclear.local.ChildStack;

import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The hub as {@code scripts/hub up} runs it: the local stack in one JVM and every service (and the console) from its
 * packaged jar in its own JVM, each on a free port, configured only through environment variables. Started once for
 * the whole test run ({@link #shared}) and stopped when the run ends. Tracing is on: the five services export their
 * spans to the run's own OTLP receiver ({@link #traces}).
 */
final class RunningHub implements AutoCloseable {

    static final String ADMIN_TOKEN = "e2e-admin-token";
    /**
     * The services run in their production profile, which refuses the shipped development secrets: a key of the
     * tests' own (Base64 of 32 bytes) seals partners' tokens.
     */
    static final String TOKEN_ENCRYPTION_KEY = "ZTJlLW9ubHktdG9rZW4tZW5jcnlwdGlvbi1rZXkhISE=";
    static final List<String> SERVICES = List.of("party-registry", "ocpi-gateway", "session-tracking", "cdr-rating",
            "settlement");
    /** The operator's web console: no data of its own, it reads the five services' operator APIs (ADR 0034). */
    static final String CONSOLE = "console";
    /** The key encrypting the console's session cookie; the production profile requires one. */
    static final String CONSOLE_SESSION_KEY = "e2e-console-session-key-of-32-ch";

    private final ChildStack stack;
    private final TraceReceiver traces = TraceReceiver.start();
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, Integer> managementPorts = new LinkedHashMap<>();
    private Path root;
    private Path logs;

    private RunningHub(ChildStack stack) {
        this.stack = stack;
    }

    /** The hub of this test run, started by the first test class that asks; JUnit closes it at the end. */
    static RunningHub shared(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(RunningHub.class, key -> {
                    try {
                        return start();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, RunningHub.class);
    }

    static RunningHub start() throws IOException {
        Path root = Path.of(System.getProperty("chargeclear.root", "../..")).toAbsolutePath().normalize();
        Path logs = Path.of("target", "e2e-logs").toAbsolutePath();
        Files.createDirectories(logs);
        RunningHub hub = new RunningHub(ChildStack.launch(List.of("--ephemeral", "--exit-on-stdin-eof"),
                logs.resolve("stack.log"), Duration.ofMinutes(2)));
        hub.root = root;
        hub.logs = logs;
        try {
            List<String> processes = new ArrayList<>(SERVICES);
            processes.add(CONSOLE);
            for (String service : processes) {
                hub.ports.put(service, freePort());
                hub.managementPorts.put(service, freePort());
            }
            for (String service : processes) {
                hub.startService(root, logs, service);
            }
            for (String service : processes) {
                await(service + " ready").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                        .until(() -> hub.ready(service));
            }
        } catch (RuntimeException | IOException e) {
            hub.close();
            throw e;
        }
        return hub;
    }

    /** The spans the services exported so far. */
    TraceReceiver traces() {
        return traces;
    }

    /** Base URL of a running service, e.g. the gateway partners call. */
    String url(String service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    /** Base URL of a service's management interface: /q/health, /q/metrics, /q/openapi (not on {@link #url}). */
    String managementUrl(String service) {
        return "http://127.0.0.1:" + managementPorts.get(service);
    }

    /** The Kafka bootstrap servers of the hub's local stack, to read its topics. */
    String kafkaBootstrap() {
        return stack.kafkaBootstrap();
    }

    /**
     * Stops one service and starts it again on the same port and database (its log continues in the same file),
     * returning once it is ready: what a redeploy or a crash does to state held in memory.
     */
    void restart(String service) throws IOException, InterruptedException {
        Process running = processes.get(service);
        running.destroy();
        if (!running.waitFor(30, TimeUnit.SECONDS)) {
            running.destroyForcibly().waitFor();
        }
        startService(root, logs, service);
        await(service + " ready again").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                .until(() -> ready(service));
    }

    private void startService(Path root, Path logs, String service) throws IOException {
        Path jar = root.resolve("services").resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (mvn package)");
        }
        int port = ports.get(service);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(processes.containsKey(service)
                        ? ProcessBuilder.Redirect.appendTo(logs.resolve(service + ".log").toFile())
                        : ProcessBuilder.Redirect.to(logs.resolve(service + ".log").toFile()));
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPorts.get(service)));
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", stack.reactiveUrl());
        env.put("QUARKUS_DATASOURCE_JDBC_URL", stack.jdbcUrl());
        env.put("CHARGECLEAR_DB_USER", stack.user());
        env.put("CHARGECLEAR_DB_PASSWORD", stack.password());
        env.put("CHARGECLEAR_KAFKA_BOOTSTRAP", stack.kafkaBootstrap());
        env.put("CHARGECLEAR_ADMIN_TOKEN", ADMIN_TOKEN);
        env.put("CHARGECLEAR_TOKEN_ENCRYPTION_KEY", TOKEN_ENCRYPTION_KEY);
        env.put("CHARGECLEAR_REGISTRY_URL", url("party-registry"));
        // the console's view of the services' operator APIs
        env.put("CHARGECLEAR_GATEWAY_URL", url("ocpi-gateway"));
        env.put("CHARGECLEAR_TRACKING_URL", url("session-tracking"));
        env.put("CHARGECLEAR_RATING_URL", url("cdr-rating"));
        env.put("CHARGECLEAR_SETTLEMENT_URL", url("settlement"));
        env.put("CHARGECLEAR_CONSOLE_SESSION_KEY", CONSOLE_SESSION_KEY);
        env.put("CHARGECLEAR_GATEWAY_PUBLIC_URL", url("ocpi-gateway"));
        env.put("CHARGECLEAR_REGISTRY_GATEWAY_PUBLIC_URL", url("ocpi-gateway"));
        // short waits, so the routing scenario sees retries and timeouts within seconds
        env.put("CHARGECLEAR_DELIVERY_BACKOFF_MAX", "PT2S");
        env.put("CHARGECLEAR_AUTHORIZATION_TIMEOUT", "PT2S");
        env.put("CHARGECLEAR_GATEWAY_DELIVERY_STILL_ALIVE_INTERVAL", "PT6S");
        env.put("CHARGECLEAR_SETTLEMENT_PERIOD", "DAILY");
        // session tracking: the tests move its clock past SLA deadlines instead of waiting hours
        env.put("CHARGECLEAR_TRACKING_CLOCK_ADJUSTABLE", "true");
        // partners run on loopback without TLS: their http response URLs are accepted (never outside local runs)
        env.put("CHARGECLEAR_RESPONSE_URL_ALLOW_HTTP", "true");
        if (SERVICES.contains(service)) {
            // traces on, as docs/operations/tracing.md turns them on, exported within a moment of their end
            env.put("QUARKUS_OTEL_SDK_DISABLED", "false");
            env.put("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", traces.endpoint());
            env.put("QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
            env.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "PT0.2S");
        }
        processes.put(service, builder.start());
    }

    private boolean ready(String service) {
        Process process = processes.get(service);
        if (!process.isAlive()) {
            throw new IllegalStateException(service + " exited with " + process.exitValue()
                    + "; see target/e2e-logs/" + service + ".log");
        }
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(managementUrl(service) + "/q/health/ready").toURL()
                    .openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(2000);
            return connection.getResponseCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        processes.values().forEach(Process::destroy);
        for (Process process : processes.values()) {
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        stack.close();
        traces.close();
    }
}
