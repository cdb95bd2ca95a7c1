package io.chargeclear.settlement;

import io.chargeclear.settlement.messaging.RatedCdrConsumer;
import io.chargeclear.testkit.LocalInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger's consumer applies a Kafka batch in one transaction (docs/adr/0021-batched-consumers.md), against the
 * real PostgreSQL: the batches are handed to the consumer exactly as the Kafka connector hands over a poll, so each
 * test controls what one batch holds. The same consumer over the real topic is covered by {@link LedgerFlowTest} and
 * {@link DeadLetterFlowTest}, which now run in batch mode.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, scope = TestResourceScope.GLOBAL)
class BatchedBookingTest {

    private static final String TOPIC = "rating.cdr-rated.v1";
    private static final Instant SESSION_END = Instant.parse("2026-03-01T11:00:00Z");
    private static final AtomicInteger NEXT = new AtomicInteger(ThreadLocalRandom.current().nextInt(26 * 26));
    /** Offsets far beyond the real topic's, so nothing here is mistaken for a record the connector delivered. */
    private static final AtomicLong OFFSETS = new AtomicLong(1_000_000_000L + ThreadLocalRandom.current().nextInt(1 << 20));

    @Inject
    RatedCdrConsumer consumer;

    @Inject
    Vertx vertx;

    private RatedCdrs cdrs;
    private String cpo;
    private String emsp;

    @BeforeEach
    void parties() {
        String letters = letters();
        cpo = "NL*B" + letters;
        emsp = "DE*B" + letters;
        cdrs = new RatedCdrs(null, cpo, emsp);
    }

    @Test
    void anEventTwiceInOneBatchIsBookedOnceAndTheBatchCommitsAsOneTransaction() throws Exception {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        String third = UUID.randomUUID().toString();
        consume(List.of(rated(first, "CDR-1", "1.00", "0.90", "0.10"),
                rated(second, "CDR-2", "2.00", "1.90", "0.10"),
                rated(first, "CDR-1", "1.00", "0.90", "0.10"),
                rated(third, "CDR-3", "4.00", "3.90", "0.10")));

        assertThat(entries("CDR-1")).isEqualTo(1);
        assertThat(entries("CDR-2")).isEqualTo(1);
        assertThat(entries("CDR-3")).isEqualTo(1);
        assertThat(receivable()).isEqualTo(700);
        // one inbox row per event, all written by the same transaction
        assertThat(query("select count(*) from settlement.inbox_event where consumer = 'ledger' and event_id in (?, ?, ?)",
                first, second, third)).isEqualTo(3);
        assertThat(query("select count(distinct xmin::text) from settlement.inbox_event where consumer = 'ledger'"
                + " and event_id in (?, ?, ?)", first, second, third)).isEqualTo(1);
    }

    @Test
    void aRecordTheBatchCannotApplyIsParkedAndTheOthersAreBooked() throws Exception {
        String before = UUID.randomUUID().toString();
        String garbled = UUID.randomUUID().toString();
        String after = UUID.randomUUID().toString();
        ConsumerRecord<String, String> unreadable = record(garbled, cdrs.key("CDR-GARBLED"), "not json at all");
        consume(List.of(rated(before, "CDR-BEFORE", "1.00", "0.90", "0.10"), unreadable,
                rated(after, "CDR-AFTER", "2.00", "1.90", "0.10")));

        assertThat(entries("CDR-BEFORE")).isEqualTo(1);
        assertThat(entries("CDR-AFTER")).isEqualTo(1);
        assertThat(receivable()).isEqualTo(300);
        assertThat(query("select count(*) from settlement.dead_letter where consumer = 'ledger' and event_id = ?"
                + " and status = 'PARKED' and kafka_offset = ?", garbled, unreadable.offset())).isEqualTo(1);
        assertThat(query("select count(*) from settlement.inbox_event where consumer = 'ledger' and event_id in (?, ?, ?)",
                before, garbled, after)).isEqualTo(2);
    }

    @Test
    void aBatchDeliveredAgainChangesNothing() throws Exception {
        List<ConsumerRecord<String, String>> batch = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            batch.add(rated(id, "CDR-R" + i, i + ".00", (i - 1) + ".90", "0.10"));
        }
        consume(batch);
        long lines = lines();
        assertThat(receivable()).isEqualTo(1500);
        assertThat(lines).isEqualTo(5 * 5);

        consume(batch);

        assertThat(receivable()).isEqualTo(1500);
        assertThat(lines()).isEqualTo(lines);
        for (int i = 1; i <= 5; i++) {
            assertThat(entries("CDR-R" + i)).isEqualTo(1);
        }
        assertThat(query("select count(*) from settlement.inbox_event where consumer = 'ledger' and event_id in (?, ?, ?, ?, ?)",
                ids.toArray(Object[]::new))).isEqualTo(5);
    }

    /**
     * The batch looks for the payment confirmations of its CDRs' sessions together: a CDR whose CPO has a
     * confirmation naming its authorization_reference is terminal-paid and books no money; the same reference at
     * another CPO, and a reference no confirmation names, are owed by their eMSP as usual.
     */
    @Test
    void aBatchFindsTheConfirmationOfEachCdrsSessionByItsCpoAndReference() throws Exception {
        String[] c = cpo.split("\\*");
        String reference = "pp-" + UUID.randomUUID().toString().substring(0, 8);
        query("insert into settlement.financial_advice_confirmation (ptp_country_code, ptp_party_id, confirmation_id,"
                + " cpo_country_code, cpo_party_id, authorization_reference, currency, before_taxes, captured,"
                + " capture_status_code, last_updated, received_at) values ('NL', 'PTP', ?, ?, ?, ?, 'EUR', 10.00,"
                + " 11.00, 'SUCCESS', now(), now()) returning 1", UUID.randomUUID().toString(), c[0], c[1], reference);
        String otherCpo = "BE*B" + cpo.substring(4);
        RatedCdrs ofOtherCpo = new RatedCdrs(null, otherCpo, emsp);
        consume(List.of(
                record(UUID.randomUUID().toString(), cdrs.key("CDR-PAID"), cdrs.paymentKeysPayload("CDR-PAID", "10.00",
                        "11.00", "0.10", reference, "INV-1", SESSION_END)),
                record(UUID.randomUUID().toString(), cdrs.key("CDR-OWED"), cdrs.paymentKeysPayload("CDR-OWED", "1.00",
                        "1.10", "0.10", "pp-none-" + reference, null, SESSION_END)),
                record(UUID.randomUUID().toString(), ofOtherCpo.key("CDR-ELSE"), ofOtherCpo.paymentKeysPayload(
                        "CDR-ELSE", "2.00", "2.20", "0.10", reference, null, SESSION_END))));

        assertThat(query("select count(*) from settlement.terminal_paid_cdr where cpo_country_code = ?"
                + " and cpo_party_id = ? and cdr_id = 'CDR-PAID' and classified_by = 'FINANCIAL_ADVICE_CONFIRMATION'",
                c[0], c[1])).isEqualTo(1);
        assertThat(query("select count(*) from settlement.terminal_paid_cdr where cdr_id in ('CDR-OWED', 'CDR-ELSE')"
                + " and cpo_party_id in (?, ?)", c[1], otherCpo.substring(3))).isZero();
        assertThat(receivable()).as("the eMSP owes 1.10 and 2.20, not the terminal-paid 11.00").isEqualTo(330);
    }

    /** Hands the batch to the consumer on a Vert.x context of its own, as the connector does, and waits for it. */
    private void consume(List<ConsumerRecord<String, String>> batch) throws Exception {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        ConsumerRecords<String, String> poll = new ConsumerRecords<>(Map.of(new TopicPartition(TOPIC, 0), batch),
                Map.of());
        CompletableFuture<Void> done = new CompletableFuture<>();
        context.runOnContext(ignored -> consumer.onRated(poll).subscribe().with(done::complete,
                done::completeExceptionally));
        done.get(60, TimeUnit.SECONDS);
    }

    private ConsumerRecord<String, String> rated(String eventId, String cdrId, String payable, String receivable,
                                                 String fee) {
        return record(eventId, cdrs.key(cdrId), cdrs.payload(cdrId, 1, "EUR", payable, receivable, fee, null,
                SESSION_END, "10.5"));
    }

    private static ConsumerRecord<String, String> record(String eventId, String key, String value) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>(TOPIC, 0, OFFSETS.getAndIncrement(), key, value);
        RatedCdrs.headers(eventId).forEach((name, header) ->
                record.headers().add(name, header.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    private long entries(String cdrId) throws SQLException {
        String[] c = cpo.split("\\*");
        return query("select count(*) from settlement.journal_entry where cpo_country_code = ? and cpo_party_id = ?"
                + " and cdr_id = ?", c[0], c[1], cdrId);
    }

    /** What the eMSP owes, in minor units: the sum of its receivable account's debits. */
    private long receivable() throws SQLException {
        return query("select coalesce(sum(case when side = 'DEBIT' then amount_minor else -amount_minor end), 0)"
                + " from settlement.journal_line where account = ?", emsp + ":receivable");
    }

    private long lines() throws SQLException {
        String[] c = cpo.split("\\*");
        return query("select count(*) from settlement.journal_line l join settlement.journal_entry e on e.id = l.entry_id"
                + " where e.cpo_country_code = ? and e.cpo_party_id = ?", c[0], c[1]);
    }

    private static long query(String sql, Object... parameters) throws SQLException {
        try (Connection db = DriverManager.getConnection(LocalInfraResource.jdbcUrl(), LocalInfraResource.username(),
                LocalInfraResource.password()); PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static String letters() {
        int n = NEXT.getAndIncrement() % (26 * 26);
        return "" + (char) ('A' + n / 26) + (char) ('A' + n % 26);
    }
}
