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
import io.vertx.core.http.HttpClientOptions;
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
 */
@ApplicationScoped
public class PartnerClient {

    private final HttpClient client;
    private final Duration connectTimeout;
    private final Duration idleTimeout;

    @Inject
    public PartnerClient(Vertx vertx, GatewayConfig config) {
        this(vertx, config.partnerClient().connectTimeout(), config.partnerClient().idleTimeout());
    }

    public PartnerClient(Vertx vertx, Duration connectTimeout, Duration idleTimeout) {
        this.connectTimeout = connectTimeout;
        this.idleTimeout = idleTimeout;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) connectTimeout.toMillis())
                .setIdleTimeout((int) idleTimeout.toMillis())
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setMaxPoolSize(64)
                .setKeepAlive(true));
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
        return client.request(options)
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
                .onFailure(e -> !(e instanceof PartnerCallException) && !(e instanceof UnbuildableRequestException))
                .transform(e -> new PartnerCallException(describe(url, e), timedOut(e), reached(e), e));
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
                .setConnectTimeout(connectTimeout.toMillis())
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
