package io.chargeclear.kit.inbox;

import com.fasterxml.jackson.core.JsonParseException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import org.hibernate.HibernateException;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

class FailuresTest {

    @Test
    void anUnreachableOrRestartingDatabaseIsTransientHoweverDeepItIsWrapped() {
        assertThat(Failures.isTransient(new CompletionException(new HibernateException("wrapped",
                new ConnectException("Connection refused"))))).isTrue();
        assertThat(Failures.isTransient(new HibernateException(ClosedConnectionException.INSTANCE))).isTrue();
        assertThat(Failures.isTransient(pg("57P01", "terminating connection due to administrator command"))).isTrue();
        assertThat(Failures.isTransient(pg("08006", "connection failure"))).isTrue();
        assertThat(Failures.isTransient(pg("53300", "too many connections"))).isTrue();
        assertThat(Failures.isTransient(pg("40001", "could not serialize access"))).isTrue();
        assertThat(Failures.isTransient(pg("40P01", "deadlock detected"))).isTrue();
        assertThat(Failures.isTransient(new io.vertx.core.VertxException("Connection is closed"))).isTrue();
    }

    @Test
    void whatTheRecordItselfCausesIsPermanent() {
        assertThat(Failures.isTransient(pg("22021", "invalid byte sequence for encoding \"UTF8\": 0x00"))).isFalse();
        assertThat(Failures.isTransient(pg("23505", "duplicate key value violates unique constraint"))).isFalse();
        assertThat(Failures.isTransient(pg("P0001", "refused by a trigger"))).isFalse();
        assertThat(Failures.isTransient(new UncheckedIOException("unreadable payload",
                new JsonParseException(null, "Unrecognized token 'not'")))).isFalse();
        assertThat(Failures.isTransient(new IllegalArgumentException("volume must not be negative"))).isFalse();
    }

    @Test
    void theDescriptionNamesTheRootCause() {
        var failure = new HibernateException("could not execute statement", pg("22021", "invalid byte sequence"));
        assertThat(Failures.rootCause(failure)).isInstanceOf(PgException.class);
        assertThat(Failures.describe(failure)).contains("could not execute statement", "invalid byte sequence");
    }

    @Test
    void backoffDoublesFromHalfASecondUpToThirtySeconds() {
        assertThat(Inbox.backoff(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(Inbox.backoff(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(Inbox.backoff(4)).isEqualTo(Duration.ofSeconds(4));
        assertThat(Inbox.backoff(7)).isEqualTo(Duration.ofSeconds(30));
        assertThat(Inbox.backoff(10_000)).isEqualTo(Duration.ofSeconds(30));
    }

    private static PgException pg(String sqlState, String message) {
        return new PgException(message, "ERROR", sqlState, null);
    }
}
