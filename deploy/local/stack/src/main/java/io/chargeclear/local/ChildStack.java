package io.chargeclear.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@link LocalStack} as a child JVM and waits for its READY line. Uses only the JDK, so it works from a
 * classpath that has this module's classes but none of its dependencies (the test kit depends on local-stack
 * with all transitive dependencies excluded): the child's classpath comes from
 * {@code io/chargeclear/local/launcher.properties}, written at build time ({@code classes.dir} and the
 * {@code dependency:build-classpath} output {@code classpath.file}).
 *
 * <p>The child gets {@code --exit-on-stdin-eof} semantics from the caller's arguments: {@link #close()} closes its
 * stdin, which stops it cleanly; if the parent JVM dies, the pipe closes as well and the stack stops by itself.
 */
public final class ChildStack implements AutoCloseable {

    /** Prefix of the one line {@link LocalStack} prints to stdout when ready; a JSON object follows. */
    public static final String READY_PREFIX = "CHARGECLEAR_STACK_READY ";
    public static final String LAUNCHER_PROPERTIES = "io/chargeclear/local/launcher.properties";
    public static final List<String> DEFAULT_JVM_OPTIONS =
            List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    private static final Pattern FIELD = Pattern.compile("\"([a-z_]+)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final Process process;
    private final Path logFile;
    private final Map<String, String> ready;
    private final Duration startupTime;

    private ChildStack(Process process, Path logFile, Map<String, String> ready, Duration startupTime) {
        this.process = process;
        this.logFile = logFile;
        this.ready = ready;
        this.startupTime = startupTime;
    }

    /** Launches with {@link #DEFAULT_JVM_OPTIONS}. */
    public static ChildStack launch(List<String> stackArgs, Path logFile, Duration readyTimeout) throws IOException {
        return launch(DEFAULT_JVM_OPTIONS, stackArgs, logFile, readyTimeout);
    }

    /**
     * Starts {@code java <jvmOptions> -cp <stack classpath> io.chargeclear.local.LocalStack <stackArgs>}, appends
     * its stderr (the stack's log) to {@code logFile}, and waits for the READY line.
     */
    public static ChildStack launch(List<String> jvmOptions, List<String> stackArgs, Path logFile,
                                    Duration readyTimeout) throws IOException {
        long t0 = System.nanoTime();
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(classpath());
        cmd.add("io.chargeclear.local.LocalStack"); // by name: loading LocalStack needs its dependencies
        cmd.addAll(stackArgs);

        Path log = logFile.toAbsolutePath();
        Files.createDirectories(log.getParent());
        Files.writeString(log, "---- " + java.time.Instant.now() + " " + String.join(" ", stackArgs) + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Process p = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectOutput(ProcessBuilder.Redirect.PIPE)
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();

        CompletableFuture<String> readyLine = new CompletableFuture<>();
        Thread reader = new Thread(() -> readStdout(p.getInputStream(), log, readyLine), "local-stack-stdout");
        reader.setDaemon(true);
        reader.start();
        p.onExit().thenRun(() -> readyLine.completeExceptionally(
                new IOException("local stack exited with code " + p.exitValue() + " before it was ready")));

        String line;
        try {
            line = readyLine.get(readyTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            destroy(p);
            throw new IOException("local stack not ready after " + readyTimeout + "; log " + log + ":\n" + tail(log), e);
        } catch (ExecutionException e) {
            destroy(p);
            throw new IOException(e.getCause().getMessage() + "; log " + log + ":\n" + tail(log), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            destroy(p);
            throw new IOException("interrupted while waiting for the local stack", e);
        }
        return new ChildStack(p, log, parseReady(line), Duration.ofNanos(System.nanoTime() - t0));
    }

    private static void readStdout(InputStream in, Path log, CompletableFuture<String> readyLine) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith(READY_PREFIX)) {
                    readyLine.complete(line.substring(READY_PREFIX.length()));
                } else {
                    Files.writeString(log, "[stdout] " + line + "\n", StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                }
            }
        } catch (IOException ignored) {
            // child gone
        }
    }

    /** Parses the flat JSON object of the READY line (string values only). */
    static Map<String, String> parseReady(String json) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        Matcher matcher = FIELD.matcher(json);
        while (matcher.find()) {
            m.put(matcher.group(1), matcher.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
        }
        for (String k : List.of("postgres_jdbc_url", "postgres_user", "postgres_password", "kafka_bootstrap")) {
            if (!m.containsKey(k)) throw new IllegalStateException("READY line without " + k + ": " + json);
        }
        return Map.copyOf(m);
    }

    /** {@code <classes.dir>:<contents of classpath.file>}, from launcher.properties. */
    public static String classpath() {
        Properties props = new Properties();
        try (InputStream in = ChildStack.class.getClassLoader().getResourceAsStream(LAUNCHER_PROPERTIES)) {
            if (in == null) throw new IllegalStateException(LAUNCHER_PROPERTIES + " not on the classpath");
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path cpFile = Path.of(props.getProperty("classpath.file"));
        Path classes = Path.of(props.getProperty("classes.dir"));
        if (!Files.isRegularFile(cpFile)) {
            throw new IllegalStateException("missing " + cpFile + ": build the local stack first "
                    + "(mvn -f deploy/local/pom.xml install)");
        }
        String own;
        if (Files.isDirectory(classes)) {
            own = classes.toString();
        } else {
            // classes dir cleaned: fall back to wherever this class came from (e.g. the installed jar)
            try {
                own = Path.of(ChildStack.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            } catch (Exception e) {
                throw new IllegalStateException("missing " + classes + " and cannot locate local-stack classes", e);
            }
        }
        try {
            return own + java.io.File.pathSeparator + Files.readString(cpFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String jdbcUrl() {
        return ready.get("postgres_jdbc_url");
    }

    /** {@code postgresql://host:port/db}, the form of {@code quarkus.datasource.reactive.url}. */
    public String reactiveUrl() {
        return jdbcUrl().substring("jdbc:".length());
    }

    public String user() {
        return ready.get("postgres_user");
    }

    public String password() {
        return ready.get("postgres_password");
    }

    public String kafkaBootstrap() {
        return ready.get("kafka_bootstrap");
    }

    /** Port of the control socket, if the stack was launched with {@code --control-port}. */
    public java.util.OptionalInt controlPort() {
        String p = ready.get("control_port");
        return p == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(Integer.parseInt(p));
    }

    /** Sends one command to this stack's control socket; see {@link #control(int, String, Duration)}. */
    public String control(String command, Duration timeout) throws IOException {
        return control(controlPort().orElseThrow(() -> new IllegalStateException(
                "stack launched without --control-port")), command, timeout);
    }

    /**
     * Sends one command ({@code STOP_PG}, {@code START_PG}, {@code STOP_KAFKA}, {@code START_KAFKA},
     * {@code RELAYED}) to the control socket of a stack on 127.0.0.1:{@code port} and returns the detail of its
     * {@code OK} answer; an {@code ERROR} answer, or none within {@code timeout}, is an {@link IOException}.
     */
    public static String control(int port, String command, Duration timeout) throws IOException {
        try (java.net.Socket s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout((int) timeout.toMillis());
            java.io.Writer out = new java.io.OutputStreamWriter(s.getOutputStream(), StandardCharsets.UTF_8);
            out.write(command + "\n");
            out.flush();
            String answer = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            if (answer == null) throw new IOException("local stack closed the control connection on " + command);
            String ok = "OK " + command;
            if (!answer.startsWith(ok)) throw new IOException("local stack: " + answer);
            return answer.substring(ok.length()).strip();
        }
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    /** From launch until the READY line. */
    public Duration startupTime() {
        return startupTime;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Closes the child's stdin (clean stop), waits up to 30 s, then kills it. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // already closed
        }
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                System.err.println("local stack did not stop within 30 s, killing pid " + process.pid());
                destroy(process);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            destroy(process);
        }
    }

    private static void destroy(Process p) {
        p.destroy(); // SIGTERM: the shutdown hook still stops PostgreSQL
        try {
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
