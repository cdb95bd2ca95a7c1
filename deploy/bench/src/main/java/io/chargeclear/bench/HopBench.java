package io.chargeclear.bench;

import io.chargeclear.partners.AdminApi;
import io.chargeclear.partners.DemoFailure;
import io.chargeclear.partners.Settings;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static io.chargeclear.bench.Figures.loadAverage;
import static io.chargeclear.bench.Figures.machine;
import static io.chargeclear.bench.Figures.ms;
import static io.chargeclear.bench.Figures.value;

/**
 * What the hub adds to a real-time authorization (OCPI 2.2.1 tokens module, {@code POST {tokens sender
 * url}/{token_uid}/authorize?type=RFID}): a fake CPO calls the hub's tokens endpoint, which finds the token's eMSP
 * and forwards the call to the fake eMSP, and, interleaved at the same rate, calls the same fake eMSP directly. The
 * difference between the two paths at each percentile is the hub's cost. In the same run, as yardsticks of what the
 * machine itself can do: a bare loopback HTTP round trip at the same rate (a fixed answer, no OCPI work) and the
 * commit latency of one single-row insert on the hub's own PostgreSQL, idle and under the load.
 * <p>
 * Everything runs in this one JVM (load generator, fake partners, yardsticks) against a hub started by
 * {@code scripts/hub up}; CPU seconds of every hub process and of this JVM are read from {@code /proc} at the edges
 * of the measured window. Prints a markdown section (and writes it to {@code --markdown}).
 */
public final class HopBench {

    private static final String LOCATION = "{\"location_id\": \"LOC-HOP-1\"}";

    private final Options options;
    private final Settings settings;
    private final PrintStream log = System.err;

    private HopBench(Options options, Settings settings) {
        this.options = options;
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("hop: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        try {
            new HopBench(options, Settings.from(System.getenv())).run();
        } catch (DemoFailure e) {
            System.err.println("hop: " + e.getMessage());
            System.exit(1);
        }
        System.exit(0);
    }

    private void run() throws Exception {
        Vertx vertx = Vertx.vertx(new VertxOptions().setBlockedThreadCheckInterval(10_000));
        String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36).toUpperCase(Locale.ROOT);
        FakePlatform cpo = FakePlatform.cpo("NL", "HCP", "hop-cpo-b-" + run).start(vertx);
        FakePlatform emsp = FakePlatform.emsp("DE", "HEM", "hop-emsp-b-" + run).start(vertx);
        HttpServer raw = rawServer(vertx);
        List<String> uids = new ArrayList<>();
        for (int i = 1; i <= options.tokens; i++) {
            uids.add(String.format(Locale.ROOT, "HOP-TOKEN-%03d", i));
        }
        HubSetup setup = new HubSetup(settings, log);
        log.println("setting up through the hub's public APIs:");
        HubSetup.Connection cpoConnection = setup.connect(cpo);
        HubSetup.Connection emspConnection = setup.connect(emsp);
        StringBuilder markdown = new StringBuilder();
        try (PgProbe pg = new PgProbe(options.jdbcUrl, "chargeclear", "chargeclear")) {
            setup.agree(cpo, emsp);
            setup.pushTokens(emspConnection, cpoConnection, uids);
            log.println("PostgreSQL commit latency, idle hub: 2,000 single-row insert+commit one after the other");
            Histogram pgIdle = pg.sequential(200, 2000);
            ProcessCpu cpu = ProcessCpu.of(options.hubHome);
            markdown.append(header());
            if (options.selfWarmUp > 0) {
                int rate = options.rates.get(0);
                log.printf("warming the bench JVM up on its own: direct and raw paths at %d/s for %d s, no hub "
                        + "traffic%n", rate, options.selfWarmUp);
                List<LoadRun.Path> paths = paths(cpoConnection, emsp, raw, uids);
                new LoadRun(vertx).run(paths.subList(1, 3), 2 * rate, options.selfWarmUp, 0, () -> { }, () -> { });
            }
            for (int rate : options.rates) {
                log.printf("%d requests/s per path: %d s warm-up, %d s measured%n", rate, options.warmUp,
                        options.seconds);
                markdown.append(runAt(vertx, rate, cpoConnection, emsp, raw, uids, pg, pgIdle, cpu));
            }
        } catch (SQLException e) {
            throw new DemoFailure("cannot reach the hub's PostgreSQL at " + options.jdbcUrl + ": " + e.getMessage());
        } finally {
            setup.disconnect(cpoConnection);
            setup.disconnect(emspConnection);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        System.out.print(markdown);
        System.out.flush();
        if (options.markdown != null) {
            Files.createDirectories(options.markdown.toAbsolutePath().getParent());
            Files.writeString(options.markdown, markdown.toString(), StandardCharsets.UTF_8);
        }
    }

    private String runAt(Vertx vertx, int rate, HubSetup.Connection cpo, FakePlatform emsp, HttpServer raw,
                         List<String> uids, PgProbe pg, Histogram pgIdle, ProcessCpu cpu) throws Exception {
        return measure(vertx, rate, emsp, paths(cpo, emsp, raw, uids), pg, pgIdle, cpu);
    }

    /** The three paths, in this order: hub, direct, raw loopback. */
    private static List<LoadRun.Path> paths(HubSetup.Connection cpo, FakePlatform emsp, HttpServer raw,
                                            List<String> uids) {
        FakePlatform cpoPlatform = cpo.platform();
        Map<String, String> viaHub = new LinkedHashMap<>();
        viaHub.put("Authorization", "Token " + AdminApi.base64(cpo.tokenC()));
        viaHub.put("OCPI-from-country-code", cpoPlatform.countryCode());
        viaHub.put("OCPI-from-party-id", cpoPlatform.partyId());
        Map<String, String> direct = new LinkedHashMap<>();
        direct.put("Authorization", "Token " + AdminApi.base64(emsp.tokenB()));
        direct.put("OCPI-from-country-code", cpoPlatform.countryCode());
        direct.put("OCPI-from-party-id", cpoPlatform.partyId());
        direct.put("OCPI-to-country-code", emsp.countryCode());
        direct.put("OCPI-to-party-id", emsp.partyId());
        return List.of(new LoadRun.Path("hub (CPO → hub → eMSP)", HttpMethod.POST,
                        cpo.hubUrl("tokens", "SENDER") + "/{uid}/authorize?type=RFID", uids, viaHub, LOCATION),
                new LoadRun.Path("direct (CPO → eMSP)", HttpMethod.POST,
                        emsp.endpointUrl("tokens") + "/{uid}/authorize?type=RFID", uids, direct, LOCATION),
                new LoadRun.Path("raw loopback HTTP (fixed answer)", HttpMethod.GET,
                        "http://127.0.0.1:" + raw.actualPort() + "/raw", List.of(), Map.of(), null));
    }

    private String measure(Vertx vertx, int rate, FakePlatform emsp, List<LoadRun.Path> paths, PgProbe pg,
                           Histogram pgIdle, ProcessCpu cpu) throws Exception {
        LoadRun.Path hub = paths.get(0);
        LoadRun.Path straight = paths.get(1);
        LoadRun.Path loopback = paths.get(2);

        Histogram pgLoaded = new Histogram(60_000_000L, 3);
        AtomicBoolean probing = new AtomicBoolean();
        Map<String, Double> cpuStart = new LinkedHashMap<>();
        Map<String, Double> cpuEnd = new LinkedHashMap<>();
        long[] window = new long[2];
        long[] emspServed = new long[1];
        String[] load = new String[2];
        Thread pgThread = new Thread(() -> {
            while (probing.get()) {
                try {
                    pgLoaded.recordValue(Math.max(1, pg.commitOne() / 1000));
                    Thread.sleep(50);
                } catch (SQLException e) {
                    log.println("PostgreSQL probe under load failed: " + e.getMessage());
                    return;
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "pg-probe");
        new LoadRun(vertx).run(paths, rate * paths.size(), options.warmUp, options.seconds, () -> {
            cpuStart.putAll(cpu.snapshot());
            window[0] = System.nanoTime();
            emspServed[0] = emsp.authorizations();
            load[0] = loadAverage();
            probing.set(true);
            pgThread.start();
        }, () -> {
            cpuEnd.putAll(cpu.snapshot());
            window[1] = System.nanoTime();
            emspServed[0] = emsp.authorizations() - emspServed[0];
            load[1] = loadAverage();
            probing.set(false);
        });
        pgThread.join(5_000);
        double seconds = (window[1] - window[0]) / 1e9;
        return report(rate, seconds, hub, straight, loopback, pgIdle, pgLoaded, cpuStart, cpuEnd, emspServed[0],
                load);
    }

    private String report(int rate, double seconds, LoadRun.Path hub, LoadRun.Path direct, LoadRun.Path raw,
                          Histogram pgIdle, Histogram pgLoaded, Map<String, Double> cpuStart,
                          Map<String, Double> cpuEnd, long emspServed, String[] load) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "%n### %d requests/s per path (%d s measured after %d s warm-up)%n%n",
                rate, options.seconds, options.warmUp));
        md.append("| path | sent/s | answered OK | p50 ms | p90 ms | p99 ms | max ms | failures | client late p99 ms | max in flight |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---|---:|---:|\n");
        for (LoadRun.Path path : List.of(hub, direct, raw)) {
            md.append(String.format(Locale.ROOT, "| %s | %.1f | %,d of %,d | %s | %s | %s | %s | %s | %s | %,d |%n",
                    path.name, path.sent.get() / seconds, path.ok.get(), path.sent.get(), ms(path.micros, 50),
                    ms(path.micros, 90), ms(path.micros, 99), ms(path.micros, 100), failures(path),
                    ms(path.lateMicros, 99), path.maxInFlight.get()));
        }
        md.append(String.format(Locale.ROOT, "| **hub − direct** | | | **%s** | **%s** | **%s** | **%s** | | | |%n",
                diff(hub, direct, 50), diff(hub, direct, 90), diff(hub, direct, 99), diff(hub, direct, 100)));
        md.append(String.format(Locale.ROOT, "| PostgreSQL insert+commit, idle hub (before the load) | | %,d | %s | %s "
                        + "| %s | %s | | | |%n", pgIdle.getTotalCount(), ms(pgIdle, 50), ms(pgIdle, 90), ms(pgIdle, 99),
                ms(pgIdle, 100)));
        md.append(String.format(Locale.ROOT, "| PostgreSQL insert+commit, every 50 ms under this load | | %,d | %s | "
                        + "%s | %s | %s | | | |%n", pgLoaded.getTotalCount(), ms(pgLoaded, 50), ms(pgLoaded, 90),
                ms(pgLoaded, 99), ms(pgLoaded, 100)));
        md.append(String.format(Locale.ROOT, "%nThe fake eMSP answered %,d authorizations during the window (hub and "
                + "direct together, warm-up stragglers included; %,d were sent in it). Load average (1, 5, 15 min) at "
                + "the window's start %s, at its end %s.%n", emspServed, hub.sent.get() + direct.sent.get(), load[0],
                load[1]));

        double failed = hub.sent.get() == 0 ? 0 : (double) hub.failureCount() / hub.sent.get();
        if (failed > 0.01) {
            String which = failed >= 0.995 ? "every percentile is a failure"
                    : String.format(Locale.ROOT, "its percentiles from p%.0f up are failures", 100 * (1 - failed));
            md.append(String.format(Locale.ROOT, "%n**The hub did not keep up at this rate: %.0f %% of its requests "
                    + "failed**, so %s, and the multiples below say only that.%n", failed * 100, which));
        }
        md.append("\nThe hub's added latency as a multiple of the machine's own floors, at p50 and p99:\n\n");
        md.append("| hub − direct, as multiple of | p50 | p99 |\n|---|---:|---:|\n");
        double added50 = value(hub.micros, 50) - value(direct.micros, 50);
        double added99 = value(hub.micros, 99) - value(direct.micros, 99);
        md.append(ratioRow("the direct path itself (fake eMSP round trip)", added50, added99, direct.micros));
        md.append(ratioRow("a raw loopback HTTP round trip at the same rate", added50, added99, raw.micros));
        md.append(ratioRow("one PostgreSQL insert+commit, idle", added50, added99, pgIdle));
        md.append(ratioRow("one PostgreSQL insert+commit, under this load", added50, added99, pgLoaded));

        md.append(String.format(Locale.ROOT, "%nCPU in the measured window (%.1f s), from /proc/<pid>/stat:%n%n",
                seconds));
        md.append("| process | CPU s | cores busy | CPU ms per hub request |\n|---|---:|---:|---:|\n");
        double hubTotal = 0;
        long hubRequests = Math.max(1, hub.sent.get());
        for (String name : cpuStart.keySet()) {
            double used = cpuEnd.getOrDefault(name, Double.NaN) - cpuStart.get(name);
            if (!name.startsWith("bench") && !Double.isNaN(used)) {
                hubTotal += used;
            }
            md.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f |%n", name, used, used / seconds,
                    used * 1000 / hubRequests));
        }
        md.append(String.format(Locale.ROOT, "| **hub, all processes** | **%.2f** | **%.2f** | **%.2f** |%n",
                hubTotal, hubTotal / seconds, hubTotal * 1000 / hubRequests));
        return md.toString();
    }

    private String header() {
        return String.format(Locale.ROOT, "## %s: %s%n%n%s%n%nCommand: `%s`; %d token uids in rotation; client "
                        + "timeout %d s; latencies from the intended send time.%n", LocalDate.now(ZoneOffset.UTC),
                options.title, machine(), options.command, options.tokens, LoadRun.TIMEOUT_MS / 1000)
                + (options.note == null ? "" : "\n" + options.note + "\n");
    }

    private static HttpServer rawServer(Vertx vertx) throws Exception {
        Buffer answer = Buffer.buffer("{\"status_code\":1000,\"status_message\":\"Success\"}");
        return EventLoops.on(EventLoops.next(vertx), () -> vertx.createHttpServer(new HttpServerOptions()
                        .setHost("127.0.0.1").setPort(0).setTcpNoDelay(true))
                .requestHandler(request -> request.response().putHeader("Content-Type", "application/json")
                        .end(answer))
                .listen());
    }

    private static String ratioRow(String what, double added50, double added99, Histogram floor) {
        return String.format(Locale.ROOT, "| %s | %s | %s |%n", what, ratio(added50, value(floor, 50)),
                ratio(added99, value(floor, 99)));
    }

    private static String ratio(double added, double floor) {
        return floor <= 0 ? "-" : String.format(Locale.ROOT, "%.1f×", added / floor);
    }

    private static String diff(LoadRun.Path a, LoadRun.Path b, double percentile) {
        double value = value(a.micros, percentile) - value(b.micros, percentile);
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, Math.abs(value) >= 100_000 ? "%+,.0f" : "%+.2f",
                value / 1000);
    }

    private static String failures(LoadRun.Path path) {
        synchronized (path) {
            return path.failures.isEmpty() ? "none" : path.failures.entrySet().stream()
                    .map(entry -> entry.getKey() + ": " + String.format(Locale.ROOT, "%,d", entry.getValue()))
                    .collect(Collectors.joining(", "));
        }
    }

    /** The command line, with the defaults {@code scripts/bench hop} documents. */
    static final class Options {

        static final String USAGE = """
                usage: HopBench [--rate N | --rates N,M,...] [--duration S] [--warmup S] [--tokens N]
                                [--hub-home DIR] [--pg-port P] [--markdown FILE] [--title T] [--note T] [--command T]
                  --rate N        requests per second on each path (default 200)
                  --rates N,M     several rates, one after the other (each with its own warm-up)
                  --duration S    measured seconds per rate (default 30)
                  --warmup S      unrecorded seconds before each measurement (default 10)
                  --self-warmup S seconds of direct and raw load only, before the first rate, so the bench JVM's
                                  own code is compiled before it measures anything (default 10)
                  --tokens N      token uids in rotation (default 16)
                  --hub-home DIR  the hub's CHARGECLEAR_HOME, for the processes' CPU time (pid files)
                  --pg-port P     the hub's PostgreSQL port (default CHARGECLEAR_PG_PORT or 15432)
                  --markdown F    also write the results section to F""";

        List<Integer> rates = List.of(200);
        int seconds = 30;
        int warmUp = 10;
        int selfWarmUp = 10;
        int tokens = 16;
        Path hubHome;
        Path markdown;
        String jdbcUrl;
        String title = "results";
        String note;
        String command = "scripts/bench hop";

        static Options parse(String[] args) {
            Options options = new Options();
            String pgPort = System.getenv().getOrDefault("CHARGECLEAR_PG_PORT", "15432");
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                String value = args[++i];
                switch (name) {
                    case "--rate" -> options.rates = List.of(positive(name, value));
                    case "--rates" -> {
                        List<Integer> rates = new ArrayList<>();
                        for (String rate : value.split(",")) {
                            rates.add(positive(name, rate.trim()));
                        }
                        options.rates = List.copyOf(rates);
                    }
                    case "--duration" -> options.seconds = positive(name, value);
                    case "--warmup" -> options.warmUp = Integer.parseInt(value);
                    case "--self-warmup" -> options.selfWarmUp = Integer.parseInt(value);
                    case "--tokens" -> options.tokens = positive(name, value);
                    case "--hub-home" -> options.hubHome = Path.of(value);
                    case "--pg-port" -> pgPort = value;
                    case "--markdown" -> options.markdown = Path.of(value);
                    case "--title" -> options.title = value;
                    case "--note" -> options.note = value;
                    case "--command" -> options.command = value;
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            options.jdbcUrl = "jdbc:postgresql://127.0.0.1:" + pgPort + "/chargeclear";
            return options;
        }

        static int positive(String name, String value) {
            try {
                int number = Integer.parseInt(value);
                if (number > 0) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(name + " takes a positive whole number, not '" + value + "'");
        }
    }
}
