package io.chargeclear.local;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * The hub's infrastructure in one JVM, started in order: PostgreSQL 17 (database and role {@code chargeclear}),
 * a single-node KRaft Kafka broker with the topic catalogue, and the Debezium outbox relay. Stopped in reverse
 * order (relay offsets flushed, Kafka controlled shutdown, PostgreSQL fast shutdown), so nothing committed is
 * lost. When ready, prints exactly one line to stdout:
 * <pre>CHARGECLEAR_STACK_READY {"postgres_jdbc_url":"...","postgres_user":"...","postgres_password":"...","kafka_bootstrap":"..."}</pre>
 * Everything else (logs) goes to stderr. See {@link StackOptions#usage()} for the command line.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
    public static final String READY_PREFIX = ChildStack.READY_PREFIX;

    private final StackOptions options;
    private final Path dataDir;
    private volatile LocalPostgres postgres;
    private volatile EmbeddedKafka kafka;
    private volatile OutboxRelay relay;
    private String jdbcUrl;
    private String user;
    private String password;
    private String kafkaBootstrap;
    private final CountDownLatch closed = new CountDownLatch(1);
    private boolean closing;
    private volatile ServerSocket control;

    private LocalStack(StackOptions options) throws IOException {
        this.options = options;
        this.dataDir = options.ephemeral
                ? Files.createTempDirectory("chargeclear-stack")
                : options.dataDir.toAbsolutePath().normalize();
    }

    /** Starts everything; on failure, whatever was started is stopped again. */
    public static LocalStack start(StackOptions options) throws IOException {
        LocalStack stack = new LocalStack(options);
        try {
            stack.startAll();
            return stack;
        } catch (IOException | RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startAll() throws IOException {
        long t0 = System.nanoTime();
        Files.createDirectories(dataDir);
        LOG.info("starting local stack ({}), data {}", options.ephemeral ? "ephemeral" : "persistent", dataDir);

        if (options.postgresUrl != null) {
            jdbcUrl = options.postgresUrl;
            user = options.postgresUser;
            password = options.postgresPassword;
            LOG.info("using external PostgreSQL {}", jdbcUrl);
        } else {
            LocalPostgres pg = LocalPostgres.start(dataDir.resolve("postgres"), options.postgresPortOrDefault(),
                    options.ephemeral, options.postgresMode);
            synchronized (this) {
                postgres = pg;
                if (closing) throw new IOException("stopped while starting");
            }
            jdbcUrl = pg.jdbcUrl();
            user = LocalPostgres.USER;
            password = LocalPostgres.PASSWORD;
        }

        if (options.kafkaBootstrap != null) {
            kafkaBootstrap = options.kafkaBootstrap.replaceFirst("^[A-Za-z_]+://", "");
            EmbeddedKafka.awaitReady(kafkaBootstrap, java.time.Duration.ofSeconds(60));
            LOG.info("using external Kafka {}", kafkaBootstrap);
        } else {
            int kp = options.kafkaPortOrDefault();
            EmbeddedKafka k = EmbeddedKafka.start(dataDir.resolve("kafka"), kp, options.kafkaControllerPortOrDefault(kp));
            synchronized (this) {
                kafka = k;
                if (closing) throw new IOException("stopped while starting");
            }
            kafkaBootstrap = k.bootstrap();
        }
        createTopics();

        OutboxRelay r = new OutboxRelay(jdbcUrl, user, password, kafkaBootstrap, dataDir.resolve("debezium"));
        synchronized (this) {
            relay = r;
            if (closing) throw new IOException("stopped while starting");
        }
        r.start();
        if (options.controlPort != null) startControl(options.controlPort);
        LOG.info("local stack ready in {} ms: postgres {} kafka {}", LocalPostgres.ms(t0), jdbcUrl, kafkaBootstrap);
    }

    /** Stops the embedded PostgreSQL, keeping its data directory and port (for restart tests). */
    public void stopPostgres() throws IOException {
        embeddedPostgres().stopKeepingData();
    }

    /** Starts the PostgreSQL stopped by {@link #stopPostgres()} again. */
    public void startPostgres() throws IOException {
        embeddedPostgres().startAgain();
    }

    /** Stops the embedded Kafka broker, keeping its log directory and ports (for restart tests). */
    public void stopKafka() {
        embeddedKafka().stop();
    }

    /** Starts the broker stopped by {@link #stopKafka()} again. */
    public void startKafka() throws IOException {
        embeddedKafka().startAgain();
    }

    private LocalPostgres embeddedPostgres() {
        if (postgres == null) throw new IllegalStateException("PostgreSQL is external: the stack cannot stop it");
        return postgres;
    }

    private EmbeddedKafka embeddedKafka() {
        if (kafka == null) throw new IllegalStateException("Kafka is external: the stack cannot stop it");
        return kafka;
    }

    /**
     * The control socket: on 127.0.0.1 only, one connection at a time, one command a line, each answered with one
     * line, {@code OK <command> [detail]} or {@code ERROR <command> <message>}. The commands run one after the
     * other, so a test's stop/start sequence is applied in order.
     */
    private void startControl(int port) throws IOException {
        ServerSocket server = new ServerSocket(port, 4, InetAddress.getLoopbackAddress());
        control = server;
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept();
                     BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                     PrintWriter out = new PrintWriter(new OutputStreamWriter(s.getOutputStream(), StandardCharsets.UTF_8), true)) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        out.println(command(line.strip()));
                    }
                } catch (IOException e) {
                    if (!server.isClosed()) LOG.warn("control connection failed: {}", e.toString());
                }
            }
        }, "stack-control");
        t.setDaemon(true);
        t.start();
        LOG.info("control socket on 127.0.0.1:{}", server.getLocalPort());
    }

    /** Runs one control command; the answer line. */
    synchronized String command(String command) {
        long t0 = System.nanoTime();
        LOG.info("control: {}", command);
        try {
            String detail = switch (command) {
                case "STOP_PG" -> {
                    stopPostgres();
                    yield "";
                }
                case "START_PG" -> {
                    startPostgres();
                    yield "";
                }
                case "STOP_KAFKA" -> {
                    stopKafka();
                    yield "";
                }
                case "START_KAFKA" -> {
                    startKafka();
                    yield "";
                }
                case "RELAYED" -> String.join(",", relayedSchemas());
                default -> throw new IllegalArgumentException("unknown command (STOP_PG, START_PG, STOP_KAFKA, "
                        + "START_KAFKA, RELAYED)");
            };
            LOG.info("control: {} done in {} ms", command, LocalPostgres.ms(t0));
            return ("OK " + command + " " + detail).strip();
        } catch (IOException | RuntimeException e) {
            LOG.error("control: {} failed", command, e);
            return "ERROR " + command + " " + String.valueOf(e.getMessage()).replace('\n', ' ');
        }
    }

    private void createTopics() throws IOException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap))) {
            List<String> created = TopicCatalogue.ensureTopics(admin);
            LOG.info("topic catalogue: {} topic(s) created, {} in catalogue", created.size(),
                    TopicCatalogue.topics().size());
        } catch (Exception e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            throw new IOException("could not create the catalogue's topics", e);
        }
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public String kafkaBootstrap() {
        return kafkaBootstrap;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Schemas whose outbox relay engine is running. */
    public Set<String> relayedSchemas() {
        OutboxRelay r = relay;
        return r == null ? Set.of() : r.runningSchemas();
    }

    /** The JSON object printed after {@link #READY_PREFIX}. */
    public String readyJson() {
        ServerSocket c = control;
        return "{\"postgres_jdbc_url\":\"" + json(jdbcUrl) + "\",\"postgres_user\":\"" + json(user)
                + "\",\"postgres_password\":\"" + json(password) + "\",\"kafka_bootstrap\":\"" + json(kafkaBootstrap)
                + "\"" + (c == null ? "" : ",\"control_port\":\"" + c.getLocalPort() + "\"") + "}";
    }

    private static String json(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.toString();
    }

    /** Stops relay (offsets flushed), then Kafka, then PostgreSQL; deletes the data directory if ephemeral. */
    @Override
    public void close() {
        synchronized (this) {
            if (closing) {
                awaitClosed();
                return;
            }
            closing = true;
        }
        long t0 = System.nanoTime();
        try {
            if (control != null) {
                try {
                    control.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
            if (relay != null) relay.close();
            if (kafka != null) kafka.close();
            if (postgres != null) postgres.close();
            if (options.ephemeral) LocalPostgres.deleteTree(dataDir);
            LOG.info("local stack stopped in {} ms", LocalPostgres.ms(t0));
        } finally {
            closed.countDown();
        }
    }

    private void awaitClosed() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void main(String[] args) {
        // stdout carries only the READY line; everything else that prints goes to stderr
        PrintStream stdout = System.out;
        System.setOut(System.err);
        StackOptions options;
        try {
            options = StackOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        LocalStack[] holder = new LocalStack[1];
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LocalStack s;
            synchronized (holder) {
                s = holder[0];
            }
            if (s != null) s.close();
        }, "chargeclear-stack-shutdown"));
        if (options.exitOnStdinEof) {
            Thread t = new Thread(() -> {
                try {
                    InputStream in = System.in;
                    byte[] buf = new byte[256];
                    while (in.read(buf) >= 0) {
                        // ignore input
                    }
                } catch (IOException ignored) {
                    // treat as EOF
                }
                LOG.info("stdin closed: stopping");
                System.exit(0);
            }, "stdin-watch");
            t.setDaemon(true);
            t.start();
        }
        LocalStack stack;
        try {
            stack = new LocalStack(options);
            synchronized (holder) {
                holder[0] = stack;
            }
            stack.startAll();
        } catch (Throwable e) {
            LOG.error("local stack failed to start", e);
            System.exit(1);
            return;
        }
        stdout.println(READY_PREFIX + stack.readyJson());
        stdout.flush();
        stack.awaitClosed();
    }
}
