package io.chargeclear.gateway.config;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.TimeUnit;

/**
 * The reactive PostgreSQL pool as Quarkus configures it, plus a bounded wait for a connection
 * (docs/adr/0023-gateway-overload.md): Quarkus exposes no setting for the pool's wait queue or acquisition timeout,
 * and the client's defaults (an unbounded queue, 30 s) let requests queue for seconds when the pool is exhausted. A
 * statement that cannot get a connection in {@code overload.database-wait-timeout}, or finds
 * {@code overload.database-wait-queue-size} statements already waiting, fails at once; the request is answered
 * HTTP 503 with {@code Retry-After} (a transient failure, ADR 0014) and Kafka consumers retry the record.
 */
@ApplicationScoped
public class DatabasePool implements PgPoolCreator {

    private final GatewayConfig.Overload overload;

    public DatabasePool(GatewayConfig config) {
        this.overload = config.overload();
    }

    @Override
    public Pool create(Input input) {
        PoolOptions options = new PoolOptions(input.poolOptions())
                .setMaxWaitQueueSize(overload.databaseWaitQueueSize())
                .setConnectionTimeout((int) Math.max(1, overload.databaseWaitTimeout().toMillis()))
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
        return PgPool.pool(input.vertx(), input.pgConnectOptionsList(), options);
    }
}
