package io.chargeclear.kit.inbox;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import jakarta.persistence.OptimisticLockException;
import org.hibernate.StaleStateException;

import java.net.ConnectException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Tells a failure of the infrastructure (retry the same record until it works) from a failure of the record itself
 * (park it). Transient: the database or the broker unavailable or overloaded, a closed or refused connection, a pool
 * or connection timeout, SQLSTATE classes 08 (connection), 53 (insufficient resources), 57P0x (shutdown, crash
 * recovery) and the concurrency failures 40001 and 40P01, Kafka's retriable exceptions. Anything else is the
 * record's: retrying it would fail the same way.
 */
public final class Failures {

    private static final Set<String> TRANSIENT_CLASS_NAMES = Set.of(
            "org.apache.kafka.common.errors.RetriableException",
            "org.hibernate.exception.JDBCConnectionException",
            "io.netty.channel.ConnectTimeoutException",
            "io.vertx.core.http.ConnectionPoolTooBusyException",
            "io.vertx.core.impl.NoStackTraceTimeoutException");

    private Failures() {
    }

    /** @return whether retrying the same work later may succeed, looking through the whole cause chain */
    public static boolean isTransient(Throwable failure) {
        IdentityHashMap<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (transientItself(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean transientItself(Throwable t) {
        if (t instanceof PgException pg) {
            return transientSqlState(pg.getSqlState());
        }
        if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null && transientSqlState(sql.getSQLState())) {
            return true;
        }
        if (t instanceof ClosedConnectionException || t instanceof ConnectException || t instanceof SocketException
                || t instanceof ClosedChannelException || t instanceof TimeoutException
                || t instanceof SQLTransientException || t instanceof SQLRecoverableException
                || t instanceof OptimisticLockException || t instanceof StaleStateException) {
            return true;
        }
        for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
            if (TRANSIENT_CLASS_NAMES.contains(c.getName())) {
                return true;
            }
        }
        // the reactive client reports a lost or closing connection and an exhausted pool with plain VertxExceptions
        String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
        boolean connectionGone = message.contains("connection") && (message.contains("closed")
                || message.contains("refused") || message.contains("reset") || message.contains("lost"));
        return t instanceof io.vertx.core.VertxException
                && (connectionGone || message.contains("pool closed") || message.contains("timeout"));
    }

    /** SQLSTATE classes that mean "the server could not do it now", not "this statement is wrong". */
    static boolean transientSqlState(String state) {
        if (state == null) {
            return false;
        }
        return state.startsWith("08") || state.startsWith("53") || state.startsWith("57P0")
                || state.equals("40001") || state.equals("40P01");
    }

    /** One line naming the failure and its root cause, for logs and the dead-letter table. */
    public static String describe(Throwable failure) {
        Throwable root = rootCause(failure);
        String message = String.valueOf(failure.getMessage());
        if (root != failure && root.getMessage() != null && !message.contains(root.getMessage())) {
            message = message + " (caused by " + root.getClass().getName() + ": " + root.getMessage() + ")";
        }
        return message;
    }

    /** The deepest cause: the class an operator wants to see (PgException, JsonParseException...). */
    public static Throwable rootCause(Throwable failure) {
        IdentityHashMap<Throwable, Boolean> seen = new IdentityHashMap<>();
        Throwable t = failure;
        while (t.getCause() != null && seen.put(t, Boolean.TRUE) == null) {
            t = t.getCause();
        }
        return t;
    }
}
