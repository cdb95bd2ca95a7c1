package io.chargeclear.kit.background;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;
import org.jboss.logging.Logger;

import java.util.function.Supplier;

/**
 * Runs reactive work that no request or Kafka message started (timers, nudges): on a fresh duplicated Vert.x
 * context marked safe, which Hibernate Reactive's sessions require, with a failure logged rather than lost.
 */
public final class BackgroundWork {

    private BackgroundWork() {
    }

    /** Starts {@code work} on its own context; a failure is logged at ERROR with {@code whatFailed}. */
    public static void run(Vertx vertx, Supplier<Uni<Void>> work, Logger log, String whatFailed) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getDelegate().getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> work.get().subscribe().with(
                done -> { },
                failure -> log.errorf(failure, "%s", whatFailed)));
    }
}
