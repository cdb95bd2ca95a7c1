package io.chargeclear.gateway.routing;

import io.chargeclear.model.ocpi.TokenHeader;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * The hub's HTTP client towards partner platforms: one request with the partner's token B, the routing and
 * correlation headers given, a fresh {@code X-Request-ID} (OCPI 2.2.1 §transport_and_format: a hub makes a new
 * request id per forwarded request and keeps the correlation id) and a hard deadline. Runs on the caller's
 * Vert.x context, so a reactive database session can continue on the answer.
 */
@ApplicationScoped
public class PartnerClient {

    private final HttpClient client;

    public PartnerClient(Vertx vertx) {
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout(5_000)
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
     */
    public Uni<PartnerAnswer> call(String method, String url, String token, boolean plain,
                                   Map<String, String> headers, String body, Duration timeout) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.valueOf(method))
                .setAbsoluteURI(url)
                .setTimeout(timeout.toMillis())
                .putHeader("Authorization", TokenHeader.encode(token, plain))
                .putHeader("X-Request-ID", UUID.randomUUID().toString())
                .putHeader("Accept", "application/json");
        headers.forEach(options::putHeader);
        if (body != null) {
            options.putHeader("Content-Type", "application/json");
        }
        return client.request(options)
                .flatMap(request -> body == null ? request.send() : request.send(Buffer.buffer(body)))
                .flatMap(response -> response.body().map(content -> {
                    Map<String, String> answerHeaders = new HashMap<>();
                    response.headers().forEach(h -> answerHeaders.putIfAbsent(h.getKey().toLowerCase(), h.getValue()));
                    return new PartnerAnswer(response.statusCode(), Map.copyOf(answerHeaders), content.toString());
                }))
                .ifNoItem().after(timeout.plusMillis(500)).failWith(() -> new TimeoutException("no answer in " + timeout))
                .onFailure(e -> !(e instanceof PartnerCallException)).transform(e -> new PartnerCallException(
                        describe(url, e), timedOut(e), e));
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
