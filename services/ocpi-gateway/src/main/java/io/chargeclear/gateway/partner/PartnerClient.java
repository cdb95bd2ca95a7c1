package io.chargeclear.gateway.partner;

import io.chargeclear.gateway.config.GatewayConfig;
import io.chargeclear.model.ocpi.TokenHeader;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientRequest;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The hub's HTTP client towards partner platforms: one request with the partner's token B, the routing and
 * correlation headers given, a fresh {@code X-Request-ID} (OCPI 2.2.1 §transport_and_format: a hub makes a new
 * request id per forwarded request and keeps the correlation id) and a hard deadline. Runs on the caller's
 * Vert.x context, so a reactive database session can continue on the answer.
 * <p>
 * Every URL goes through {@link OutgoingUrls#check} first, and no header value may hold a line break: what cannot
 * be sent as it is fails with {@link UnbuildableRequestException} and is never sent. A partner is given
 * {@code partner-client.connect-timeout} to accept the connection, is cut off when nothing arrives for
 * {@code partner-client.idle-timeout}, and in any case at the call's deadline (the connection is then reset, so a
 * partner that accepts and never answers, or answers a byte at a time, holds nothing for long).
 * <p>
 * Connections are kept alive and pooled per partner host ({@code partner-client.pool-size}); requests beyond it wait
 * in a bounded queue ({@code partner-client.wait-queue-size}) and, when that is full, fail at once as busy: under
 * overload the hub answers fast rather than letting every request wait out its deadline.
 */
@ApplicationScoped
public class PartnerClient {

    /** Connections per host when a caller does not say (tests building the client by hand). */
    static final int DEFAULT_POOL_SIZE = 32;
    /** Requests waiting for a connection per host when a caller does not say. */
    static final int DEFAULT_WAIT_QUEUE_SIZE = 128;

    private final HttpClient client;
    private final Duration connectTimeout;
    private final Duration idleTimeout;

    @Inject
    public PartnerClient(Vertx vertx, GatewayConfig config) {
        this(vertx, config.partnerClient().connectTimeout(), config.partnerClient().idleTimeout(),
                config.partnerClient().poolSize(), config.partnerClient().waitQueueSize(),
                config.partnerClient().keepAliveTimeout());
    }

    public PartnerClient(Vertx vertx, Duration connectTimeout, Duration idleTimeout) {
        this(vertx, connectTimeout, idleTimeout, DEFAULT_POOL_SIZE, DEFAULT_WAIT_QUEUE_SIZE, idleTimeout);
    }

    /**
     * @param poolSize         keep-alive connections per partner host (host and port), at most
     * @param waitQueueSize    requests per host that may wait for a connection; more fail at once as
     *                         {@linkplain PartnerCallException#busy() busy}
     * @param keepAliveTimeout how long an unused pooled connection stays open
     */
    public PartnerClient(Vertx vertx, Duration connectTimeout, Duration idleTimeout, int poolSize, int waitQueueSize,
                         Duration keepAliveTimeout) {
        if (poolSize < 1 || waitQueueSize < 0) {
            throw new IllegalArgumentException("partner-client.pool-size must be at least 1 and wait-queue-size not"
                    + " negative, got " + poolSize + " and " + waitQueueSize);
        }
        this.connectTimeout = connectTimeout;
        this.idleTimeout = idleTimeout;
        // Vert.x keeps one pool per endpoint (host and port): the sizes below are per partner host, not in total
        this.client = vertx.createHttpClient(new HttpClientOptions()
                        .setConnectTimeout((int) connectTimeout.toMillis())
                        .setIdleTimeout((int) idleTimeout.toMillis())
                        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                        .setKeepAlive(true)
                        .setKeepAliveTimeout((int) Math.max(1, keepAliveTimeout.toSeconds()))
                        // one request at a time per connection: a slow answer never holds up the ones behind it
                        .setPipelining(false),
                new PoolOptions()
                        .setHttp1MaxSize(poolSize)
                        .setMaxWaitQueueSize(waitQueueSize));
    }

    @PreDestroy
    void close() {
        client.closeAndAwait();
    }

    /**
     * @param url     absolute URL
     * @param token   the partner's token B (sent Base64 unless {@code plain})
     * @param headers extra headers (routing, correlation); {@code X-Request-ID} is always new
     * @param body    JSON body or null
     * @throws PartnerCallException (as the Uni's failure) on timeout or when the partner cannot be reached
     * @throws UnbuildableRequestException (as the Uni's failure) when the request cannot be built; nothing was sent
     */
    public Uni<PartnerAnswer> call(String method, String url, String token, boolean plain,
                                   Map<String, String> headers, String body, Duration timeout) {
        RequestOptions options;
        try {
            options = options(method, url, token, plain, headers, body != null, timeout);
        } catch (UnbuildableRequestException e) {
            return Uni.createFrom().failure(e);
        }
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        return connection(options)
                .invoke(sent::set)
                .flatMap(request -> body == null ? request.send() : request.send(Buffer.buffer(body)))
                .flatMap(response -> response.body().map(content -> {
                    Map<String, String> answerHeaders = new HashMap<>();
                    response.headers().forEach(h -> answerHeaders.putIfAbsent(h.getKey().toLowerCase(), h.getValue()));
                    return new PartnerAnswer(response.statusCode(), Map.copyOf(answerHeaders), content.toString());
                }))
                .ifNoItem().after(timeout).failWith(() -> new TimeoutException("no answer in " + timeout))
                .onFailure().invoke(e -> {
                    HttpClientRequest request = sent.get();
                    if (request != null) {
                        request.reset();
                    }
                })
                .onFailure(ConnectionPoolTooBusyException.class).transform(e -> PartnerCallException.busy(
                        "too many requests waiting for " + OutgoingUrls.printable(url) + ": " + e.getMessage(), e))
                .onFailure(e -> !(e instanceof PartnerCallException) && !(e instanceof UnbuildableRequestException))
                .transform(e -> new PartnerCallException(describe(url, e), timedOut(e), reached(e), e));
    }

    /**
     * A request bound to a pooled connection. Vert.x cannot withdraw a request that waits for a connection, so one
     * that arrives after the caller gave up (its deadline passed while it waited in the host's queue) is reset at
     * once: it never goes out and its connection returns to the pool instead of idling until the idle timeout.
     */
    private Uni<HttpClientRequest> connection(RequestOptions options) {
        return Uni.createFrom().emitter(emitter -> {
            AtomicBoolean settled = new AtomicBoolean();
            emitter.onTermination(() -> settled.set(true));
            client.getDelegate().request(options).onComplete(result -> {
                if (result.failed()) {
                    emitter.fail(result.cause());
                } else if (settled.compareAndSet(false, true)) {
                    emitter.complete(HttpClientRequest.newInstance(result.result()));
                } else {
                    result.result().reset();
                }
            });
        });
    }

    private RequestOptions options(String method, String url, String token, boolean plain, Map<String, String> headers,
                                   boolean body, Duration timeout) {
        OutgoingUrls.check(url);
        HttpMethod httpMethod;
        try {
            httpMethod = HttpMethod.valueOf(method);
        } catch (IllegalArgumentException e) {
            throw new UnbuildableRequestException("not an HTTP method: " + OutgoingUrls.printable(method));
        }
        RequestOptions options = new RequestOptions()
                .setMethod(httpMethod)
                .setAbsoluteURI(url)
                // waiting in the host's queue and connecting both count here: never longer than the call's own deadline
                .setConnectTimeout(Math.min(connectTimeout.toMillis(), timeout.toMillis()))
                .setIdleTimeout(Math.min(idleTimeout.toMillis(), timeout.toMillis()))
                .putHeader("Authorization", TokenHeader.encode(token, plain))
                .putHeader("X-Request-ID", UUID.randomUUID().toString())
                .putHeader("Accept", "application/json");
        headers.forEach((name, value) -> {
            if (name == null || value == null || name.isEmpty() || !printableHeader(name) || !printableHeader(value)) {
                throw new UnbuildableRequestException("header " + OutgoingUrls.printable(String.valueOf(name))
                        + " cannot be sent as it is: " + OutgoingUrls.printable(String.valueOf(value)));
            }
            options.putHeader(name, value);
        });
        if (body) {
            options.putHeader("Content-Type", "application/json");
        }
        return options;
    }

    /** No control character (CR, LF, NUL...) in a header name or value: it would end or split the header. */
    private static boolean printableHeader(String value) {
        return value.chars().noneMatch(c -> c < 0x20 && c != '\t' || c == 0x7f);
    }

    /** False when no connection to the partner could be opened at all (refused, unknown host, connect timeout). */
    private static boolean reached(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof UnknownHostException
                    || cause instanceof NoRouteToHostException) {
                return false;
            }
        }
        return true;
    }

    private static boolean timedOut(Throwable e) {
        return e instanceof TimeoutException || e instanceof io.netty.handler.timeout.TimeoutException
                || (e.getClass().getSimpleName().contains("Timeout"))
                || (e.getMessage() != null && e.getMessage().contains("timeout"));
    }

    private static String describe(String url, Throwable e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return (timedOut(e) ? "no answer in time from " : "cannot reach ") + url + ": " + why;
    }
}
