package io.chargeclear.gateway.delivery;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chargeclear.gateway.config.GatewayConfig;
import io.chargeclear.gateway.delivery.ObjectLanes.Step;
import io.chargeclear.gateway.persistence.DeliveryJob;
import io.chargeclear.gateway.persistence.DeliveryReceiver;
import io.chargeclear.gateway.persistence.PartnerConnection;
import io.chargeclear.gateway.partner.PartnerAnswer;
import io.chargeclear.gateway.partner.PartnerCallException;
import io.chargeclear.gateway.partner.PartnerClient;
import io.chargeclear.gateway.partner.PartnerEndpoints;
import io.chargeclear.gateway.partner.ResponseUrls;
import io.chargeclear.gateway.partner.UnbuildableRequestException;
import io.chargeclear.gateway.store.VersionedObjects;
import io.chargeclear.kit.background.BackgroundWork;
import io.chargeclear.kit.crypto.TokenCipher;
import io.chargeclear.model.ocpi.version.Loss;
import io.chargeclear.model.ocpi.versions.InterfaceRole;
import io.chargeclear.gateway.metrics.DeliveryQueueMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Works through each receiver's delivery jobs (ADR 0008, ADR 0016, ADR 0020) in batches: the oldest
 * {@code delivery.batch-size} pending jobs at once, the receiver's target resolved once for the batch
 * ({@link DeliveryTargets}), up to {@code delivery.max-in-flight-per-receiver} requests in flight, each for a
 * different object, while the jobs of one object (module and object key) go strictly one after the other
 * ({@link ObjectLanes}); all the batch's results are written in one transaction. A receiver that cannot be reached,
 * times out, answers HTTP 5xx/408/429 or an OCPI 3xxx/4xxx keeps its job, and is retried with exponential backoff
 * ({@code delivery.backoff-min} doubling up to {@code delivery.backoff-max}); that object's later jobs wait behind it,
 * so it gets everything in order when it returns, and other receivers are not held up. A job that fails
 * {@code delivery.max-attempts} times although the receiver could be connected to is FAILED, so one job cannot stall
 * a queue for ever. A receiver that refuses a job (HTTP 4xx other than 408/429, OCPI 2xxx) will refuse it again, and
 * a job the hub cannot build into a request (an id that cannot be a path segment, a response URL not on the
 * receiver's hosts) can never be sent: FAILED at once, with the reason, counted, listed for operators, and the queue
 * moves on. Jobs of a platform that is no longer registered or ended its OCPI connection are DROPPED with the reason.
 * Nothing is dropped silently.
 * <p>
 * Each receiver is leased to one gateway replica at a time ({@code delivery_receiver}), so replicas share the
 * work without reordering it.
 * <p>
 * It also keeps HubClientInfo's OFFLINE status: a receiver is OFFLINE after {@code delivery.offline-after-failures}
 * retryable failures in a row, and a connected platform silent for {@code delivery.still-alive-interval} gets a GET
 * on its versions endpoint (the still-alive check); any answer ends OFFLINE. Changes go out through
 * {@link ReachabilityListener} (the HubClientInfo announcer).
 */
@ApplicationScoped
public class DeliveryDispatcher {

    private static final Logger LOG = Logger.getLogger(DeliveryDispatcher.class);
    private static final Duration LEASE = Duration.ofSeconds(60);
    /** Batches one lease runs before it is given back (and taken again at the next poll). */
    private static final int MAX_BATCHES_PER_LEASE = 50;
    private static final Duration WAITING_RECHECK = Duration.ofSeconds(5);

    private final Vertx vertx;
    private final PartnerClient client;
    private final TokenCipher cipher;
    private final GatewayConfig config;
    private final MeterRegistry metrics;
    private final DeliveryQueueMetrics queueMetrics;
    private final ObjectMapper json;
    private final String replica = UUID.randomUUID().toString();
    private final Set<String> working = ConcurrentHashMap.newKeySet();
    private final Set<String> probing = ConcurrentHashMap.newKeySet();
    private final ReachabilityListener announcer;
    private final DeliveryTargets targets;
    private volatile long timer = -1;
    private volatile long probeTimer = -1;

    public DeliveryDispatcher(Vertx vertx, PartnerClient client, TokenCipher cipher, GatewayConfig config,
                              MeterRegistry metrics, ObjectMapper json, ReachabilityListener announcer,
                              DeliveryTargets targets, DeliveryQueueMetrics queueMetrics) {
        this.vertx = vertx;
        this.targets = targets;
        this.queueMetrics = queueMetrics;
        this.announcer = announcer;
        this.client = client;
        this.cipher = cipher;
        this.config = config;
        this.metrics = metrics;
        this.json = json;
    }

    void start(@Observes StartupEvent started) {
        timer = vertx.setPeriodic(config.delivery().pollInterval().toMillis(), id -> onContext(this::dueReceivers));
        long sweep = Math.max(1_000, config.delivery().stillAliveInterval().toMillis() / 5);
        probeTimer = vertx.setPeriodic(sweep, id -> onContext(this::stillAlive));
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        if (probeTimer >= 0) {
            vertx.cancelTimer(probeTimer);
        }
    }

    /**
     * The still-alive check: every connected platform the hub has not heard from for {@code still-alive-interval}
     * gets a GET on its versions endpoint with its token B; an answer clears OFFLINE, no answer sets it.
     */
    private Uni<Void> stillAlive() {
        Instant silentSince = Instant.now().minus(config.delivery().stillAliveInterval());
        return Panache.withSession(() -> PartnerConnection.<PartnerConnection>list(
                        "versionsUrl is not null and (lastContactAt is null or lastContactAt < ?1)", silentSince))
                .invoke(connections -> connections.forEach(c -> {
                    String token = cipher.decrypt(c.tokenBSealed);
                    onContext(() -> probe(c.platformId, c.versionsUrl, token, c.plainTokens));
                }))
                .replaceWithVoid();
    }

    private Uni<Void> probe(String platformId, String versionsUrl, String token, boolean plain) {
        if (!probing.add(platformId)) {
            return Uni.createFrom().voidItem();
        }
        return client.call("GET", versionsUrl, token, plain, Map.of("X-Correlation-ID", UUID.randomUUID().toString()),
                        null, config.delivery().timeout())
                .map(PartnerAnswer::success)
                .onFailure(e -> e instanceof PartnerCallException || e instanceof UnbuildableRequestException)
                .recoverWithItem(false)
                .flatMap(answered -> Panache.withTransaction(() -> answered
                        ? contact(platformId)
                        : markOffline(platformId, "no answer to the still-alive check on " + versionsUrl)))
                .eventually(() -> probing.remove(platformId));
    }

    /** The platform answered the hub: note when, and end OFFLINE if it was. Runs in the caller's transaction. */
    private Uni<Void> contact(String platformId) {
        return PartnerConnection.<PartnerConnection>findById(platformId).flatMap(connection -> {
            if (connection == null) {
                return Uni.createFrom().voidItem();
            }
            connection.lastContactAt = Instant.now();
            if (connection.offlineSince == null) {
                return Uni.createFrom().voidItem();
            }
            LOG.infof("platform %s answers again; it is no longer OFFLINE", platformId);
            connection.offlineSince = null;
            return announcer.platformChanged(platformId);
        });
    }

    /** The platform does not answer: OFFLINE from now, announced once. Runs in the caller's transaction. */
    private Uni<Void> markOffline(String platformId, String why) {
        return PartnerConnection.<PartnerConnection>findById(platformId).flatMap(connection -> {
            if (connection == null || connection.offlineSince != null) {
                return Uni.createFrom().voidItem();
            }
            LOG.warnf("platform %s is OFFLINE: %s", platformId, why);
            connection.offlineSince = Instant.now();
            return announcer.platformChanged(platformId);
        });
    }

    /**
     * The receiver completed a credentials handshake: its backoff no longer says anything about it, so its queue is
     * due now. Runs in the caller's transaction; the caller nudges after commit.
     */
    public static Uni<Void> receiverConnected(String receiver) {
        return DeliveryReceiver.update("consecutiveFailures = 0, nextAttemptAt = ?1 where platformId = ?2",
                Instant.now(), receiver).replaceWithVoid();
    }

    /** A job for {@code receiver} was queued: try it now rather than at the next poll. */
    public void nudge(String receiver) {
        onContext(() -> work(receiver));
    }

    private Uni<Void> dueReceivers() {
        Instant now = Instant.now();
        return Panache.withSession(() -> DeliveryReceiver.<DeliveryReceiver>list(
                        "nextAttemptAt <= ?1 and (leasedUntil is null or leasedUntil < ?1) and exists"
                                + " (from DeliveryJob j where j.receiverPlatform = platformId and j.status = 'PENDING')", now))
                .invoke(receivers -> receivers.forEach(r -> onContext(() -> work(r.platformId))))
                .replaceWithVoid();
    }

    private Uni<Void> work(String receiver) {
        if (!working.add(receiver)) {
            return Uni.createFrom().voidItem();
        }
        return batches(receiver, MAX_BATCHES_PER_LEASE).eventually(() -> working.remove(receiver));
    }

    /**
     * Leases the receiver (or renews the lease) and delivers one batch of its jobs; again while a batch was full and
     * nothing made the receiver wait, then gives the lease back.
     */
    private Uni<Void> batches(String receiver, int left) {
        return lease(receiver).flatMap(leased -> {
            if (!leased) {
                return left == MAX_BATCHES_PER_LEASE ? Uni.createFrom().voidItem() : release(receiver);
            }
            return batch(receiver).flatMap(more -> more && left > 1 ? batches(receiver, left - 1) : release(receiver));
        });
    }

    private Duration leaseLength() {
        Duration fourAttempts = config.delivery().timeout().multipliedBy(4);
        return fourAttempts.compareTo(LEASE) > 0 ? fourAttempts : LEASE;
    }

    private Uni<Boolean> lease(String receiver) {
        Instant now = Instant.now();
        return Panache.withTransaction(() -> DeliveryReceiver.update(
                        "leasedBy = ?1, leasedUntil = ?2 where platformId = ?3 and nextAttemptAt <= ?4"
                                + " and (leasedUntil is null or leasedUntil < ?4 or leasedBy = ?1)",
                        replica, now.plus(leaseLength()), receiver, now))
                .map(updated -> updated == 1);
    }

    private Uni<Void> release(String receiver) {
        return Panache.withTransaction(() -> DeliveryReceiver.update(
                "leasedBy = null, leasedUntil = null where platformId = ?1 and leasedBy = ?2", receiver, replica))
                .replaceWithVoid();
    }

    /**
     * One batch: the receiver's oldest {@code delivery.batch-size} pending jobs, read in one session; its target
     * resolved once for all of them; the jobs sent with up to {@code delivery.max-in-flight-per-receiver} requests in
     * flight, each object's jobs in order ({@link ObjectLanes}); every result written in one transaction.
     *
     * @return true when more jobs may be waiting and nothing made the receiver wait: go on with the next batch
     */
    private Uni<Boolean> batch(String receiver) {
        Instant started = Instant.now();
        int size = Math.max(1, config.delivery().batchSize());
        return Panache.withSession(() -> DeliveryJob.<DeliveryJob>find(
                                "receiverPlatform = ?1 and status = 'PENDING' order by seq", receiver)
                        .range(0, size - 1).list()
                        .flatMap(jobs -> jobs.isEmpty() ? Uni.createFrom().<Claimed>nullItem()
                                : DeliveryReceiver.<DeliveryReceiver>findById(receiver).map(r -> new Claimed(
                                        jobs.stream().map(this::detach).toList(),
                                        r != null && r.consecutiveFailures > 0))))
                .flatMap(claimed -> claimed == null ? Uni.createFrom().item(false)
                        : targets.resolve(receiver).flatMap(target -> deliver(receiver, claimed, target, started)
                                .map(results -> !results.isEmpty() && results.stream().noneMatch(r -> r.step() == Step.STOP)
                                        && (claimed.jobs().size() == size || results.size() < claimed.jobs().size()))));
    }

    /** Sends the claimed jobs (or drops them, or lets them wait) and records the results; empty when nothing ran. */
    private Uni<List<Result>> deliver(String receiver, Claimed claimed, DeliveryTarget target, Instant started) {
        if (target.dropReason() != null) {
            List<Result> dropped = claimed.jobs().stream().map(job -> Result.dropped(job, target.dropReason())).toList();
            return record(receiver, dropped).replaceWith(dropped);
        }
        if (target.waitReason() != null) {
            return waiting(receiver, target.waitReason()).replaceWith(List.of());
        }
        Instant startUntil = started.plus(leaseLength().dividedBy(2));
        return new ObjectLanes<>(claimed.jobs(), config.delivery().maxInFlightPerReceiver(), claimed.cautious(),
                startUntil, Instant::now, job -> attempt(job, target), Result::step)
                .run()
                .flatMap(results -> results.isEmpty() ? Uni.createFrom().item(results)
                        : record(receiver, results).replaceWith(results));
    }

    /** One attempt at one job; never fails for anything the receiver or the job's content did. */
    private Uni<Result> attempt(Job job, DeliveryTarget target) {
        VersionedObjects.Rendering rendering;
        try {
            rendering = VersionedObjects.render(job.module(), job.path(), job.body(), job.bodyVersion(),
                    target.version());
        } catch (IllegalArgumentException | IllegalStateException e) {
            return Uni.createFrom().item(result(job, new Outcome(Kind.UNBUILDABLE,
                    "cannot render the body for OCPI " + target.version() + ": " + e.getMessage())));
        }
        if (rendering.isWithheld()) {
            // the receiver's version cannot carry the object: never sent, and not the receiver's failure (ADR 0024)
            return Uni.createFrom().item(new Result(job, DeliveryJob.WITHHELD, 0, job.retries(), "withheld for OCPI "
                    + target.version() + ": " + rendering.withheld(), Effect.NONE, null, rendering.losses()));
        }
        String url;
        try {
            url = url(job, VersionedObjects.renderPath(job.module(), job.path(), rendering), target);
        } catch (UnbuildableRequestException e) {
            // never sent: not an attempt, and it says nothing about the receiver (ADR 0016)
            return Uni.createFrom().item(result(job, new Outcome(Kind.UNBUILDABLE,
                    "cannot build the request: " + e.getMessage())));
        }
        return send(job, url, target, rendering.json())
                .map(outcome -> result(job, outcome).withLosses(rendering.losses()));
    }

    /** What one attempt's outcome does to its job and to the receiver, by the rules of ADR 0016. */
    private Result result(Job job, Outcome outcome) {
        return switch (outcome.kind()) {
            case DELIVERED -> new Result(job, DeliveryJob.DELIVERED, 1, job.retries(), null, Effect.CONTACT, null);
            case REFUSED -> new Result(job, DeliveryJob.FAILED, 1, job.retries(), outcome.detail(), Effect.CONTACT, null);
            case UNBUILDABLE -> new Result(job, DeliveryJob.FAILED, 0, job.retries(), outcome.detail(), Effect.NONE, null);
            case BUSY -> new Result(job, DeliveryJob.PENDING, 0, job.retries(), outcome.detail(), Effect.HELD, null);
            case RETRY, DOWN -> {
                int retries = job.retries() + (outcome.kind() == Kind.RETRY ? 1 : 0);
                if (retries >= config.delivery().maxAttempts()) {
                    // a job the receiver keeps failing on must not hold up the rest of its queue for ever
                    yield new Result(job, DeliveryJob.FAILED, 1, retries, "gave up after " + retries
                            + " failed attempts; the last: " + outcome.detail(), Effect.GAVE_UP, outcome.detail());
                }
                yield new Result(job, DeliveryJob.PENDING, 1, retries, outcome.detail(), Effect.FAILURE,
                        outcome.detail());
            }
        };
    }

    /**
     * The URL of the job at the receiver: its endpoint for the module joined with the job's (encoded) path, or the
     * response URL it gave, if that is still on one of its registered hosts.
     *
     * @throws UnbuildableRequestException when there is none the hub may call
     */
    private String url(Job job, String path, DeliveryTarget target) {
        if (job.url() != null) {
            ResponseUrls.refusal(job.url(), target.registered(), config.baseUrl(), config.responseUrl().allowHttp())
                    .ifPresent(why -> {
                        throw new UnbuildableRequestException("the response_url " + why);
                    });
            return job.url();
        }
        InterfaceRole role;
        try {
            role = InterfaceRole.valueOf(job.interfaceRole());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new UnbuildableRequestException("no interface role " + job.interfaceRole());
        }
        return target.endpoints().url(job.module(), role)
                .map(base -> PartnerEndpoints.join(base, path))
                .orElseThrow(() -> new UnbuildableRequestException("the receiver serves no " + job.module() + " "
                        + job.interfaceRole() + " interface"));
    }

    private Uni<Outcome> send(Job job, String url, DeliveryTarget target, String body) {
        long started = System.nanoTime();
        return client.call(job.method(), url, target.token(), target.plain(), job.headers(), body,
                        config.delivery().timeout())
                .map(answer -> {
                    metrics.timer("chargeclear.delivery.answer", "module", moduleTag(job))
                            .record(Duration.ofNanos(System.nanoTime() - started));
                    return classify(answer);
                })
                .onFailure(UnbuildableRequestException.class).recoverWithItem(e -> new Outcome(Kind.UNBUILDABLE,
                        "cannot build the request: " + e.getMessage()))
                .onFailure(PartnerCallException.class).recoverWithItem(e -> {
                    PartnerCallException call = (PartnerCallException) e;
                    Kind kind = call.busy() ? Kind.BUSY : call.reached() ? Kind.RETRY : Kind.DOWN;
                    return new Outcome(kind, e.getMessage());
                });
    }

    /**
     * What a receiver's answer means for the job. Accepted (HTTP 2xx, OCPI 1xxx): delivered. Refused, and it would
     * be refused again: HTTP 4xx other than 408 and 429 (bad request, unauthorized, forbidden, not found...) or an
     * OCPI 2xxx. HTTP 502 and 503 say the receiver's server is not there at all, like a refused connection: retried
     * without counting towards {@code max-attempts}, so a receiver in maintenance keeps its queue. Everything else
     * (HTTP 500, 504 and other 5xx, 408, 429, OCPI 3xxx/4xxx, no usable envelope) may pass later: retry, counted.
     */
    static Outcome classify(PartnerAnswer answer) {
        int http = answer.http();
        int status = answer.statusCode();
        String detail = "HTTP " + http + (status < 0 ? " without an OCPI envelope" : ", OCPI " + status
                + answer.envelope().map(e -> " " + e.path("status_message").asText("")).orElse(""));
        if (answer.success()) {
            return new Outcome(Kind.DELIVERED, null);
        }
        if (http >= 400 && http < 500 && http != 408 && http != 429) {
            return new Outcome(Kind.REFUSED, detail);
        }
        if (http >= 200 && http < 300 && status >= 2000 && status < 3000) {
            return new Outcome(Kind.REFUSED, detail);
        }
        if (http == 502 || http == 503) {
            return new Outcome(Kind.DOWN, detail);
        }
        return new Outcome(Kind.RETRY, detail);
    }

    /**
     * Writes a batch's results in one transaction: every job's new state in one statement, and the receiver's
     * bookkeeping replayed over the results in the order the attempts ended, by the same rules as one attempt at a
     * time (ADR 0016):
     * <ul>
     *   <li>the receiver answered (delivered, refused): its failures in a row end, its last error is cleared, it is
     *       in contact (which ends OFFLINE);</li>
     *   <li>an attempt failed (retried or given up): one more failure in a row, its error noted, OFFLINE after
     *       {@code offline-after-failures}; a retry waits for the backoff of that many failures, a job given up lets
     *       the queue go on at once (unless a retry in the same batch waits);</li>
     *   <li>a job the hub could not build or dropped says nothing about the receiver;</li>
     *   <li>a job held because the hub's own pool to the receiver's host was full says nothing about the receiver
     *       either; the receiver is tried again after the minimum backoff.</li>
     * </ul>
     * Metrics and logs follow the commit, so a batch whose commit failed (and is sent again) is not counted twice.
     */
    private Uni<Void> record(String receiver, List<Result> results) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> updateJobs(results, now)
                        .flatMap(updated -> recordLosses(receiver, results, now))
                        .flatMap(updated -> DeliveryReceiver.<DeliveryReceiver>findById(receiver))
                        .flatMap(r -> r == null ? Uni.createFrom().voidItem() : bookkeeping(r, results, now)))
                .invoke(() -> results.forEach(this::count));
    }

    private Uni<Void> bookkeeping(DeliveryReceiver r, List<Result> results, Instant now) {
        Uni<Void> announcements = Uni.createFrom().voidItem();
        boolean retryWaits = false;
        for (Result result : results) {
            switch (result.effect()) {
                case CONTACT -> {
                    r.consecutiveFailures = 0;
                    r.lastError = null;
                    announcements = announcements.call(() -> contact(r.platformId));
                }
                case FAILURE, GAVE_UP -> {
                    int failures = r.consecutiveFailures + 1;
                    r.consecutiveFailures = failures;
                    r.lastError = result.why();
                    if (result.effect() == Effect.FAILURE) {
                        r.nextAttemptAt = now.plus(backoff(failures, config.delivery().backoffMin(),
                                config.delivery().backoffMax()));
                        retryWaits = true;
                    } else if (!retryWaits) {
                        r.nextAttemptAt = now;
                    }
                    if (failures >= config.delivery().offlineAfterFailures()) {
                        String why = failures + " deliveries in a row failed: " + result.why();
                        announcements = announcements.call(() -> markOffline(r.platformId, why));
                    }
                }
                case HELD -> {
                    // the hub's own queue to the receiver's host was full: try again soon, without blaming it
                    Instant soon = now.plus(config.delivery().backoffMin());
                    if (r.nextAttemptAt == null || r.nextAttemptAt.isBefore(soon)) {
                        r.nextAttemptAt = soon;
                    }
                }
                case NONE -> { }
            }
        }
        return announcements;
    }

    /**
     * Every job of the batch in one statement: its status, attempts and retries, last error, and when it finished
     * (jobs that stay PENDING keep none).
     */
    /**
     * What the receiver did not get because its OCPI version cannot carry it, added up per loss code for the
     * operator ({@code version_loss}; ADR 0024), with the last detail.
     */
    private static Uni<Integer> recordLosses(String receiver, List<Result> results, Instant now) {
        Map<Loss.Code, Long> counts = new java.util.EnumMap<>(Loss.Code.class);
        Map<Loss.Code, String> details = new java.util.EnumMap<>(Loss.Code.class);
        for (Result result : results) {
            // a job that will be sent again is counted when it ends
            if (DeliveryJob.PENDING.equals(result.status())) {
                continue;
            }
            for (Loss loss : result.losses()) {
                counts.merge(loss.code(), 1L, Long::sum);
                details.put(loss.code(), result.job().objectKey() + " " + loss.path() + ": " + loss.detail());
            }
        }
        if (counts.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        String[] codes = counts.keySet().stream().map(Enum::name).toArray(String[]::new);
        Long[] added = counts.values().toArray(Long[]::new);
        String[] last = counts.keySet().stream().map(details::get).toArray(String[]::new);
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                        insert into {h-schema}version_loss (platform_id, code, count, last_detail, last_at)
                        select :receiver, u.code, u.added, u.detail, :now
                          from unnest(cast(:codes as varchar[]), cast(:added as bigint[]), cast(:details as text[]))
                               as u(code, added, detail)
                        on conflict (platform_id, code) do update
                           set count = version_loss.count + excluded.count, last_detail = excluded.last_detail,
                               last_at = excluded.last_at""")
                .setParameter("receiver", receiver).setParameter("now", now).setParameter("codes", codes)
                .setParameter("added", added).setParameter("details", last)
                .executeUpdate());
    }

    private static Uni<Integer> updateJobs(List<Result> results, Instant now) {
        Long[] seqs = new Long[results.size()];
        String[] statuses = new String[results.size()];
        Integer[] attempts = new Integer[results.size()];
        Integer[] retries = new Integer[results.size()];
        String[] errors = new String[results.size()];
        for (int i = 0; i < results.size(); i++) {
            Result result = results.get(i);
            seqs[i] = result.job().seq();
            statuses[i] = result.status();
            attempts[i] = result.attempts();
            retries[i] = result.retries();
            errors[i] = result.error();
        }
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                        update {h-schema}delivery_job j
                           set status = u.status, attempts = j.attempts + u.attempts, retries = u.retries,
                               last_error = u.error,
                               finished_at = case when u.status = 'PENDING' then null else cast(:now as timestamptz) end
                          from unnest(cast(:seqs as bigint[]), cast(:statuses as text[]), cast(:attempts as int[]),
                                      cast(:retries as int[]), cast(:errors as text[]))
                               as u(seq, status, attempts, retries, error)
                         where j.seq = u.seq and j.status = 'PENDING'""")
                .setParameter("now", now)
                .setParameter("seqs", seqs)
                .setParameter("statuses", statuses)
                .setParameter("attempts", attempts)
                .setParameter("retries", retries)
                .setParameter("errors", errors)
                .executeUpdate());
    }

    /** The receiver is suspended: nothing was tried; look again soon, without growing the backoff. */
    private Uni<Void> waiting(String receiver, String why) {
        return Panache.withTransaction(() -> DeliveryReceiver.update("lastError = ?1, nextAttemptAt = ?2 where platformId = ?3",
                why, Instant.now().plus(WAITING_RECHECK), receiver)).replaceWithVoid();
    }

    /** Metrics and the operator's log line for one recorded result. */
    private void count(Result result) {
        Job job = result.job();
        switch (result.effect()) {
            case FAILURE -> metrics.counter("chargeclear.delivery.retries", "module", moduleTag(job)).increment();
            case HELD -> metrics.counter("chargeclear.delivery.held", "module", moduleTag(job)).increment();
            default -> {
                if (DeliveryJob.PENDING.equals(result.status())) {
                    return;
                }
                result.losses().forEach(loss -> metrics.counter("chargeclear.version.losses", "peer", job.receiver(),
                        "code", loss.code().name()).increment());
                metrics.counter("chargeclear.delivery.jobs", "outcome", result.status().toLowerCase(), "module",
                        moduleTag(job)).increment();
                queueMetrics.ended(job.receiver(), moduleTag(job), result.status().toLowerCase());
                if (DeliveryJob.DELIVERED.equals(result.status())) {
                    queueMetrics.delivered(job.receiver(), moduleTag(job), job.requestedAt());
                }
                if (DeliveryJob.FAILED.equals(result.status())) {
                    LOG.warnf("delivery %s to %s (%s) failed, not retried: %s", job.deliveryId(), job.receiver(),
                            job.objectKey(), result.error());
                } else if (DeliveryJob.WITHHELD.equals(result.status())) {
                    // an operator should know: the receiver misses an object it may rely on (ADR 0024, L2)
                    LOG.errorf("delivery %s to %s (%s) withheld: %s", job.deliveryId(), job.receiver(),
                            job.objectKey(), result.error());
                } else if (DeliveryJob.DROPPED.equals(result.status())) {
                    LOG.warnf("delivery %s to %s (%s) dropped: %s", job.deliveryId(), job.receiver(),
                            job.objectKey(), result.error());
                }
            }
        }
    }

    /** The metrics tag: the OCPI module, or {@code response_url} for results relayed to a URL the receiver gave. */
    private static String moduleTag(Job job) {
        return job.module() == null ? "response_url" : job.module();
    }

    /** min · 2^(failures-1), capped at max. */
    static Duration backoff(int failures, Duration min, Duration max) {
        int exponent = Math.min(Math.max(failures - 1, 0), 30);
        Duration delay = min.multipliedBy(1L << exponent);
        return delay.compareTo(max) > 0 ? max : delay;
    }

    private void onContext(java.util.function.Supplier<Uni<Void>> work) {
        BackgroundWork.run(vertx, work, LOG, "delivery work failed; it is retried at the next poll");
    }

    private Map<String, String> headers(String stored) {
        try {
            return json.readValue(stored, new TypeReference<Map<String, String>>() { });
        } catch (IOException e) {
            throw new IllegalStateException("stored delivery headers are not readable", e);
        }
    }

    /**
     * DELIVERED; REFUSED by the receiver (FAILED); UNBUILDABLE, never sent (FAILED); RETRY, counted towards
     * {@code max-attempts}; DOWN, no connection at all or HTTP 502/503 (retried, not counted); BUSY, never sent
     * because the hub's own pool to the receiver's host was full (retried, not counted, not the receiver's failure).
     */
    enum Kind { DELIVERED, REFUSED, UNBUILDABLE, RETRY, DOWN, BUSY }

    record Outcome(Kind kind, String detail) {
    }

    /**
     * What a result does to the receiver: it answered ({@code CONTACT}); an attempt failed and the job will be
     * retried ({@code FAILURE}) or was given up ({@code GAVE_UP}); the job waits for the hub's own pool and keeps
     * its object's later jobs behind it, but the receiver is not blamed ({@code HELD}); nothing ({@code NONE}: never
     * sent, or dropped).
     */
    enum Effect { NONE, CONTACT, FAILURE, GAVE_UP, HELD }

    /**
     * One job's result in a batch: its new status (PENDING when it will be retried), attempts to add, its count of
     * retries, its last error; the effect on the receiver and, for failures, the receiver's error.
     */
    record Result(Job job, String status, int attempts, int retries, String error, Effect effect, String why,
                  List<Loss> losses) {

        Result(Job job, String status, int attempts, int retries, String error, Effect effect, String why) {
            this(job, status, attempts, retries, error, effect, why, List.of());
        }

        /** The same result, with what the receiver did not get of the body it was sent. */
        Result withLosses(List<Loss> lost) {
            return lost.isEmpty() ? this : new Result(job, status, attempts, retries, error, effect, why, lost);
        }

        static Result dropped(Job job, String why) {
            return new Result(job, DeliveryJob.DROPPED, 0, job.retries(), why, Effect.NONE, null);
        }

        /** A retry keeps the object's later jobs and every new start waiting; an answer lifts the caution. */
        Step step() {
            return switch (effect) {
                case FAILURE, HELD -> Step.STOP;
                case CONTACT -> Step.ANSWERED;
                case NONE, GAVE_UP -> Step.NEXT;
            };
        }
    }

    /**
     * A job detached from its session, so it can travel across transactions.
     */
    record Job(long seq, String deliveryId, String receiver, String module, String interfaceRole, String path,
               String url, String method, Map<String, String> headers, String body, String objectKey, int retries,
               String bodyVersion, Instant requestedAt) {

        /**
         * The object whose jobs must stay in order: module and object key (jobs without a key share one lane, in
         * queue order).
         */
        String lane() {
            return module + "|" + objectKey;
        }
    }

    /** A batch as claimed: the jobs, oldest first, and whether the receiver's last attempt failed. */
    private record Claimed(List<Job> jobs, boolean cautious) {
    }

    private Job detach(DeliveryJob job) {
        return new Job(job.seq, job.deliveryId.toString(), job.receiverPlatform, job.module, job.interfaceRole, job.path,
                job.url, job.method, headers(job.headers), job.body, job.objectKey, job.retries, job.bodyVersion,
                job.requestedAt);
    }
}
