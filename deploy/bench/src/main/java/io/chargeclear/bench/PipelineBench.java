package io.chargeclear.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chargeclear.model.ocpi.OcpiJson;
import io.chargeclear.partners.AdminApi;
import io.chargeclear.partners.DemoFailure;
import io.chargeclear.partners.Settings;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static io.chargeclear.bench.Figures.loadAverage;
import static io.chargeclear.bench.Figures.machine;
import static io.chargeclear.bench.Figures.ms;
import static io.chargeclear.bench.Figures.value;

/**
 * How many CDRs per second the whole pipeline carries, and how long each takes: N fake CPOs POST OCPI 2.2.1 CDRs at
 * the hub's CDRs receiver endpoint at a fixed total rate (open loop), each CDR's {@code cdr_token} naming one of M fake
 * eMSPs, at a location and under a tariff its CPO pushed before the load. The hub routes each CDR to its eMSP (the
 * fake eMSP sees it arrive), cdr-rating re-rates it ({@code rating.cdr-rated.v1}) and settlement books it
 * ({@code settlement.posting.v1}); a plain Kafka consumer in this JVM sees those events by key. Every stage is timed
 * from the POST's intended send time, per CDR id.
 * <p>
 * In the same run, as the machine's raw limits: PostgreSQL single-row and batched commits per second and Kafka records
 * produced and consumed per second on the hub's own PostgreSQL and broker; so each figure also reads as a ratio of what
 * the machine itself can do. With {@code --find-max} the rate steps up until the pipeline no longer keeps up.
 */
public final class PipelineBench {

    /**
     * A run passes when p99 POST→posted stays within this, nothing is refused and every accepted CDR gets delivered,
     * rated and posted within the drain.
     */
    static final long POSTED_P99_LIMIT_MS = 2_000;
    private static final List<Integer> FIND_MAX_RATES = List.of(25, 50, 100, 200, 400, 800, 1600, 3200);
    private static final String TOKEN_UID = "PIPE-TOKEN-1";

    private final Options options;
    private final Settings settings;
    private final PrintStream log = System.err;
    private final ObjectMapper mapper = OcpiJson.mapper();
    private final String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36).toUpperCase(Locale.ROOT);
    /** CDR id → when the fake eMSP received it (nanoTime). */
    private final Map<String, Long> delivered = new ConcurrentHashMap<>();
    /** CDR id → what became of its POST. */
    private final Map<String, Sent> sent = new ConcurrentHashMap<>();

    private record Sent(long intendedNanos, boolean measured, boolean accepted) {
    }

    private PipelineBench(Options options, Settings settings) {
        this.options = options;
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("pipeline: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        try {
            new PipelineBench(options, Settings.from(System.getenv())).run();
        } catch (DemoFailure e) {
            System.err.println("pipeline: " + e.getMessage());
            System.exit(1);
        }
        System.exit(0);
    }

    private void run() throws Exception {
        Vertx vertx = Vertx.vertx(new VertxOptions().setBlockedThreadCheckInterval(10_000));
        List<FakePlatform> cpos = new ArrayList<>();
        List<FakePlatform> emsps = new ArrayList<>();
        for (int i = 1; i <= options.cpos; i++) {
            cpos.add(FakePlatform.cpo("NL", String.format(Locale.ROOT, "C%02d", i), "pipe-cpo-b-" + i + "-" + run)
                    .start(vertx));
        }
        for (int i = 1; i <= options.emsps; i++) {
            emsps.add(FakePlatform.emsp("DE", String.format(Locale.ROOT, "E%02d", i), "pipe-emsp-b-" + i + "-" + run)
                    .onCdr(id -> delivered.putIfAbsent(id, System.nanoTime())).start(vertx));
        }
        HubSetup setup = new HubSetup(settings, log);
        List<HubSetup.Connection> connections = new ArrayList<>();
        ObjectNode json = mapper.createObjectNode();
        StringBuilder markdown = new StringBuilder();
        try (PgProbe pg = new PgProbe(options.jdbcUrl, "chargeclear", "chargeclear");
             PipelineEvents events = new PipelineEvents(options.kafka)) {
            log.printf("setting up through the hub's public APIs: %d CPOs, %d eMSPs%n", options.cpos, options.emsps);
            List<HubSetup.Connection> cpoConnections = new ArrayList<>();
            for (FakePlatform cpo : cpos) {
                HubSetup.Connection connection = setup.connect(cpo);
                connections.add(connection);
                cpoConnections.add(connection);
            }
            for (FakePlatform emsp : emsps) {
                connections.add(setup.connect(emsp));
            }
            for (FakePlatform cpo : cpos) {
                for (FakePlatform emsp : emsps) {
                    setup.agree(cpo, emsp);
                }
            }
            List<Cdrs> cdrs = new ArrayList<>();
            for (HubSetup.Connection cpo : cpoConnections) {
                cdrs.add(pushLocationAndTariff(setup, cpo, emsps));
            }
            firstCdrsRated(setup, cdrs, events);

            log.println("the machine's raw limits, idle hub: PostgreSQL commits, Kafka produce and consume");
            ObjectNode limits = rawLimits(pg);
            json.put("date", LocalDate.now(ZoneOffset.UTC).toString()).put("title", options.title)
                    .put("commit", options.commit).put("command", options.command).put("machine", machine())
                    .put("note", options.note).put("cpos", options.cpos).put("emsps", options.emsps)
                    .put("warmup_s", options.warmUp).put("duration_s", options.seconds)
                    .put("find_max", options.findMax).set("raw_limits", limits);
            ArrayNode runs = json.putArray("runs");
            markdown.append(header(limits));
            ProcessCpu processes = ProcessCpu.of(options.hubHome);
            List<Integer> rates = options.rates != null ? options.rates
                    : options.findMax ? FIND_MAX_RATES : List.of(30);
            Integer lastPassed = null;
            StringBuilder details = new StringBuilder();
            for (int index = 0; index < rates.size(); index++) {
                int rate = rates.get(index);
                log.printf("%d CDRs/s offered: %d s warm-up, %d s measured, then up to %d s to drain%n", rate,
                        options.warmUp, options.seconds, options.drain);
                ObjectNode result = measure(vertx, index, rate, cdrs, events, processes, limits);
                runs.add(result);
                markdown.append(row(result));
                details.append(processTable(result));
                boolean passed = result.path("passed").asBoolean();
                log.printf("  %s%n", summary(result));
                if (passed) {
                    lastPassed = rate;
                } else if (options.findMax) {
                    break;
                }
                if (!result.path("drained").asBoolean() && index + 1 < rates.size()) {
                    log.println("  the pipeline did not drain; the next rate would start on its backlog: stopping");
                    break;
                }
            }
            markdown.append(legend());
            if (options.findMax) {
                json.put("max_rate_passed", lastPassed);
                markdown.append(String.format(Locale.ROOT, "%n**Highest rate that passed** (p99 POST→posted ≤ %d ms, "
                                + "no refusals, everything delivered, rated and posted after the drain): %s.%n",
                        POSTED_P99_LIMIT_MS,
                        lastPassed == null ? "none of those tried" : lastPassed + " CDRs/s"));
            }
            markdown.append(details);
        } catch (SQLException e) {
            throw new DemoFailure("cannot reach the hub's PostgreSQL at " + options.jdbcUrl + ": " + e.getMessage());
        } finally {
            for (HubSetup.Connection connection : connections) {
                setup.disconnect(connection);
            }
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        System.out.print(markdown);
        System.out.flush();
        write(options.markdown, markdown.toString());
        write(options.json, mapper.writeValueAsString(json) + "\n");
    }

    /** One CPO's CDR template: every CDR at its pushed location, priced by its pushed tariff. */
    private record Cdrs(HubSetup.Connection cpo, String template, List<FakePlatform> emsps, int index) {

        String body(String id, long sequence) {
            FakePlatform emsp = emsps.get((int) ((sequence + index) % emsps.size()));
            return template.replace("{CDR_ID}", id).replace("{EMSP}", emsp.partyId());
        }
    }

    /**
     * The CPO pushes a tariff (0.30 EUR/kWh + 21 % VAT, in force since three days ago) and a location whose connector
     * it prices, both with ids of this run, and returns its CDR template for them.
     */
    private Cdrs pushLocationAndTariff(HubSetup setup, HubSetup.Connection cpo, List<FakePlatform> emsps) {
        FakePlatform platform = cpo.platform();
        String pid = platform.partyId();
        String tariffId = "TAR-PIPE-" + run;
        String locationId = "LOC-PIPE-" + run;
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        setup.push(cpo, "tariffs", tariffId, """
                {"country_code": "NL", "party_id": "%s", "id": "%s", "currency": "EUR",
                 "elements": [{"price_components": [{"type": "ENERGY", "price": 0.30, "vat": 21.0, "step_size": 1}]}],
                 "last_updated": "%s"}""".formatted(pid, tariffId, now.minus(3, ChronoUnit.DAYS)));
        setup.push(cpo, "locations", locationId, """
                {"country_code": "NL", "party_id": "%s", "id": "%s", "publish": true,
                 "address": "Oudegracht 1", "city": "Utrecht", "postal_code": "3511", "country": "NLD",
                 "coordinates": {"latitude": "52.090737", "longitude": "5.121420"},
                 "evses": [{"uid": "EVSE-1", "evse_id": "NL*%s*E1", "status": "AVAILABLE",
                   "connectors": [{"id": "1", "standard": "IEC_62196_T2", "format": "SOCKET",
                     "power_type": "AC_3_PHASE", "max_voltage": 230, "max_amperage": 32,
                     "tariff_ids": ["%s"], "last_updated": "%s"}],
                   "last_updated": "%s"}],
                 "time_zone": "Europe/Amsterdam", "last_updated": "%s"}"""
                .formatted(pid, locationId, pid, tariffId, now, now, now));
        log.printf("  %s pushed tariff %s and location %s (TO hub): 1000%n", platform.label(), tariffId, locationId);
        Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant start = end.minus(1, ChronoUnit.HOURS);
        // one hour, 11 kWh: 3.30 EUR excl. VAT, 3.99 incl., as the tariff prices it (OCPI 2.2.1 §cdrs "CDR Object")
        String template = """
                {"country_code": "NL", "party_id": "%s", "id": "{CDR_ID}", "start_date_time": "%s",
                 "end_date_time": "%s", "session_id": "{CDR_ID}",
                 "cdr_token": {"country_code": "DE", "party_id": "{EMSP}", "uid": "%s", "type": "RFID",
                   "contract_id": "DE-{EMSP}-C1"},
                 "auth_method": "WHITELIST",
                 "cdr_location": {"id": "%s", "address": "Oudegracht 1", "city": "Utrecht", "country": "NLD",
                   "coordinates": {"latitude": "52.090737", "longitude": "5.121420"}, "evse_uid": "EVSE-1",
                   "evse_id": "NL*%s*E1", "connector_id": "1", "connector_standard": "IEC_62196_T2",
                   "connector_format": "SOCKET", "connector_power_type": "AC_3_PHASE"},
                 "currency": "EUR",
                 "charging_periods": [{"start_date_time": "%s", "dimensions": [{"type": "ENERGY", "volume": 11.0}]}],
                 "total_cost": {"excl_vat": 3.30, "incl_vat": 3.99}, "total_energy": 11.0, "total_time": 1.0,
                 "last_updated": "%s"}""".formatted(pid, start, end, TOKEN_UID, locationId, pid, start, now)
                .replaceAll("\\s*\\n\\s*", " ");
        return new Cdrs(cpo, template, emsps, cdrsIndex(cpo));
    }

    private int cdrsIndex(HubSetup.Connection cpo) {
        return Integer.parseInt(cpo.platform().partyId().substring(1));
    }

    /**
     * Each CPO POSTs one CDR before any load and the bench waits until every one is rated and posted: the hub has
     * taken in the locations, tariffs and agreements, and the whole path works, before anything is timed.
     */
    private void firstCdrsRated(HubSetup setup, List<Cdrs> cdrs, PipelineEvents events) {
        List<String> ids = new ArrayList<>();
        for (Cdrs cpo : cdrs) {
            String id = String.format(Locale.ROOT, "%s-S-%d", run, cpo.index());
            ids.add(id);
            setup.post(cpo.cpo(), cpo.cpo().hubUrl("cdrs", "RECEIVER"), cpo.body(id, 0));
        }
        io.chargeclear.partners.Waiting.until("the first CDR of each CPO is delivered, rated and posted",
                java.time.Duration.ofSeconds(120), () -> ids.stream().allMatch(id -> delivered.containsKey(id)
                        && events.seen(PipelineEvents.RATED).containsKey(id)
                        && events.seen(PipelineEvents.POSTED).containsKey(id)));
        log.printf("  the first CDR of each of the %d CPOs was delivered, rated and posted%n", cdrs.size());
    }

    /** The CPO's POST at the hub's CDRs receiver endpoint: its token C, OCPI-from itself, no OCPI-to. */
    private static LoadRun.Path cdrPath(Cdrs cdrs, java.util.function.LongFunction<String> body,
                                        LoadRun.Outcome outcome) {
        FakePlatform platform = cdrs.cpo().platform();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Token " + AdminApi.base64(cdrs.cpo().tokenC()));
        headers.put("OCPI-from-country-code", platform.countryCode());
        headers.put("OCPI-from-party-id", platform.partyId());
        return new LoadRun.Path(platform.label() + " POST cdrs", HttpMethod.POST, cdrs.cpo().hubUrl("cdrs", "RECEIVER"),
                List.of(), headers, body, outcome);
    }

    private ObjectNode measure(Vertx vertx, int rateIndex, int rate, List<Cdrs> cdrs, PipelineEvents events,
                               ProcessCpu processes, ObjectNode limits) throws Exception {
        List<LoadRun.Path> paths = new ArrayList<>();
        for (Cdrs cpo : cdrs) {
            String prefix = String.format(Locale.ROOT, "%s-%d-%d-", run, rateIndex, cpo.index());
            paths.add(cdrPath(cpo, sequence -> cpo.body(prefix + sequence, sequence),
                    (sequence, intended, measured, failure) -> sent.put(prefix + sequence,
                            new Sent(intended, measured, failure == null))));
        }
        Map<String, Double> cpuStart = new LinkedHashMap<>();
        Map<String, Double> cpuEnd = new LinkedHashMap<>();
        Map<String, Double> rss = new LinkedHashMap<>();
        long[] window = new long[2];
        long[][] counts = new long[2][];
        String[] load = new String[2];
        new LoadRun(vertx).run(paths, rate, options.warmUp, options.seconds, () -> {
            cpuStart.putAll(processes.snapshot());
            window[0] = System.nanoTime();
            counts[0] = stageCounts(events);
            load[0] = loadAverage();
        }, () -> {
            cpuEnd.putAll(processes.snapshot());
            window[1] = System.nanoTime();
            counts[1] = stageCounts(events);
            load[1] = loadAverage();
            rss.putAll(processes.residentMebibytes());
        });
        String prefix = run + "-" + rateIndex + "-";
        long drainStart = System.nanoTime();
        long drainDeadline = drainStart + TimeUnit.SECONDS.toNanos(options.drain);
        while (!nothingLeft(left(prefix, events)) && System.nanoTime() < drainDeadline) {
            Thread.sleep(200);
        }
        double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
        long[] left = left(prefix, events);
        double seconds = (window[1] - window[0]) / 1e9;

        Histogram post = new Histogram(60_000_000L, 3);
        Map<String, Long> refusals = new TreeMap<>();
        long sentInWindow = 0;
        long acceptedInWindow = 0;
        double lateP99 = 0;
        for (LoadRun.Path path : paths) {
            synchronized (path) {
                post.add(path.micros);
                path.failures.forEach((kind, n) -> refusals.merge(kind, n, Long::sum));
                lateP99 = Math.max(lateP99, value(path.lateMicros, 99));
            }
            sentInWindow += path.sent.get();
            acceptedInWindow += path.ok.get();
        }
        Histogram toDelivered = new Histogram(600_000_000L, 3);
        Histogram toRated = new Histogram(600_000_000L, 3);
        Histogram toPosted = new Histogram(600_000_000L, 3);
        long flagged = 0;
        for (Map.Entry<String, Sent> entry : sent.entrySet()) {
            Sent cdr = entry.getValue();
            if (!entry.getKey().startsWith(prefix) || !cdr.measured() || !cdr.accepted()) {
                continue;
            }
            record(toDelivered, delivered.get(entry.getKey()), cdr);
            record(toRated, events.seen(PipelineEvents.RATED).get(entry.getKey()), cdr);
            record(toPosted, events.seen(PipelineEvents.POSTED).get(entry.getKey()), cdr);
            if (events.seen(PipelineEvents.FLAGGED).containsKey(entry.getKey())) {
                flagged++;
            }
        }

        ObjectNode result = mapper.createObjectNode();
        result.put("offered_per_s", rate).put("measured_s", round(seconds)).put("sent", sentInWindow)
                .put("accepted", acceptedInWindow).put("accepted_per_s", round(acceptedInWindow / seconds))
                .put("delivered_per_s", round((counts[1][0] - counts[0][0]) / seconds))
                .put("rated_per_s", round((counts[1][1] - counts[0][1]) / seconds))
                .put("posted_per_s", round((counts[1][2] - counts[0][2]) / seconds))
                .put("flagged", flagged);
        result.set("post_ms", percentiles(post));
        result.set("post_to_delivered_ms", percentiles(toDelivered));
        result.set("post_to_rated_ms", percentiles(toRated));
        result.set("post_to_posted_ms", percentiles(toPosted));
        ObjectNode refused = result.putObject("refusals");
        refusals.forEach(refused::put);
        result.put("client_late_p99_ms", round(lateP99 / 1000));
        result.put("drain_s", round(drainSeconds)).put("drained", nothingLeft(left));
        result.putObject("left_after_drain").put("not_delivered", left[0]).put("not_rated", left[1])
                .put("not_posted", left[2]);
        ObjectNode cpu = result.putObject("cpu");
        double hubCpu = 0;
        for (String name : cpuStart.keySet()) {
            double used = cpuEnd.getOrDefault(name, Double.NaN) - cpuStart.get(name);
            if (!name.startsWith("bench") && !Double.isNaN(used)) {
                hubCpu += used;
            }
            cpu.putObject(name).put("cpu_s", round(used)).put("cores", round(used / seconds))
                    .put("ms_per_cdr", round(used * 1000 / Math.max(1, acceptedInWindow)))
                    .put("rss_mib", round(rss.getOrDefault(name, Double.NaN)));
        }
        result.put("hub_cpu_s", round(hubCpu)).put("hub_cores", round(hubCpu / seconds))
                .put("hub_cpu_ms_per_cdr", round(hubCpu * 1000 / Math.max(1, acceptedInWindow)));
        result.put("load_average_start", load[0]).put("load_average_end", load[1]);
        double posted99 = value(toPosted, 99);
        boolean passed = refusals.isEmpty() && nothingLeft(left) && acceptedInWindow > 0
                && posted99 <= POSTED_P99_LIMIT_MS * 1000;
        result.put("passed", passed);
        double postedPerSecond = result.path("posted_per_s").asDouble();
        result.putObject("ratios")
                .put("posted_per_pg_single_row_commit", round4(postedPerSecond
                        / limits.path("pg_single_row_commits_per_s").asDouble()))
                .put("posted_per_pg_batched_row", round4(postedPerSecond
                        / limits.path("pg_batched_rows_per_s").asDouble()))
                .put("posted_per_kafka_record_produced", round4(postedPerSecond
                        / limits.path("kafka_produced_per_s").asDouble()));
        return result;
    }

    /** Unique CDR ids seen so far at the eMSPs, rated and posted. */
    private long[] stageCounts(PipelineEvents events) {
        return new long[] {delivered.size(), events.seen(PipelineEvents.RATED).size(),
                events.seen(PipelineEvents.POSTED).size()};
    }

    /** Of this rate's accepted CDRs (warm-up included): how many are not yet delivered, rated, posted. */
    private long[] left(String prefix, PipelineEvents events) {
        long[] left = new long[3];
        for (Map.Entry<String, Sent> entry : sent.entrySet()) {
            if (!entry.getKey().startsWith(prefix) || !entry.getValue().accepted()) {
                continue;
            }
            String id = entry.getKey();
            left[0] += delivered.containsKey(id) ? 0 : 1;
            left[1] += events.seen(PipelineEvents.RATED).containsKey(id) ? 0 : 1;
            left[2] += events.seen(PipelineEvents.POSTED).containsKey(id) ? 0 : 1;
        }
        return left;
    }

    private static boolean nothingLeft(long[] left) {
        return left[0] == 0 && left[1] == 0 && left[2] == 0;
    }

    private static void record(Histogram micros, Long seenNanos, Sent cdr) {
        if (seenNanos != null) {
            long value = Math.max(1, (seenNanos - cdr.intendedNanos()) / 1000);
            micros.recordValue(Math.min(value, micros.getHighestTrackableValue()));
        }
    }

    private ObjectNode rawLimits(PgProbe pg) throws Exception {
        ObjectNode limits = mapper.createObjectNode();
        pg.sequential(100, 0);
        limits.put("pg_single_row_commits_per_s", round(pg.commitsPerSecond(3)));
        limits.put("pg_batch_rows", 100);
        limits.put("pg_batched_rows_per_s", round(pg.batchedRowsPerSecond(100, 3)));
        KafkaProbe.Result kafka = KafkaProbe.run(options.kafka, "bench.probe." + run.toLowerCase(Locale.ROOT), 1024,
                200_000, 5);
        limits.put("kafka_record_bytes", kafka.recordBytes()).put("kafka_records", kafka.records())
                .put("kafka_produced_per_s", round(kafka.producedPerSecond()))
                .put("kafka_consumed_per_s", round(kafka.consumedPerSecond()));
        limits.put("load_average", loadAverage());
        log.printf("  PostgreSQL: %.0f single-row commits/s, %.0f rows/s in commits of 100; Kafka: %.0f records/s "
                        + "produced, %.0f consumed (1 KiB)%n", limits.path("pg_single_row_commits_per_s").asDouble(),
                limits.path("pg_batched_rows_per_s").asDouble(), kafka.producedPerSecond(),
                kafka.consumedPerSecond());
        return limits;
    }

    private String header(ObjectNode limits) {
        return String.format(Locale.ROOT, "## %s: %s%n%n%s%n%nCommand: `%s`; commit %s; %d CPOs, %d eMSPs; %d s "
                                + "warm-up, %d s measured per rate, up to %d s to drain; client timeout %d s; latencies"
                                + " from the intended send time.%n", LocalDate.now(ZoneOffset.UTC), options.title,
                        machine(), options.command, options.commit, options.cpos, options.emsps, options.warmUp,
                        options.seconds, options.drain, LoadRun.TIMEOUT_MS / 1000)
                + (options.note == null ? "" : "\n" + options.note + "\n")
                + String.format(Locale.ROOT, "%nThe machine's raw limits, measured before the load on the idle hub "
                                + "(load average %s): PostgreSQL **%,.0f single-row commits/s** and **%,.0f rows/s** in "
                                + "commits of %d rows; Kafka **%,.0f records/s produced** and **%,.0f consumed** (%d-byte "
                                + "records, one client each).%n%n", limits.path("load_average").asText(),
                        limits.path("pg_single_row_commits_per_s").asDouble(),
                        limits.path("pg_batched_rows_per_s").asDouble(), limits.path("pg_batch_rows").asInt(),
                        limits.path("kafka_produced_per_s").asDouble(), limits.path("kafka_consumed_per_s").asDouble(),
                        limits.path("kafka_record_bytes").asInt())
                + "| offered/s | accepted/s | delivered/s | rated/s | posted/s | POST ms p50 / p90 / p99 | "
                + "POST→delivered ms p50 / p90 / p99 | POST→rated ms p50 / p90 / p99 | POST→posted ms p50 / p90 / p99 "
                + "| refusals | left after drain (not delivered / rated / posted) | hub CPU ms per CDR | hub cores "
                + "| posted/s ÷ PG commits/s |\n"
                + "|---:|---:|---:|---:|---:|---|---|---|---|---|---|---:|---:|---:|\n";
    }

    private static String row(ObjectNode r) {
        ObjectNode left = (ObjectNode) r.path("left_after_drain");
        return String.format(Locale.ROOT, "| %d | %.1f | %.1f | %.1f | %.1f | %s | %s | %s | %s | %s | %d / %d / %d "
                        + "(%.0f s) | %.1f | %.2f | %.3f |%n", r.path("offered_per_s").asInt(),
                r.path("accepted_per_s").asDouble(), r.path("delivered_per_s").asDouble(),
                r.path("rated_per_s").asDouble(), r.path("posted_per_s").asDouble(), triple(r.path("post_ms")),
                triple(r.path("post_to_delivered_ms")), triple(r.path("post_to_rated_ms")),
                triple(r.path("post_to_posted_ms")), refusals(r), left.path("not_delivered").asLong(),
                left.path("not_rated").asLong(), left.path("not_posted").asLong(), r.path("drain_s").asDouble(),
                r.path("hub_cpu_ms_per_cdr").asDouble(), r.path("hub_cores").asDouble(),
                r.path("ratios").path("posted_per_pg_single_row_commit").asDouble());
    }

    private static String legend() {
        return "\nAccepted/s counts the POSTs of the measured window answered HTTP 200 with OCPI 1000; delivered/s, "
                + "rated/s and posted/s count the CDRs first seen in the window at the fake eMSPs, on "
                + "`rating.cdr-rated.v1` and on `settlement.posting.v1` (warm-up stragglers included). Percentiles "
                + "are of the window's accepted CDRs, from the POST's intended send time; a CDR never seen is left "
                + "out of them and counted under \"left after drain\" (warm-up CDRs included there). Hub CPU per CDR "
                + "divides every hub process's CPU seconds in the window by the CDRs accepted in it.\n";
    }

    private static String processTable(ObjectNode r) {
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "%n%d CDRs/s offered: CPU in the %.1f s "
                        + "window and resident memory at its end; load average %s at the start, %s at the end; "
                        + "bench client late p99 %.2f ms; %d CDRs flagged instead of rated.%n%n",
                r.path("offered_per_s").asInt(), r.path("measured_s").asDouble(),
                r.path("load_average_start").asText(), r.path("load_average_end").asText(),
                r.path("client_late_p99_ms").asDouble(), r.path("flagged").asLong()));
        md.append("| process | CPU s | cores busy | CPU ms per CDR | RSS MiB |\n|---|---:|---:|---:|---:|\n");
        r.path("cpu").fields().forEachRemaining(entry -> md.append(String.format(Locale.ROOT,
                "| %s | %.2f | %.2f | %.2f | %.0f |%n", entry.getKey(), entry.getValue().path("cpu_s").asDouble(),
                entry.getValue().path("cores").asDouble(), entry.getValue().path("ms_per_cdr").asDouble(),
                entry.getValue().path("rss_mib").asDouble())));
        md.append(String.format(Locale.ROOT, "| **hub, all processes** | **%.2f** | **%.2f** | **%.2f** | |%n",
                r.path("hub_cpu_s").asDouble(), r.path("hub_cores").asDouble(),
                r.path("hub_cpu_ms_per_cdr").asDouble()));
        return md.toString();
    }

    private static String summary(ObjectNode r) {
        return String.format(Locale.ROOT, "%s: accepted %.1f/s, posted %.1f/s, POST p99 %s ms, POST→posted p99 %s ms,"
                        + " refusals %s, left %s", r.path("passed").asBoolean() ? "passed" : "did not pass",
                r.path("accepted_per_s").asDouble(), r.path("posted_per_s").asDouble(),
                r.path("post_ms").path("p99").asText("-"), r.path("post_to_posted_ms").path("p99").asText("-"),
                refusals(r), r.path("left_after_drain"));
    }

    private static String triple(com.fasterxml.jackson.databind.JsonNode ms) {
        if (!ms.has("p50")) {
            return "-";
        }
        return fmt(ms.path("p50").asDouble()) + " / " + fmt(ms.path("p90").asDouble()) + " / "
                + fmt(ms.path("p99").asDouble());
    }

    private static String fmt(double ms) {
        return String.format(Locale.ROOT, ms >= 100 ? "%,.0f" : "%.1f", ms);
    }

    private static String refusals(ObjectNode r) {
        List<String> kinds = new ArrayList<>();
        r.path("refusals").fields().forEachRemaining(entry -> kinds.add(entry.getKey() + ": "
                + String.format(Locale.ROOT, "%,d", entry.getValue().asLong())));
        return kinds.isEmpty() ? "none" : String.join(", ", kinds);
    }

    private ObjectNode percentiles(Histogram micros) {
        ObjectNode node = mapper.createObjectNode().put("count", micros.getTotalCount());
        if (micros.getTotalCount() > 0) {
            for (int p : new int[] {50, 90, 99}) {
                node.put("p" + p, round(value(micros, p) / 1000));
            }
            node.put("max", round(value(micros, 100) / 1000));
        }
        return node;
    }

    private static double round(double value) {
        return Double.isNaN(value) ? value : Math.round(value * 100) / 100.0;
    }

    private static double round4(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? 0 : Math.round(value * 10_000) / 10_000.0;
    }

    private static void write(Path file, String text) throws java.io.IOException {
        if (file != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        }
    }

    /** The command line, with the defaults {@code scripts/bench pipeline} documents. */
    static final class Options {

        static final String USAGE = """
                usage: PipelineBench [--rate N | --rates N,M,... | --find-max] [--duration S] [--warmup S] [--drain S]
                                     [--cpos N] [--emsps M] [--hub-home DIR] [--pg-port P] [--kafka-port P]
                                     [--markdown FILE] [--json FILE] [--title T] [--note T] [--command T] [--commit C]
                  --rate N        CDRs per second offered in total, over all CPOs (default 30)
                  --rates N,M     several rates, one after the other (each with its own warm-up and drain)
                  --find-max      step the rate up (25, 50, 100, ... 3200, or --rates) until p99 POST→posted passes
                                  2 s, a POST is refused or times out, or CDRs are left after the drain
                  --duration S    measured seconds per rate (default 30)
                  --warmup S      unrecorded seconds before each measurement (default 10)
                  --drain S       at most this long, after the load, for every accepted CDR to be delivered and posted
                                  (default 60)
                  --cpos N        fake CPOs posting CDRs (default 4); --emsps M  fake eMSPs receiving them (default 4)
                  --hub-home DIR  the hub's CHARGECLEAR_HOME, for the processes' CPU and memory (pid files)
                  --pg-port P     the hub's PostgreSQL port (default CHARGECLEAR_PG_PORT or 15432)
                  --kafka-port P  the hub's Kafka port (default CHARGECLEAR_KAFKA_PORT or 19092)
                  --markdown F    also write the results section to F; --json F  and the results as JSON to F""";

        List<Integer> rates;
        boolean findMax;
        int seconds = 30;
        int warmUp = 10;
        int drain = 60;
        int cpos = 4;
        int emsps = 4;
        Path hubHome;
        Path markdown;
        Path json;
        String jdbcUrl;
        String kafka;
        String title = "results";
        String note;
        String command = "scripts/bench pipeline";
        String commit = "unknown";

        static Options parse(String[] args) {
            Options options = new Options();
            String pgPort = System.getenv().getOrDefault("CHARGECLEAR_PG_PORT", "15432");
            String kafkaPort = System.getenv().getOrDefault("CHARGECLEAR_KAFKA_PORT", "19092");
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (name.equals("--find-max")) {
                    options.findMax = true;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                String value = args[++i];
                switch (name) {
                    case "--rate" -> options.rates = List.of(HopBench.Options.positive(name, value));
                    case "--rates" -> {
                        List<Integer> rates = new ArrayList<>();
                        for (String rate : value.split(",")) {
                            rates.add(HopBench.Options.positive(name, rate.trim()));
                        }
                        options.rates = List.copyOf(rates);
                    }
                    case "--duration" -> options.seconds = HopBench.Options.positive(name, value);
                    case "--warmup" -> options.warmUp = Integer.parseInt(value);
                    case "--drain" -> options.drain = HopBench.Options.positive(name, value);
                    case "--cpos" -> options.cpos = within(name, value, 99);
                    case "--emsps" -> options.emsps = within(name, value, 99);
                    case "--hub-home" -> options.hubHome = Path.of(value);
                    case "--pg-port" -> pgPort = value;
                    case "--kafka-port" -> kafkaPort = value;
                    case "--markdown" -> options.markdown = Path.of(value);
                    case "--json" -> options.json = Path.of(value);
                    case "--title" -> options.title = value;
                    case "--note" -> options.note = value;
                    case "--command" -> options.command = value;
                    case "--commit" -> options.commit = value;
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            options.jdbcUrl = "jdbc:postgresql://127.0.0.1:" + pgPort + "/chargeclear";
            options.kafka = "127.0.0.1:" + kafkaPort;
            return options;
        }

        private static int within(String name, String value, int max) {
            int number = HopBench.Options.positive(name, value);
            if (number > max) {
                throw new IllegalArgumentException(name + " takes at most " + max + ", not " + value);
            }
            return number;
        }
    }
}
