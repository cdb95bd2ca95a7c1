package io.chargeclear.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chargeclear.model.ocpi.OcpiJson;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.PoolOptions;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

/**
 * An open-loop load at a fixed total rate, or at a schedule of constant rates one after the other, the paths taking
 * turns: within a stretch at {@code rate} that starts at {@code t0}, its request {@code j} is sent at
 * {@code t0 + j/rate} seconds, and request {@code k} of the whole run goes to path {@code k mod paths}, so with
 * {@code n} paths each gets {@code rate/n} requests per second, their send times spread evenly. A request's latency
 * runs from the time it was <em>scheduled</em> to be sent to the end of its answer, so a stalled client or server shows
 * up in the figures instead of silently lowering the load (no coordinated omission). Each path has its own Vert.x HTTP
 * client with a pool large enough that requests never queue behind the client's own connections.
 */
final class LoadRun {

    static final long TIMEOUT_MS = 10_000;
    /** Connections per path: at 500/s and 2 s answers a path needs 1,000 in flight before it queues in the client. */
    static final int POOL_SIZE = 1024;

    private final Vertx vertx;
    private final ObjectMapper mapper = OcpiJson.mapper();
    private final AtomicLong outstanding = new AtomicLong();

    LoadRun(Vertx vertx) {
        this.vertx = vertx;
    }

    /**
     * What became of one request, for a benchmark that follows each request further than its answer (e.g. a CDR
     * through the pipeline behind the hub). Called on an event loop; {@code failure} is null when the answer was OK.
     */
    @FunctionalInterface
    interface Outcome {
        /** {@code endedNanos}: when the answer ended, failed or timed out, on the {@link System#nanoTime()} clock. */
        void of(long sequence, long intendedNanos, long endedNanos, boolean measured, String failure);
    }

    /**
     * A stretch of the measured window at one constant rate, e.g. a burst: {@code name} labels it in the results.
     * {@code seconds} may be 0 (nothing is sent in it).
     */
    record Phase(String name, int rate, int seconds) {

        Phase {
            if (rate <= 0 || seconds < 0) {
                throw new IllegalArgumentException("a phase needs a positive rate and seconds >= 0: " + rate + "/s, "
                        + seconds + " s");
            }
        }
    }

    /** One path under load: where its requests go and what became of those sent in the measured window. */
    static final class Path {
        final String name;
        final HttpMethod method;
        final String url;
        final Map<String, String> headers;
        /** The body of this path's request number {@code n} (0, 1, …), or null for none. */
        final LongFunction<String> body;
        final Outcome outcome;
        /** Every measured request, failures at the moment they failed (a timeout at 10 s), in microseconds. */
        final Histogram micros = new Histogram(60_000_000L, 3);
        /**
         * How late each measured request left the client (on its event loop) after its intended send time, in
         * microseconds: near zero when the client is not the bottleneck.
         */
        final Histogram lateMicros = new Histogram(60_000_000L, 3);
        final AtomicLong sent = new AtomicLong();
        final AtomicLong ok = new AtomicLong();
        /** Requests of this path sent and not yet ended, and the most there were at once. */
        final AtomicLong inFlight = new AtomicLong();
        final AtomicLong maxInFlight = new AtomicLong();
        final Map<String, Long> failures = new TreeMap<>();
        /** Values substituted for {@code {uid}} in the URL, one request after the other. */
        final List<String> uids;
        private long next;
        private long nextBody;
        HttpClient client;
        Context context;
        URI uri;

        Path(String name, HttpMethod method, String url, List<String> uids, Map<String, String> headers,
             String body) {
            this(name, method, url, uids, headers, body == null ? null : sequence -> body, null);
        }

        /** A path whose every request carries its own body, e.g. a CDR with a fresh id, and reports its outcome. */
        Path(String name, HttpMethod method, String url, List<String> uids, Map<String, String> headers,
             LongFunction<String> body, Outcome outcome) {
            this.name = name;
            this.uids = uids.isEmpty() ? List.of("") : List.copyOf(uids);
            this.method = method;
            this.url = url.replace("://localhost:", "://127.0.0.1:");
            this.headers = headers;
            this.body = body;
            this.outcome = outcome;
        }

        /** The number of the next request's body, 0 for the first of this path. */
        synchronized long nextBodySequence() {
            return nextBody++;
        }

        /** The request URI of the next request: path and query, the next uid in place of {@code {uid}}. */
        synchronized String nextRequestUri() {
            String uid = uids.get((int) (next++ % uids.size()));
            return (uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()))
                    .replace("%7Buid%7D", uid).replace("{uid}", uid);
        }

        synchronized void record(long micros, String failure) {
            this.micros.recordValue(Math.max(1, Math.min(micros, this.micros.getHighestTrackableValue())));
            if (failure == null) {
                ok.incrementAndGet();
            } else {
                failures.merge(failure, 1L, Long::sum);
            }
        }

        synchronized long failureCount() {
            return failures.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** The start of each measured phase of the last run, and the end of the last, on the nanoTime clock. */
    private long[] phaseBoundaries = new long[0];

    /**
     * Runs the paths at {@code rate} requests per second in total (the paths taking turns): {@code warmUpSeconds}
     * unrecorded, then {@code seconds} recorded; {@code atMeasureStart} and {@code atMeasureEnd} run on the scheduling
     * thread at the window's edges. Returns once every recorded request has ended (answered, failed or timed out).
     */
    void run(List<Path> paths, int rate, int warmUpSeconds, int seconds, Runnable atMeasureStart,
             Runnable atMeasureEnd) throws InterruptedException {
        run(paths, warmUpSeconds, List.of(new Phase("measured", rate, seconds)), atMeasureStart, atMeasureEnd);
    }

    /**
     * Runs the paths {@code warmUpSeconds} unrecorded at the first phase's rate, then through {@code phases} one after
     * the other, recorded, each at its own constant rate: a load that changes its rate (a burst) is still open loop,
     * every request timed from its intended send time. With a single phase the send times are those of a fixed rate
     * across warm-up and window. {@link #phaseBoundaries()} tells afterwards where each phase began.
     */
    void run(List<Path> paths, int warmUpSeconds, List<Phase> phases, Runnable atMeasureStart,
             Runnable atMeasureEnd) throws InterruptedException {
        if (phases.isEmpty()) {
            throw new IllegalArgumentException("a run needs at least one measured phase");
        }
        for (Path path : paths) {
            path.uri = URI.create(path.url.replace("{uid}", "%7Buid%7D"));
            path.client = vertx.createHttpClient(new HttpClientOptions()
                            .setKeepAlive(true).setTcpNoDelay(true).setPipelining(false)
                            .setConnectTimeout((int) TIMEOUT_MS).setIdleTimeout(0),
                    new PoolOptions().setHttp1MaxSize(POOL_SIZE));
            path.context = EventLoops.next(vertx);
        }
        long start = System.nanoTime() + 100_000_000L;
        long measureStart = start + TimeUnit.SECONDS.toNanos(warmUpSeconds);
        List<Phase> all = new ArrayList<>();
        all.add(new Phase("warm-up", phases.get(0).rate(), warmUpSeconds));
        all.addAll(phases);
        long[] boundaries = new long[all.size() + 1];
        boundaries[0] = start;
        for (int i = 0; i < all.size(); i++) {
            boundaries[i + 1] = boundaries[i] + TimeUnit.SECONDS.toNanos(all.get(i).seconds());
        }
        phaseBoundaries = Arrays.copyOfRange(boundaries, 1, boundaries.length);
        long measureEnd = boundaries[all.size()];
        boolean measuring = false;
        long k = 0;
        for (int i = 0; i < all.size(); i++) {
            long phaseStart = boundaries[i];
            int rate = all.get(i).rate();
            for (long j = 0; ; j++, k++) {
                // within a phase, as at a fixed rate: the j-th request at j/rate seconds after the phase's start
                long intended = phaseStart + j * 1_000_000_000L / rate;
                if (intended >= boundaries[i + 1]) {
                    break;
                }
                if (!measuring && intended >= measureStart) {
                    waitUntil(measureStart);
                    atMeasureStart.run();
                    measuring = true;
                }
                waitUntil(intended);
                Path path = paths.get((int) (k % paths.size()));
                boolean measured = intended >= measureStart;
                outstanding.incrementAndGet();
                path.context.runOnContext(ignored -> send(path, intended, measured));
            }
        }
        waitUntil(measureEnd);
        atMeasureEnd.run();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS + 5_000);
        while (outstanding.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        for (Path path : paths) {
            path.client.close();
        }
    }

    /**
     * Of the last run: the nanoTime at which each measured phase was scheduled to start, then the measured window's
     * end (one more value than phases). A request belongs to the phase its intended send time falls in.
     */
    long[] phaseBoundaries() {
        return phaseBoundaries.clone();
    }

    private void send(Path path, long intended, boolean measured) {
        if (measured) {
            path.sent.incrementAndGet();
            long late = Math.max(1, (System.nanoTime() - intended) / 1000);
            synchronized (path) {
                path.lateMicros.recordValue(Math.min(late, path.lateMicros.getHighestTrackableValue()));
            }
        }
        path.maxInFlight.accumulateAndGet(path.inFlight.incrementAndGet(), Math::max);
        long sequence = path.body == null ? -1 : path.nextBodySequence();
        String body = path.body == null ? null : path.body.apply(sequence);
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<HttpClientRequest> request = new AtomicReference<>();
        long timer = vertx.setTimer(TIMEOUT_MS, id -> {
            if (done.compareAndSet(false, true)) {
                finish(path, sequence, intended, measured, "timeout (10 s)");
                HttpClientRequest pending = request.get();
                if (pending != null) {
                    pending.reset();
                }
            }
        });
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        path.headers.forEach(headers::add);
        headers.add("X-Request-ID", UUID.randomUUID().toString());
        headers.add("X-Correlation-ID", UUID.randomUUID().toString());
        if (body != null) {
            headers.add("Content-Type", "application/json");
        }
        RequestOptions options = new RequestOptions().setMethod(path.method).setHost(path.uri.getHost())
                .setPort(path.uri.getPort()).setURI(path.nextRequestUri()).setHeaders(headers);
        path.client.request(options)
                .compose(sending -> {
                    request.set(sending);
                    Future<io.vertx.core.http.HttpClientResponse> answer = body == null
                            ? sending.send() : sending.send(Buffer.buffer(body));
                    return answer.compose(response -> response.body()
                            .map(bytes -> outcome(response.statusCode(), bytes)));
                })
                .onComplete(result -> {
                    if (!done.compareAndSet(false, true)) {
                        return;
                    }
                    vertx.cancelTimer(timer);
                    finish(path, sequence, intended, measured, result.succeeded() ? result.result()
                            : "connection: " + result.cause().getClass().getSimpleName());
                });
    }

    private void finish(Path path, long sequence, long intended, boolean measured, String failure) {
        path.inFlight.decrementAndGet();
        long ended = System.nanoTime();
        if (measured) {
            path.record((ended - intended) / 1000, failure);
        }
        if (path.outcome != null) {
            path.outcome.of(sequence, intended, ended, measured, failure);
        }
        outstanding.decrementAndGet();
    }

    /** Null when the answer is HTTP 200 with OCPI status 1000 (and ALLOWED where a decision is expected). */
    private String outcome(int http, Buffer bytes) {
        if (http != 200) {
            return "HTTP " + http;
        }
        JsonNode envelope;
        try {
            envelope = mapper.readTree(bytes.getBytes());
        } catch (IOException e) {
            return "HTTP 200 without JSON";
        }
        int status = envelope.path("status_code").asInt(-1);
        if (status != 1000) {
            return "OCPI status " + status;
        }
        JsonNode allowed = envelope.path("data").path("allowed");
        if (!allowed.isMissingNode() && !"ALLOWED".equals(allowed.asText())) {
            return "OCPI 1000 but " + allowed.asText();
        }
        return null;
    }

    private static void waitUntil(long nanoTime) {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }
}
