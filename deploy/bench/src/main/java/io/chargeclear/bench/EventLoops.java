package io.chargeclear.bench;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Spreads the benchmark's clients and servers over Vert.x's event loops. Everything created from the main thread
 * would share the one context Vert.x attaches to that thread, so one event loop would carry the load generator and
 * every fake server, and its backlog would show up as latency of the paths under test; each deployed verticle gets
 * the next event loop instead.
 */
final class EventLoops {

    private EventLoops() {
    }

    /** A context of its own, on the next event loop. */
    static Context next(Vertx vertx) {
        CompletableFuture<Context> deployed = new CompletableFuture<>();
        vertx.deployVerticle(new AbstractVerticle() {
            @Override
            public void start() {
                deployed.complete(context);
            }
        });
        return await(deployed);
    }

    /** Runs {@code action} on {@code context} and waits for its result, e.g. a server listening. */
    static <T> T on(Context context, Supplier<Future<T>> action) {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(ignored -> action.get().onComplete(outcome -> {
            if (outcome.succeeded()) {
                result.complete(outcome.result());
            } else {
                result.completeExceptionally(outcome.cause());
            }
        }));
        return await(result);
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Vert.x did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
