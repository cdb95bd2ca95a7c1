package io.chargeclear.gateway.delivery;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chargeclear.gateway.config.GatewayConfig;
import io.chargeclear.gateway.persistence.DeliveryJob;
import io.chargeclear.gateway.persistence.DeliveryReceiver;
import io.chargeclear.gateway.persistence.PartnerConnection;
import io.chargeclear.gateway.routing.PartnerAnswer;
import io.chargeclear.gateway.routing.PartnerCallException;
import io.chargeclear.gateway.routing.PartnerClient;
import io.chargeclear.gateway.routing.PartnerEndpoints;
import io.chargeclear.gateway.service.ClientInfoAnnouncer;
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
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Works through each receiver's delivery jobs strictly in order (ADR 0008): the oldest pending job first, the next
 * only once it is delivered. A receiver that cannot be reached, times out, answers HTTP 5xx/401/408/429 or an
 * OCPI 3xxx keeps its job and is retried with exponential backoff ({@code delivery.backoff-min} doubling up to
 * {@code delivery.backoff-max}); its later jobs wait behind it, so it gets everything in order when it returns,
 * and other receivers are not held up. A receiver that refuses a job's content (OCPI 2xxx, HTTP 400/404/405) will
 * refuse it again: that job is marked FAILED with the answer, counted, listed for operators, and the queue moves
 * on. Nothing is dropped silently.
 * <p>
 * Each receiver is leased to one gateway replica at a time ({@code delivery_receiver}), so replicas share the
 * work without reordering it.
 * <p>
 * It also keeps HubClientInfo's OFFLINE status: a receiver is OFFLINE after {@code delivery.offline-after-failures}
 * retryable failures in a row, and a connected platform silent for {@code delivery.still-alive-interval} gets a GET
 * on its versions endpoint (the still-alive check); any answer ends OFFLINE. Changes go out through
 * {@link ClientInfoAnnouncer}.
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
    private final ClientInfoAnnouncer announcer;
    private volatile long timer = -1;
    private volatile long probeTimer = -1;

    public DeliveryDispatcher(Vertx vertx, PartnerClient client, TokenCipher cipher, GatewayConfig config,
                              MeterRegistry metrics, ObjectMapper json, ClientInfoAnnouncer announcer) {
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
                .onFailure(PartnerCallException.class).recoverWithItem(false)
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
                    if (attempt.target().waitReason() != null) {
                        return retryLater(receiver, attempt.job(), attempt.target().waitReason(), false);
                    }
                    String url = url(attempt.job(), attempt.target().endpoints());
                    if (url == null) {
                        return finish(attempt.job(), DeliveryJob.FAILED, "the receiver serves no "
                                + attempt.job().module() + " " + attempt.job().interfaceRole() + " interface")
                                .flatMap(done -> drain(receiver, budget - 1));
                    }
                    return send(attempt, url).flatMap(outcome -> switch (outcome.kind()) {
                        case DELIVERED -> finish(attempt.job(), DeliveryJob.DELIVERED, null)
                                .flatMap(done -> drain(receiver, budget - 1));
                        case REFUSED -> finish(attempt.job(), DeliveryJob.FAILED, outcome.detail())
                                .flatMap(done -> drain(receiver, budget - 1));
                        case RETRY -> retryLater(receiver, attempt.job(), outcome.detail(), true);
                    });
                });
    }

    private Uni<Target> target(String receiver) {
        return DirectoryParty.<DirectoryParty>find("platformId", receiver).firstResult()
                .flatMap(party -> PartnerConnection.<PartnerConnection>findById(receiver).map(connection -> {
                    if (party == null) {
                        return Target.waiting("the receiver platform is not registered at the hub");
                    }
                    if (!"ACTIVE".equals(party.status)) {
                        return Target.waiting("the receiver platform is " + party.status.toLowerCase());
                    }
                    if (connection == null) {
                        return Target.waiting("the receiver platform is not connected (no credentials handshake)");
                    }
                    return new Target(PartnerEndpoints.parse(connection.endpoints), cipher.decrypt(connection.tokenBSealed),
                            connection.plainTokens, null);
                }));
    }

    private static String url(Job job, PartnerEndpoints endpoints) {
        if (job.url() != null) {
            return job.url();
        }
        return endpoints.url(job.module(), InterfaceRole.valueOf(job.interfaceRole()))
                .map(base -> PartnerEndpoints.join(base, job.path()))
                .orElse(null);
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
                .onFailure(PartnerCallException.class).recoverWithItem(e -> new Outcome(Kind.RETRY, e.getMessage()));
    }

    static Outcome classify(PartnerAnswer answer) {
        int http = answer.http();
        int status = answer.statusCode();
        String detail = "HTTP " + http + (status < 0 ? " without an OCPI envelope" : ", OCPI " + status
                + answer.envelope().map(e -> " " + e.path("status_message").asText("")).orElse(""));
        if (answer.success()) {
            return new Outcome(Kind.DELIVERED, null);
        }
        if (http >= 500 || http == 401 || http == 403 || http == 408 || http == 429 || (status >= 3000 && status < 5000)) {
            return new Outcome(Kind.RETRY, detail);
        }
        if ((http >= 400 && http < 500) || (status >= 2000 && status < 3000)) {
            return new Outcome(Kind.REFUSED, detail);
        }
        return new Outcome(Kind.RETRY, detail);
    }

    private Uni<Void> finish(Job job, String status, String error) {
        metrics.counter("chargeclear.delivery.jobs", "outcome", status.toLowerCase(), "module", moduleTag(job))
                .increment();
        if (DeliveryJob.FAILED.equals(status)) {
            LOG.warnf("delivery %s to %s (%s) refused, not retried: %s", job.deliveryId(), job.receiver(),
                    job.objectKey(), error);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> DeliveryJob.update(
                        "status = ?1, attempts = attempts + 1, lastError = ?2, finishedAt = ?3 where seq = ?4",
                        status, error, now, job.seq())
                .flatMap(updated -> DeliveryReceiver.update(
                        "consecutiveFailures = 0, lastError = null where platformId = ?1", job.receiver()))
                .flatMap(updated -> contact(job.receiver())))
                .replaceWithVoid();
    }

    private Uni<Void> retryLater(String receiver, Job job, String why, boolean attempted) {
        if (attempted) {
            metrics.counter("chargeclear.delivery.retries", "module", moduleTag(job)).increment();
        }
        return Panache.withTransaction(() -> DeliveryReceiver.<DeliveryReceiver>findById(receiver).flatMap(r -> {
            r.lastError = why;
            if (!attempted) {
                // nothing was tried: the receiver is suspended or not connected. Look again soon, without growing
                // the backoff; a new handshake also wakes the queue at once (DeliveryDispatcher#receiverConnected)
                r.nextAttemptAt = Instant.now().plus(WAITING_RECHECK);
                return Uni.createFrom().voidItem();
            }
            int failures = r.consecutiveFailures + 1;
            r.consecutiveFailures = failures;
            r.nextAttemptAt = Instant.now().plus(backoff(failures, config.delivery().backoffMin(),
                    config.delivery().backoffMax()));
            return DeliveryJob.update("attempts = attempts + 1, lastError = ?1 where seq = ?2", why, job.seq())
                    .flatMap(updated -> failures >= config.delivery().offlineAfterFailures()
                            ? markOffline(receiver, failures + " deliveries in a row failed: " + why)
                            : Uni.createFrom().voidItem());
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

    enum Kind { DELIVERED, REFUSED, RETRY }

    record Outcome(Kind kind, String detail) {
    }

    /** A job detached from its session, so it can travel across transactions. */
    record Job(long seq, String deliveryId, String receiver, String module, String interfaceRole, String path,
               String url, String method, Map<String, String> headers, String body, String objectKey) {
    }

    private record Target(PartnerEndpoints endpoints, String token, boolean plain, String waitReason) {
        static Target waiting(String why) {
            return new Target(null, null, false, why);
        }
    }

    private record Attempt(Job job, Target target) {
    }

    private Job detach(DeliveryJob job) {
        return new Job(job.seq, job.deliveryId.toString(), job.receiverPlatform, job.module, job.interfaceRole, job.path,
                job.url, job.method, headers(job.headers), job.body, job.objectKey);
    }
}
