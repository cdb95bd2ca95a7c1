package io.chargeclear.rating.service;

import io.chargeclear.kit.background.BackgroundWork;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Rates flagged CDRs again every {@code chargeclear.rating.retry-interval}. A tariff, location or agreement event
 * already re-rates the CDRs waiting for it; this catches the one case that cannot: the CDR and what it waited for
 * were consumed at the same moment, in two transactions that did not see each other. A CDR still waiting for the
 * same thing produces no new event.
 */
@ApplicationScoped
public class RatingRetry {

    private static final Logger LOG = Logger.getLogger(RatingRetry.class);

    private final Vertx vertx;
    private final RatingService ratings;
    private final Duration interval;
    private volatile long timer = -1;

    public RatingRetry(Vertx vertx, RatingService ratings,
                       @ConfigProperty(name = "chargeclear.rating.retry-interval") Duration interval) {
        this.vertx = vertx;
        this.ratings = ratings;
        this.interval = interval;
    }

    void start(@Observes StartupEvent started) {
        timer = vertx.setPeriodic(interval.toMillis(), id -> BackgroundWork.run(vertx,
                () -> Panache.withTransaction(ratings::rerateAllWaiting), LOG,
                "re-rating flagged CDRs failed; tried again in " + interval));
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }
}
