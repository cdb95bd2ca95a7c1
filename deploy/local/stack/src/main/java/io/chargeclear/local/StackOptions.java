package io.chargeclear.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Command line of {@link LocalStack}; every option can also come from an environment variable, the command line
 * wins. Port 0 means "pick a free port"; it is the default in ephemeral mode so parallel test runs never clash.
 */
public final class StackOptions {

    public static final int DEFAULT_POSTGRES_PORT = 15432;
    public static final int DEFAULT_KAFKA_PORT = 19092;

    /** Data directory for persistent mode ({@code <data>/postgres}, {@code <data>/kafka}, {@code <data>/debezium}). */
    public Path dataDir = Path.of(".hub");
    /** Temporary data directory, deleted on exit. */
    public boolean ephemeral;
    public Integer postgresPort;
    public Integer kafkaPort;
    public Integer kafkaControllerPort;
    /** External PostgreSQL instead of the embedded one (jdbc:postgresql://host:port/db). */
    public String postgresUrl;
    public String postgresUser = "chargeclear";
    public String postgresPassword = "chargeclear";
    /** External Kafka instead of the embedded broker (host:port). */
    public String kafkaBootstrap;
    /** Exit when stdin reaches EOF: a crashed parent (test JVM) then leaves nothing behind. */
    public boolean exitOnStdinEof;
    /** How to run PostgreSQL: auto (zonky, or OS binaries via runuser when root without unshare), zonky, os. */
    public String postgresMode = "auto";
    /**
     * Port of the control socket on 127.0.0.1 (0 = free port), null = none. Tests use it to stop and start the
     * embedded PostgreSQL and Kafka broker; see {@link LocalStack}.
     */
    public Integer controlPort;

    public static StackOptions parse(String[] args, Map<String, String> env) {
        StackOptions o = new StackOptions();
        o.applyEnv(env);
        List<String> rest = new ArrayList<>(List.of(args));
        for (int i = 0; i < rest.size(); i++) {
            String a = rest.get(i);
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                value = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            switch (a) {
                case "--ephemeral" -> o.ephemeral = true;
                case "--exit-on-stdin-eof" -> o.exitOnStdinEof = true;
                case "--data-dir" -> o.dataDir = Path.of(value != null ? value : next(rest, ++i, a));
                case "--postgres-port" -> o.postgresPort = Integer.parseInt(value != null ? value : next(rest, ++i, a));
                case "--kafka-port" -> o.kafkaPort = Integer.parseInt(value != null ? value : next(rest, ++i, a));
                case "--kafka-controller-port" ->
                        o.kafkaControllerPort = Integer.parseInt(value != null ? value : next(rest, ++i, a));
                case "--postgres-url" -> o.postgresUrl = value != null ? value : next(rest, ++i, a);
                case "--postgres-user" -> o.postgresUser = value != null ? value : next(rest, ++i, a);
                case "--postgres-password" -> o.postgresPassword = value != null ? value : next(rest, ++i, a);
                case "--kafka-bootstrap" -> o.kafkaBootstrap = value != null ? value : next(rest, ++i, a);
                case "--postgres-mode" -> o.postgresMode = value != null ? value : next(rest, ++i, a);
                case "--control-port" -> o.controlPort = Integer.parseInt(value != null ? value : next(rest, ++i, a));
                case "-h", "--help" -> {
                    System.err.println(usage());
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("unknown option " + a + "\n" + usage());
            }
        }
        return o;
    }

    private void applyEnv(Map<String, String> env) {
        String v;
        if ((v = env.get("CHARGECLEAR_DATA_DIR")) != null && !v.isBlank()) dataDir = Path.of(v);
        if ((v = env.get("CHARGECLEAR_EPHEMERAL")) != null) ephemeral = Boolean.parseBoolean(v);
        if ((v = env.get("CHARGECLEAR_PG_PORT")) != null && !v.isBlank()) postgresPort = Integer.parseInt(v.trim());
        if ((v = env.get("CHARGECLEAR_KAFKA_PORT")) != null && !v.isBlank()) kafkaPort = Integer.parseInt(v.trim());
        if ((v = env.get("CHARGECLEAR_KAFKA_CONTROLLER_PORT")) != null && !v.isBlank())
            kafkaControllerPort = Integer.parseInt(v.trim());
        if ((v = env.get("CHARGECLEAR_PG_URL")) != null && !v.isBlank()) postgresUrl = v;
        if ((v = env.get("CHARGECLEAR_PG_USER")) != null && !v.isBlank()) postgresUser = v;
        if ((v = env.get("CHARGECLEAR_PG_PASSWORD")) != null) postgresPassword = v;
        if ((v = env.get("CHARGECLEAR_KAFKA_BOOTSTRAP")) != null && !v.isBlank()) kafkaBootstrap = v;
        if ((v = env.get("CHARGECLEAR_EXIT_ON_STDIN_EOF")) != null) exitOnStdinEof = Boolean.parseBoolean(v);
        if ((v = env.get("CHARGECLEAR_PG_MODE")) != null && !v.isBlank()) postgresMode = v.trim();
    }

    private static String next(List<String> args, int i, String option) {
        if (i >= args.size()) throw new IllegalArgumentException(option + " needs a value");
        return args.get(i);
    }

    int postgresPortOrDefault() {
        return postgresPort != null ? postgresPort : ephemeral ? 0 : DEFAULT_POSTGRES_PORT;
    }

    int kafkaPortOrDefault() {
        return kafkaPort != null ? kafkaPort : ephemeral ? 0 : DEFAULT_KAFKA_PORT;
    }

    /** Controller port: explicit, else kafka+1 for a fixed Kafka port, else 0 (free port). */
    int kafkaControllerPortOrDefault(int kafkaPort) {
        if (kafkaControllerPort != null) return kafkaControllerPort;
        return kafkaPort == 0 ? 0 : kafkaPort + 1;
    }

    public static String usage() {
        return """
                usage: LocalStack [options]
                  --data-dir <path>            persistent data directory (default ./.hub; env CHARGECLEAR_DATA_DIR)
                  --ephemeral                  temporary data directory deleted on exit, random ports (env CHARGECLEAR_EPHEMERAL=true)
                  --postgres-port <n>          default 15432, 0 = free port (env CHARGECLEAR_PG_PORT)
                  --kafka-port <n>             default 19092, 0 = free port (env CHARGECLEAR_KAFKA_PORT)
                  --kafka-controller-port <n>  default kafka port + 1 (env CHARGECLEAR_KAFKA_CONTROLLER_PORT)
                  --postgres-url <jdbc url>    use an external PostgreSQL (env CHARGECLEAR_PG_URL)
                  --postgres-user <user>       default chargeclear (env CHARGECLEAR_PG_USER)
                  --postgres-password <pw>     default chargeclear (env CHARGECLEAR_PG_PASSWORD)
                  --kafka-bootstrap <host:port> use an external Kafka (env CHARGECLEAR_KAFKA_BOOTSTRAP)
                  --exit-on-stdin-eof          stop when stdin is closed (env CHARGECLEAR_EXIT_ON_STDIN_EOF=true)
                  --postgres-mode auto|zonky|os  how to run PostgreSQL (env CHARGECLEAR_PG_MODE)
                  --control-port <n>           control socket on 127.0.0.1 for tests, 0 = free port: one command a
                                               line (STOP_PG, START_PG, STOP_KAFKA, START_KAFKA, RELAYED),
                                               answered with one line (OK ... or ERROR ...)""";
    }
}
