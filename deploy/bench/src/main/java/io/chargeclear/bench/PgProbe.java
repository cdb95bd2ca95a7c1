package io.chargeclear.bench;

import org.HdrHistogram.Histogram;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The floor of any request that commits: one single-row insert and its commit on the hub's own PostgreSQL, over
 * JDBC on loopback, in a schema of its own ({@code bench_probe}, dropped at the end; no outbox table, so the relay
 * ignores it). A commit waits for the WAL flush, which is what a request path that writes cannot avoid; batching
 * many rows into one commit pays that flush once, and {@link #batchedRowsPerSecond} says how far that goes here.
 */
final class PgProbe implements AutoCloseable {

    private final Connection connection;
    private final PreparedStatement insert;
    private final PreparedStatement insertMany;

    PgProbe(String jdbcUrl, String user, String password) throws SQLException {
        connection = DriverManager.getConnection(jdbcUrl, user, password);
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("create schema if not exists bench_probe");
            ddl.execute("create table if not exists bench_probe.commit_probe (id bigserial primary key,"
                    + " at timestamptz not null default now(), payload text not null)");
        }
        connection.setAutoCommit(false);
        insert = connection.prepareStatement("insert into bench_probe.commit_probe (payload) values (?)");
        insertMany = connection.prepareStatement(
                "insert into bench_probe.commit_probe (payload) select unnest(?::text[])");
    }

    /** One insert and its commit; returns how long both took, in nanoseconds. */
    long commitOne() throws SQLException {
        long start = System.nanoTime();
        insert.setString(1, "hop");
        insert.executeUpdate();
        connection.commit();
        return System.nanoTime() - start;
    }

    /** {@code count} commits one after the other, after {@code warmUp} unrecorded ones, in microseconds. */
    Histogram sequential(int warmUp, int count) throws SQLException {
        Histogram micros = new Histogram(60_000_000L, 3);
        for (int i = 0; i < warmUp; i++) {
            commitOne();
        }
        for (int i = 0; i < count; i++) {
            micros.recordValue(Math.max(1, commitOne() / 1000));
        }
        return micros;
    }

    /** Single-row commits one after the other for about {@code seconds}: commits (= rows) per second. */
    double commitsPerSecond(double seconds) throws SQLException {
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        long commits = 0;
        while (System.nanoTime() < deadline) {
            commitOne();
            commits++;
        }
        return commits / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * Commits of {@code rowsPerCommit} rows each (one multi-row insert, then the commit), one after the other for about
     * {@code seconds}: rows per second.
     */
    double batchedRowsPerSecond(int rowsPerCommit, double seconds) throws SQLException {
        String[] payloads = new String[rowsPerCommit];
        java.util.Arrays.fill(payloads, "probe");
        java.sql.Array array = connection.createArrayOf("text", payloads);
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        long rows = 0;
        while (System.nanoTime() < deadline) {
            insertMany.setArray(1, array);
            rows += insertMany.executeUpdate();
            connection.commit();
        }
        return rows / ((System.nanoTime() - start) / 1e9);
    }

    @Override
    public void close() {
        try {
            connection.setAutoCommit(true);
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("drop schema if exists bench_probe cascade");
            }
            connection.close();
        } catch (SQLException e) {
            // the schema stays until the next run's close drops it; it holds only probe rows
        }
    }
}
