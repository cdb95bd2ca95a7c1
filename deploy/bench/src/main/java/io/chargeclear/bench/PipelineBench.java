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
 * the machine itself can do. With {@code --find-max} the rate steps up until the pipeline no longer keeps up. With
 * {@code --burst F} the window holds a burst of F times the rate for {@value #BURST_S} s between stretches at the rate,
 * to see what the hub refuses and how fast, whether it loses anything it accepted and how soon it catches up.
 */
public final class PipelineBench {

    /**
     * A run passes when p99 POST→posted stays within this, nothing is refused and every accepted CDR gets delivered,
     * rated and posted within the drain.
     */
    static final long POSTED_P99_LIMIT_MS = 2_000;
    /** A burst run's phases: this long at the rate before the burst, this long at the burst's rate, the rest after. */
    static final int BURST_BEFORE_S = 10;
    static final int BURST_S = 10;
    /**
     * The goal a burst run checks (issue 15): a POST the hub cannot take is refused within this (p99 from the intended
     * send time), and every CDR accepted up to the burst's end is posted within {@link #BURST_RECOVERY_LIMIT_S} of it.
     */
    static final long BURST_REFUSED_P99_LIMIT_MS = 100;
    static final long BURST_RECOVERY_LIMIT_S = 60;
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

    /** {@code failure} is null when the POST was accepted (HTTP 200, OCPI 1000), else its kind, e.g. HTTP 503. */
    private record Sent(long intendedNanos, long endedNanos, boolean measured, String failure) {

        boolean accepted() {
            return failure == null;
        }
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
                    .put("find_max", options.findMax);
            if (options.burst != null) {
                json.put("burst_factor", options.burst);
            }
            json.set("raw_limits", limits);
            ArrayNode runs = json.putArray("runs");
            markdown.append(header(limits));
            ProcessCpu processes = ProcessCpu.of(options.hubHome);
            List<Integer> rates = options.rates != null ? options.rates
                    : options.findMax ? FIND_MAX_RATES : List.of(30);
            Integer lastPassed = null;
            StringBuilder details = new StringBuilder();
            for (int index = 0; index < rates.size(); index++) {
                int rate = rates.get(index);
                if (options.burst == null) {
                    log.printf("%d CDRs/s offered: %d s warm-up, %d s measured, then up to %d s to drain%n", rate,
                            options.warmUp, options.seconds, options.drain);
                } else {
                    log.printf("%d CDRs/s offered with a burst: %d s warm-up, then %s; then up to %d s to drain%n",
                            rate, options.warmUp, phasesText(burstPhases(rate, options.burst, options.seconds)),
                            options.drain);
                }
                ObjectNode result = measure(vertx, index, rate, cdrs, events, processes, limits);
                runs.add(result);
                markdown.append(row(result));
                if (result.has("burst")) {
                    details.append(burstSection(result));
                }
                details.append(processTable(result));
                boolean passed = result.path("passed").asBoolean();
                log.printf("  %s%n", summary(result));
                if (result.has("burst")) {
                    log.printf("  %s%n", burstSummary(result.path("burst")));
                }
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
        // one hour, 11 kWh: 3.30 EUR excl. VAT, 3.99 incl., as the tariff prices it (OCPI 2.2.1 §cdrs "CDR Object");
        // authorized in real time, as most roaming sessions are, so each CDR carries an authorization_reference
        String template = """
                {"country_code": "NL", "party_id": "%s", "id": "{CDR_ID}", "start_date_time": "%s",
                 "end_date_time": "%s", "session_id": "{CDR_ID}",
                 "cdr_token": {"country_code": "DE", "party_id": "{EMSP}", "uid": "%s", "type": "RFID",
                   "contract_id": "DE-{EMSP}-C1"},
                 "auth_method": "AUTH_REQUEST", "authorization_reference": "{CDR_ID}",
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
                    (sequence, intended, ended, measured, failure) -> sent.put(prefix + sequence,
                            new Sent(intended, ended, measured, failure))));
        }
        Map<String, Double> cpuStart = new LinkedHashMap<>();
        Map<String, Double> cpuEnd = new LinkedHashMap<>();
        Map<String, Double> rss = new LinkedHashMap<>();
        long[] window = new long[2];
        long[][] counts = new long[2][];
        String[] loadAverage = new String[2];
        LoadRun load = new LoadRun(vertx);
        List<LoadRun.Phase> phases = options.burst == null
                ? List.of(new LoadRun.Phase("measured", rate, options.seconds))
                : burstPhases(rate, options.burst, options.seconds);
        load.run(paths, options.warmUp, phases, () -> {
            cpuStart.putAll(processes.snapshot());
            window[0] = System.nanoTime();
            counts[0] = stageCounts(events);
            loadAverage[0] = loadAverage();
        }, () -> {
            cpuEnd.putAll(processes.snapshot());
            window[1] = System.nanoTime();
            counts[1] = stageCounts(events);
            loadAverage[1] = loadAverage();
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
        result.put("load_average_start", loadAverage[0]).put("load_average_end", loadAverage[1]);
        double posted99 = value(toPosted, 99);
        boolean passed = refusals.isEmpty() && nothingLeft(left) && acceptedInWindow > 0
                && posted99 <= POSTED_P99_LIMIT_MS * 1000;
        if (options.burst != null) {
            ObjectNode burst = burstFigures(prefix, phases, load.phaseBoundaries(), events);
            result.set("burst", burst);
            passed = burst.path("goal").path("met").asBoolean();
        }
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

    /**
     * The measured window of a burst run: {@link #BURST_BEFORE_S} at {@code rate}, {@link #BURST_S} at
     * {@code factor × rate}, the rest of {@code seconds} at {@code rate} again.
     */
    static List<LoadRun.Phase> burstPhases(int rate, double factor, int seconds) {
        return List.of(new LoadRun.Phase("before", rate, BURST_BEFORE_S),
                new LoadRun.Phase("burst", burstRate(rate, factor), BURST_S),
                new LoadRun.Phase("after", rate, seconds - BURST_BEFORE_S - BURST_S));
    }

    static int burstRate(int rate, double factor) {
        return (int) Math.max(1, Math.round(rate * factor));
    }

    private static String phasesText(List<LoadRun.Phase> phases) {
        List<String> parts = new ArrayList<>();
        for (LoadRun.Phase phase : phases) {
            parts.add(String.format(Locale.ROOT, "%s %d/s for %d s", phase.name(), phase.rate(), phase.seconds()));
        }
        return String.join(", ", parts);
    }

    /**
     * What a burst did to the hub, from this rate's CDRs ({@code prefix}): per phase (by intended send time) the POSTs
     * offered, accepted and refused, how fast the refusals were answered, the CDRs first delivered and posted in it;
     * the accepted CDRs lost; how long after the burst's end the pipeline had caught up with everything accepted until
     * then; and whether that meets the goal (refused within {@value #BURST_REFUSED_P99_LIMIT_MS} ms at p99, nothing
     * lost, caught up within {@value #BURST_RECOVERY_LIMIT_S} s).
     */
    private ObjectNode burstFigures(String prefix, List<LoadRun.Phase> phases, long[] boundaries,
                                    PipelineEvents events) {
        int count = phases.size();
        long[] offered = new long[count];
        long[] accepted = new long[count];
        List<Histogram> refusedByPhase = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            refusedByPhase.add(new Histogram(600_000_000L, 3));
        }
        Histogram refused = new Histogram(600_000_000L, 3);
        Map<String, Histogram> refusedByKind = new TreeMap<>();
        Map<String, Long> rated = events.seen(PipelineEvents.RATED);
        Map<String, Long> posted = events.seen(PipelineEvents.POSTED);
        long burstEnd = boundaries[2];
        long[] lost = new long[4];
        Long lastPosted = burstEnd;
        Long lastDelivered = burstEnd;
        for (Map.Entry<String, Sent> entry : sent.entrySet()) {
            String id = entry.getKey();
            Sent cdr = entry.getValue();
            if (!id.startsWith(prefix)) {
                continue;
            }
            if (cdr.accepted()) {
                Long deliveredAt = delivered.get(id);
                Long postedAt = posted.get(id);
                boolean notRated = !rated.containsKey(id);
                lost[0] += deliveredAt == null || notRated || postedAt == null ? 1 : 0;
                lost[1] += deliveredAt == null ? 1 : 0;
                lost[2] += notRated ? 1 : 0;
                lost[3] += postedAt == null ? 1 : 0;
                if (cdr.intendedNanos() < burstEnd) {
                    lastPosted = postedAt == null || lastPosted == null ? null : Math.max(lastPosted, postedAt);
                    lastDelivered = deliveredAt == null || lastDelivered == null ? null
                            : Math.max(lastDelivered, deliveredAt);
                }
            }
            int phase = cdr.measured() ? phaseOf(boundaries, cdr.intendedNanos()) : -1;
            if (phase < 0) {
                continue;
            }
            offered[phase]++;
            if (cdr.accepted()) {
                accepted[phase]++;
            } else {
                long micros = Math.max(1, (cdr.endedNanos() - cdr.intendedNanos()) / 1000);
                for (Histogram histogram : List.of(refusedByPhase.get(phase), refused,
                        refusedByKind.computeIfAbsent(cdr.failure(), kind -> new Histogram(600_000_000L, 3)))) {
                    histogram.recordValue(Math.min(micros, histogram.getHighestTrackableValue()));
                }
            }
        }
        long[] deliveredIn = firstSeenPerPhase(delivered, prefix, boundaries);
        long[] postedIn = firstSeenPerPhase(posted, prefix, boundaries);

        ObjectNode burst = mapper.createObjectNode().put("factor", options.burst)
                .put("rate", phases.get(0).rate()).put("burst_rate", phases.get(1).rate());
        ArrayNode phaseNodes = burst.putArray("phases");
        for (int i = 0; i < count; i++) {
            double seconds = phases.get(i).seconds();
            long refusedCount = offered[i] - accepted[i];
            ObjectNode node = phaseNodes.addObject().put("name", phases.get(i).name()).put("seconds", seconds)
                    .put("rate", phases.get(i).rate()).put("offered", offered[i]).put("accepted", accepted[i])
                    .put("refused", refusedCount).put("offered_per_s", perSecond(offered[i], seconds))
                    .put("accepted_per_s", perSecond(accepted[i], seconds))
                    .put("refused_per_s", perSecond(refusedCount, seconds))
                    .put("delivered_per_s", perSecond(deliveredIn[i], seconds))
                    .put("posted_per_s", perSecond(postedIn[i], seconds));
            node.set("refused_ms", percentiles(refusedByPhase.get(i)));
        }
        burst.set("refused_ms", percentiles(refused));
        ObjectNode kinds = burst.putObject("refused_ms_by_kind");
        refusedByKind.forEach((kind, micros) -> kinds.set(kind, percentiles(micros)));
        burst.putObject("lost").put("count", lost[0]).put("not_delivered", lost[1]).put("not_rated", lost[2])
                .put("not_posted", lost[3]);
        ObjectNode recovery = burst.putObject("recovery_s");
        recovery.put("posted", recoverySeconds(lastPosted, burstEnd))
                .put("delivered", recoverySeconds(lastDelivered, burstEnd))
                .put("after_phase_s", phases.get(count - 1).seconds());
        boolean refusedInTime = refused.getTotalCount() == 0
                || value(refused, 99) <= BURST_REFUSED_P99_LIMIT_MS * 1000;
        boolean nothingLost = lost[0] == 0;
        boolean recovered = lastPosted != null
                && (lastPosted - burstEnd) <= TimeUnit.SECONDS.toNanos(BURST_RECOVERY_LIMIT_S);
        burst.putObject("goal").put("refused_p99_within_ms", BURST_REFUSED_P99_LIMIT_MS)
                .put("recovered_within_s", BURST_RECOVERY_LIMIT_S).put("refused_in_time", refusedInTime)
                .put("nothing_lost", nothingLost).put("recovered", recovered)
                .put("met", refusedInTime && nothingLost && recovered);
        return burst;
    }

    /** The measured phase {@code nanos} falls in, or -1 outside the window. */
    private static int phaseOf(long[] boundaries, long nanos) {
        for (int i = 0; i + 1 < boundaries.length; i++) {
            if (nanos >= boundaries[i] && nanos < boundaries[i + 1]) {
                return i;
            }
        }
        return -1;
    }

    /** Of this rate's CDRs ({@code prefix}), how many were first seen in each measured phase. */
    private static long[] firstSeenPerPhase(Map<String, Long> seen, String prefix, long[] boundaries) {
        long[] counts = new long[boundaries.length - 1];
        seen.forEach((id, nanos) -> {
            int phase = id.startsWith(prefix) ? phaseOf(boundaries, nanos) : -1;
            if (phase >= 0) {
                counts[phase]++;
            }
        });
        return counts;
    }

    private static double perSecond(long count, double seconds) {
        return seconds <= 0 ? 0 : round(count / seconds);
    }

    /** Seconds from the burst's end to {@code last} (never below 0), or null when not everything got there. */
    private static Double recoverySeconds(Long last, long burstEnd) {
        return last == null ? null : round(Math.max(0, last - burstEnd) / 1e9);
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
        String offered = r.has("burst") ? String.format(Locale.ROOT, "%d, burst %s×", r.path("offered_per_s").asInt(),
                factor(r.path("burst").path("factor").asDouble())) : Integer.toString(r.path("offered_per_s").asInt());
        return String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f | %s | %s | %s | %s | %s | %d / %d / %d "
                        + "(%.0f s) | %.1f | %.2f | %.3f |%n", offered,
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

    /** A burst run's own figures: per phase, the refusals by kind, what was lost, the recovery and the goal. */
    private static String burstSection(ObjectNode r) {
        com.fasterxml.jackson.databind.JsonNode burst = r.path("burst");
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "%n**Burst** of %s× the rate: ",
                factor(burst.path("factor").asDouble())));
        List<String> phases = new ArrayList<>();
        burst.path("phases").forEach(phase -> phases.add(String.format(Locale.ROOT, "%s %d CDRs/s for %.0f s",
                phase.path("name").asText(), phase.path("rate").asInt(), phase.path("seconds").asDouble())));
        md.append(String.join(", ", phases)).append(". Each POST counts in the phase of its intended send time; "
                + "refused is every answer but HTTP 200 with "
                + "OCPI 1000, timeouts and connection failures included; delivered/s and posted/s count this run's CDRs "
                + "first seen in the phase.\n\n");
        md.append("| phase | s | offered/s | accepted/s | refused/s | refused answer ms p50 / p99 / max | delivered/s "
                + "| posted/s |\n|---|---:|---:|---:|---:|---|---:|---:|\n");
        burst.path("phases").forEach(phase -> md.append(String.format(Locale.ROOT,
                "| %s | %.0f | %.1f | %.1f | %.1f | %s | %.1f | %.1f |%n", phase.path("name").asText(),
                phase.path("seconds").asDouble(), phase.path("offered_per_s").asDouble(),
                phase.path("accepted_per_s").asDouble(), phase.path("refused_per_s").asDouble(),
                answerTimes(phase.path("refused_ms")), phase.path("delivered_per_s").asDouble(),
                phase.path("posted_per_s").asDouble())));
        if (burst.path("refused_ms").path("count").asLong() == 0) {
            md.append("\nNo POST of the measured window was refused.\n");
        } else {
            md.append("\nRefused POSTs of the measured window by kind, answer time from the intended send time:\n\n"
                    + "| kind | count | ms p50 / p99 / max |\n|---|---:|---|\n");
            burst.path("refused_ms_by_kind").fields().forEachRemaining(kind -> md.append(String.format(Locale.ROOT,
                    "| %s | %,d | %s |%n", kind.getKey(), kind.getValue().path("count").asLong(),
                    answerTimes(kind.getValue()))));
            md.append(String.format(Locale.ROOT, "| **all** | **%,d** | **%s** |%n",
                    burst.path("refused_ms").path("count").asLong(), answerTimes(burst.path("refused_ms"))));
        }
        com.fasterxml.jackson.databind.JsonNode lost = burst.path("lost");
        md.append(String.format(Locale.ROOT, "%n- **Accepted CDRs lost** (accepted, warm-up included, and after the "
                        + "drain not delivered, rated or posted): **%d** (not delivered %d, not rated %d, not posted %d)"
                        + ".%n", lost.path("count").asLong(), lost.path("not_delivered").asLong(),
                lost.path("not_rated").asLong(), lost.path("not_posted").asLong()));
        com.fasterxml.jackson.databind.JsonNode recovery = burst.path("recovery_s");
        md.append("- **Recovery**: every CDR accepted up to the burst's end was posted ")
                .append(recoveryText(recovery.path("posted"), recovery.path("after_phase_s").asInt()))
                .append("; delivered ")
                .append(recoveryText(recovery.path("delivered"), recovery.path("after_phase_s").asInt()))
                .append(".\n");
        com.fasterxml.jackson.databind.JsonNode goal = burst.path("goal");
        List<String> missed = new ArrayList<>();
        if (!goal.path("refused_in_time").asBoolean()) {
            missed.add("refusals p99 above " + goal.path("refused_p99_within_ms").asLong() + " ms");
        }
        if (!goal.path("nothing_lost").asBoolean()) {
            missed.add("accepted CDRs lost");
        }
        if (!goal.path("recovered").asBoolean()) {
            missed.add("not caught up within " + goal.path("recovered_within_s").asLong() + " s");
        }
        md.append(String.format(Locale.ROOT, "- **Goal** (the excess refused within %d ms at p99, nothing accepted "
                        + "lost, everything accepted up to the burst's end posted within %d s of its end): %s.%n",
                goal.path("refused_p99_within_ms").asLong(), goal.path("recovered_within_s").asLong(),
                missed.isEmpty() ? "**met**" : "**not met**: " + String.join(", ", missed)));
        return md.toString();
    }

    private static String answerTimes(com.fasterxml.jackson.databind.JsonNode ms) {
        if (!ms.has("p50")) {
            return "-";
        }
        return fmt(ms.path("p50").asDouble()) + " / " + fmt(ms.path("p99").asDouble()) + " / "
                + fmt(ms.path("max").asDouble());
    }

    /** "12.3 s after the burst's end, under the after phase's load" or "…, in the drain", or never. */
    private static String recoveryText(com.fasterxml.jackson.databind.JsonNode seconds, int afterPhaseSeconds) {
        if (seconds.isNull() || seconds.isMissingNode()) {
            return "**not all within the drain**";
        }
        double value = seconds.asDouble();
        return String.format(Locale.ROOT, "**%.1f s** after the burst's end (%s)", value,
                value <= afterPhaseSeconds ? "under the after phase's load"
                        : "after the " + afterPhaseSeconds + " s after phase, in the drain without load");
    }

    private static String burstSummary(com.fasterxml.jackson.databind.JsonNode burst) {
        List<String> phases = new ArrayList<>();
        burst.path("phases").forEach(phase -> phases.add(String.format(Locale.ROOT,
                "%s offered %.1f/s accepted %.1f/s refused %.1f/s", phase.path("name").asText(),
                phase.path("offered_per_s").asDouble(), phase.path("accepted_per_s").asDouble(),
                phase.path("refused_per_s").asDouble())));
        com.fasterxml.jackson.databind.JsonNode recovery = burst.path("recovery_s");
        return String.format(Locale.ROOT, "burst %s; refused answer ms p50/p99/max %s; lost %d; recovered (posted) "
                        + "%s s, (delivered) %s s after the burst; goal %s", String.join("; ", phases),
                answerTimes(burst.path("refused_ms")), burst.path("lost").path("count").asLong(),
                recovery.path("posted").isNull() ? "never" : recovery.path("posted").asText(),
                recovery.path("delivered").isNull() ? "never" : recovery.path("delivered").asText(),
                burst.path("goal").path("met").asBoolean() ? "met" : "not met");
    }

    /** A burst factor as given: 3 rather than 3.0, 2.5 as it is. */
    private static String factor(double factor) {
        return factor == Math.rint(factor) ? Long.toString((long) factor) : Double.toString(factor);
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
                usage: PipelineBench [--rate N [--burst F] | --rates N,M,... | --find-max] [--duration S] [--warmup S]
                                     [--drain S]
                                     [--cpos N] [--emsps M] [--hub-home DIR] [--pg-port P] [--kafka-port P]
                                     [--markdown FILE] [--json FILE] [--title T] [--note T] [--command T] [--commit C]
                  --rate N        CDRs per second offered in total, over all CPOs (default 30)
                  --rates N,M     several rates, one after the other (each with its own warm-up and drain)
                  --find-max      step the rate up (25, 50, 100, ... 3200, or --rates) until p99 POST→posted passes
                                  2 s, a POST is refused or times out, or CDRs are left after the drain
                  --burst F       with one rate R: after the warm-up at R, R for 10 s, F × R for 10 s (the burst), R for
                                  the rest of --duration (more than 20 s); reports per phase offered, accepted and
                                  refused per second, how fast refusals were answered, accepted CDRs lost and how
                                  long after the burst everything accepted until then was delivered and posted
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
        /** The burst's factor over the rate, or null for a run at a fixed rate. */
        Double burst;
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
                    case "--burst" -> options.burst = factor(name, value);
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
            if (options.burst != null) {
                if (options.findMax || options.rates != null && options.rates.size() != 1) {
                    throw new IllegalArgumentException("--burst takes one rate (--rate N), not --rates or --find-max");
                }
                if (options.seconds <= BURST_BEFORE_S + BURST_S) {
                    throw new IllegalArgumentException("--burst needs --duration above " + (BURST_BEFORE_S + BURST_S)
                            + " s (" + BURST_BEFORE_S + " s before the burst, " + BURST_S
                            + " s of it, the rest after), not " + options.seconds);
                }
            }
            options.jdbcUrl = "jdbc:postgresql://127.0.0.1:" + pgPort + "/chargeclear";
            options.kafka = "127.0.0.1:" + kafkaPort;
            return options;
        }

        private static double factor(String name, String value) {
            double factor;
            try {
                factor = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " takes a number, e.g. 3, not " + value);
            }
            if (!(factor > 0) || Double.isInfinite(factor)) {
                throw new IllegalArgumentException(name + " takes a positive number, not " + value);
            }
            return factor;
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
