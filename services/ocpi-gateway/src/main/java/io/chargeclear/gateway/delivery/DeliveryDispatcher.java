package io.chargeclear.gateway.delivery;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chargeclear.gateway.config.GatewayConfig;
import io.chargeclear.gateway.persistence.DeliveryJob;
import io.chargeclear.gateway.persistence.DeliveryReceiver;
import io.chargeclear.gateway.persistence.PartnerConnection;
import io.chargeclear.gateway.partner.PartnerAnswer;
import io.chargeclear.gateway.partner.PartnerCallException;
import io.chargeclear.gateway.partner.PartnerClient;
import io.chargeclear.gateway.partner.PartnerEndpoints;
import io.chargeclear.gateway.partner.ResponseUrls;
import io.chargeclear.gateway.partner.UnbuildableRequestException;
import io.chargeclear.kit.background.BackgroundWork;
import io.chargeclear.kit.crypto.TokenCipher;
import io.chargeclear.kit.directory.DirectoryParty;
import io.chargeclear.model.ocpi.versions.InterfaceRole;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Works through each receiver's delivery jobs strictly in order (ADR 0008, ADR 0016): the oldest pending job first,
 * the next only once it is done. A receiver that cannot be reached, times out, answers HTTP 5xx/408/429 or an
 * OCPI 3xxx/4xxx keeps its job and is retried with exponential backoff ({@code delivery.backoff-min} doubling up to
 * {@code delivery.backoff-max}); its later jobs wait behind it, so it gets everything in order when it returns,
 * and other receivers are not held up. A job that fails {@code delivery.max-attempts} times although the receiver
 * could be connected to is FAILED, so one job cannot stall a queue for ever. A receiver that refuses a job (HTTP
 * 4xx other than 408/429, OCPI 2xxx) will refuse it again, and a job the hub cannot build into a request (an id
 * that cannot be a path segment, a response URL not on the receiver's hosts) can never be sent: FAILED at once,
 * with the reason, counted, listed for operators, and the queue moves on. Jobs of a platform that is no longer
 * registered or ended its OCPI connection are DROPPED with the reason. Nothing is dropped silently.
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
    private static final int BATCH = 100;
    private static final Duration WAITING_RECHECK = Duration.ofSeconds(5);

    private final Vertx vertx;
    private final PartnerClient client;
    private final TokenCipher cipher;
    private final GatewayConfig config;
    private final MeterRegistry metrics;
    private final ObjectMapper json;
    private final String replica = UUID.randomUUID().toString();
    private final Set<String> working = ConcurrentHashMap.newKeySet();
    private final Set<String> probing = ConcurrentHashMap.newKeySet();
    private final ReachabilityListener announcer;
    private volatile long timer = -1;
    private volatile long probeTimer = -1;

    public DeliveryDispatcher(Vertx vertx, PartnerClient client, TokenCipher cipher, GatewayConfig config,
                              MeterRegistry metrics, ObjectMapper json, ReachabilityListener announcer) {
        this.vertx = vertx;
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
        return lease(receiver)
                .flatMap(leased -> leased ? drain(receiver, BATCH).call(() -> release(receiver)) : Uni.createFrom().voidItem())
                .eventually(() -> working.remove(receiver));
    }

    private Uni<Boolean> lease(String receiver) {
        Instant now = Instant.now();
        return Panache.withTransaction(() -> DeliveryReceiver.update(
                        "leasedBy = ?1, leasedUntil = ?2 where platformId = ?3 and nextAttemptAt <= ?4"
                                + " and (leasedUntil is null or leasedUntil < ?4 or leasedBy = ?1)",
                        replica, now.plus(LEASE), receiver, now))
                .map(updated -> updated == 1);
    }

    private Uni<Void> release(String receiver) {
        return Panache.withTransaction(() -> DeliveryReceiver.update(
                "leasedBy = null, leasedUntil = null where platformId = ?1 and leasedBy = ?2", receiver, replica))
                .replaceWithVoid();
    }

    /** Delivers up to {@code budget} jobs of one receiver, in order, stopping at the first one to retry later. */
    private Uni<Void> drain(String receiver, int budget) {
        if (budget == 0) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withSession(() -> DeliveryJob.<DeliveryJob>find(
                                "receiverPlatform = ?1 and status = 'PENDING' order by seq", receiver).firstResult()
                        .flatMap(job -> job == null ? Uni.createFrom().nullItem()
                                : target(receiver).map(target -> new Attempt(detach(job), target))))
                .flatMap(attempt -> {
                    if (attempt == null) {
                        return Uni.createFrom().voidItem();
                    }
                    if (attempt.target().dropReason() != null) {
                        return drop(attempt.job(), attempt.target().dropReason())
                                .flatMap(done -> drain(receiver, budget - 1));
                    }
                    if (attempt.target().waitReason() != null) {
                        return retryLater(receiver, attempt.job(), attempt.target().waitReason(), false, false)
                                .replaceWithVoid();
                    }
                    String url;
                    try {
                        url = url(attempt.job(), attempt.target());
                    } catch (UnbuildableRequestException e) {
                        return finish(attempt.job(), DeliveryJob.FAILED, "cannot build the request: " + e.getMessage())
                                .flatMap(done -> drain(receiver, budget - 1));
                    }
                    return send(attempt, url).flatMap(outcome -> switch (outcome.kind()) {
                        case DELIVERED -> finish(attempt.job(), DeliveryJob.DELIVERED, null)
                                .flatMap(done -> drain(receiver, budget - 1));
                        case REFUSED -> finish(attempt.job(), DeliveryJob.FAILED, outcome.detail())
                                .flatMap(done -> drain(receiver, budget - 1));
                        case UNBUILDABLE -> finish(attempt.job(), DeliveryJob.FAILED, outcome.detail(), false)
                                .flatMap(done -> drain(receiver, budget - 1));
                        case RETRY -> retryLater(receiver, attempt.job(), outcome.detail(), true, true)
                                .flatMap(gaveUp -> gaveUp ? drain(receiver, budget - 1) : Uni.createFrom().voidItem());
                        case DOWN -> retryLater(receiver, attempt.job(), outcome.detail(), true, false).replaceWithVoid();
                    });
                });
    }

    /**
     * Where and how to reach the receiver now. A platform that left the party directory (unregistered or deleted
     * by the operator) or ended its OCPI connection (credentials DELETE: a job is only ever queued for a connected
     * platform) will not take the job: dropped. A suspended platform may come back: its jobs wait.
     */
    private Uni<Target> target(String receiver) {
        return DirectoryParty.<DirectoryParty>find("platformId", receiver).firstResult()
                .flatMap(party -> PartnerConnection.<PartnerConnection>findById(receiver).map(connection -> {
                    if (party == null) {
                        return Target.dropped("the receiver platform is no longer registered at the hub");
                    }
                    if (connection == null) {
                        return Target.dropped("the receiver platform ended its OCPI connection (credentials deleted)");
                    }
                    if (!"ACTIVE".equals(party.status)) {
                        return Target.waiting("the receiver platform is " + party.status.toLowerCase());
                    }
                    PartnerEndpoints endpoints = PartnerEndpoints.parse(connection.endpoints);
                    List<String> registered = new ArrayList<>();
                    registered.add(connection.versionsUrl);
                    endpoints.endpoints().forEach(e -> registered.add(e.url()));
                    return new Target(endpoints, registered, cipher.decrypt(connection.tokenBSealed),
                            connection.plainTokens, null, null);
                }));
    }

    /**
     * The URL of the job at the receiver: its endpoint for the module joined with the job's (encoded) path, or the
     * response URL it gave, if that is still on one of its registered hosts.
     *
     * @throws UnbuildableRequestException when there is none the hub may call
     */
    private String url(Job job, Target target) {
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
                .map(base -> PartnerEndpoints.join(base, job.path()))
                .orElseThrow(() -> new UnbuildableRequestException("the receiver serves no " + job.module() + " "
                        + job.interfaceRole() + " interface"));
    }

    private Uni<Outcome> send(Attempt attempt, String url) {
        Job job = attempt.job();
        long started = System.nanoTime();
        return client.call(job.method(), url, attempt.target().token(), attempt.target().plain(), job.headers(), job.body(),
                        config.delivery().timeout())
                .map(answer -> {
                    metrics.timer("chargeclear.delivery.latency", "module", moduleTag(job))
                            .record(Duration.ofNanos(System.nanoTime() - started));
                    return classify(answer);
                })
                .onFailure(UnbuildableRequestException.class).recoverWithItem(e -> new Outcome(Kind.UNBUILDABLE,
                        "cannot build the request: " + e.getMessage()))
                .onFailure(PartnerCallException.class).recoverWithItem(e -> new Outcome(
                        ((PartnerCallException) e).reached() ? Kind.RETRY : Kind.DOWN, e.getMessage()));
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

    /** The receiver answered (delivered or refused): the job is done, and the receiver is in contact. */
    private Uni<Void> finish(Job job, String status, String error) {
        return finish(job, status, error, true);
    }

    /**
     * @param answered the receiver answered this job: its failures in a row end and it is in contact; false when the
     *                 hub never sent the job (it could not build it), which says nothing about the receiver
     */
    private Uni<Void> finish(Job job, String status, String error, boolean answered) {
        metrics.counter("chargeclear.delivery.jobs", "outcome", status.toLowerCase(), "module", moduleTag(job))
                .increment();
        if (DeliveryJob.FAILED.equals(status)) {
            LOG.warnf("delivery %s to %s (%s) failed, not retried: %s", job.deliveryId(), job.receiver(),
                    job.objectKey(), error);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> DeliveryJob.update(
                        "status = ?1, attempts = attempts + ?2, lastError = ?3, finishedAt = ?4 where seq = ?5",
                        status, answered ? 1 : 0, error, now, job.seq())
                .flatMap(updated -> answered
                        ? DeliveryReceiver.update("consecutiveFailures = 0, lastError = null where platformId = ?1",
                                job.receiver()).flatMap(done -> contact(job.receiver()))
                        : Uni.createFrom().voidItem()))
                .replaceWithVoid();
    }

    /** The receiver is gone for good: the job is recorded as DROPPED with the reason and never tried. */
    private Uni<Void> drop(Job job, String why) {
        metrics.counter("chargeclear.delivery.jobs", "outcome", "dropped", "module", moduleTag(job)).increment();
        LOG.warnf("delivery %s to %s (%s) dropped: %s", job.deliveryId(), job.receiver(), job.objectKey(), why);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> DeliveryJob.update(
                        "status = ?1, lastError = ?2, finishedAt = ?3 where seq = ?4", DeliveryJob.DROPPED, why, now,
                        job.seq()))
                .replaceWithVoid();
    }

    /**
     * The job stays at the head of the queue and the receiver is tried again after its backoff.
     *
     * @param attempted the job was sent (false: the receiver is suspended and nothing was tried)
     * @param counted   the attempt counts towards {@code delivery.max-attempts} (false when no connection could be
     *                  opened: the receiver is down, and its queue waits for it in order)
     * @return true when this was the job's last allowed attempt: it is FAILED now and the queue may move on
     */
    private Uni<Boolean> retryLater(String receiver, Job job, String why, boolean attempted, boolean counted) {
        if (attempted) {
            metrics.counter("chargeclear.delivery.retries", "module", moduleTag(job)).increment();
        }
        return Panache.withTransaction(() -> DeliveryReceiver.<DeliveryReceiver>findById(receiver).flatMap(r -> {
            r.lastError = why;
            if (!attempted) {
                // nothing was tried: the receiver is suspended. Look again soon, without growing the backoff
                r.nextAttemptAt = Instant.now().plus(WAITING_RECHECK);
                return Uni.createFrom().item(false);
            }
            int failures = r.consecutiveFailures + 1;
            r.consecutiveFailures = failures;
            r.nextAttemptAt = Instant.now().plus(backoff(failures, config.delivery().backoffMin(),
                    config.delivery().backoffMax()));
            Uni<Void> offline = failures >= config.delivery().offlineAfterFailures()
                    ? markOffline(receiver, failures + " deliveries in a row failed: " + why)
                    : Uni.createFrom().voidItem();
            int retries = job.retries() + (counted ? 1 : 0);
            if (retries >= config.delivery().maxAttempts()) {
                // a job the receiver keeps failing on must not hold up the rest of its queue for ever
                String error = "gave up after " + retries + " failed attempts; the last: " + why;
                LOG.warnf("delivery %s to %s (%s) failed, not retried: %s", job.deliveryId(), receiver,
                        job.objectKey(), error);
                metrics.counter("chargeclear.delivery.jobs", "outcome", "failed", "module", moduleTag(job)).increment();
                r.nextAttemptAt = Instant.now();
                return DeliveryJob.update("status = ?1, attempts = attempts + 1, retries = ?2, lastError = ?3,"
                                        + " finishedAt = ?4 where seq = ?5", DeliveryJob.FAILED, retries, error,
                                Instant.now().truncatedTo(ChronoUnit.MICROS), job.seq())
                        .flatMap(updated -> offline).replaceWith(true);
            }
            return DeliveryJob.update("attempts = attempts + 1, retries = ?1, lastError = ?2 where seq = ?3", retries,
                            why, job.seq())
                    .flatMap(updated -> offline).replaceWith(false);
        }));
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
     * {@code max-attempts}; DOWN, no connection at all or HTTP 502/503 (retried, not counted).
     */
    enum Kind { DELIVERED, REFUSED, UNBUILDABLE, RETRY, DOWN }

    record Outcome(Kind kind, String detail) {
    }

    /** A job detached from its session, so it can travel across transactions. */
    record Job(long seq, String deliveryId, String receiver, String module, String interfaceRole, String path,
               String url, String method, Map<String, String> headers, String body, String objectKey, int retries) {
    }

    /** How to reach a receiver now; or why its jobs wait ({@code waitReason}) or are dropped ({@code dropReason}). */
    private record Target(PartnerEndpoints endpoints, List<String> registered, String token, boolean plain,
                          String waitReason, String dropReason) {
        static Target waiting(String why) {
            return new Target(null, List.of(), null, false, why, null);
        }

        static Target dropped(String why) {
            return new Target(null, List.of(), null, false, null, why);
        }
    }

    private record Attempt(Job job, Target target) {
    }

    private Job detach(DeliveryJob job) {
        return new Job(job.seq, job.deliveryId.toString(), job.receiverPlatform, job.module, job.interfaceRole, job.path,
                job.url, job.method, headers(job.headers), job.body, job.objectKey, job.retries);
    }
}
