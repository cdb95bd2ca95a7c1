package io.chargeclear.kit.agreement;

import io.chargeclear.model.event.AgreementChanged;
import io.chargeclear.model.event.AgreementChanged.HubFee;
import io.chargeclear.model.event.AgreementChanged.Mode;
import io.chargeclear.model.event.AgreementChanged.Sla;
import io.chargeclear.model.event.AgreementChanged.Status;
import io.chargeclear.model.event.OcpiParty;
import io.chargeclear.model.money.Money;
import io.chargeclear.model.money.MoneyJson;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The book's table, {@code agreement_book} (kit migration {@code db/kit-agreements}). Writes run in the consumer's
 * Hibernate transaction, as one upsert that changes a row only for a newer revision, so replays, out-of-order
 * deliveries and two replicas applying the same snapshot at once all leave the newest snapshot in place. Reads go
 * through the reactive SQL pool, outside any session, so the book can load at start and on a notification without
 * a Hibernate context.
 */
@ApplicationScoped
@IfBuildProperty(name = "chargeclear.agreement-book.enabled", stringValue = "true")
public class AgreementBookTable {

    /** The key of the standard terms' row, as on the topic. */
    public static final String STANDARD_TERMS_ID = AgreementChanged.STANDARD_TERMS_KEY;

    private static final String COLUMNS = "terms_id, kind, revision, status, mode, cpo_country_code, cpo_party_id,"
            + " emsp_country_code, emsp_party_id, valid_from, valid_until, ended_at, modules, fee_percent,"
            + " fee_per_session_list, cdr_within_hours, authorization_answer_within_ms, dispute_window_days,"
            + " changed_at";
    /** The same columns as read: the per-session list as JSON text, so no driver type leaks into the reader. */
    private static final String SELECTED = COLUMNS.replace("fee_per_session_list",
            "fee_per_session_list::text as fee_per_session_list");

    private final Pool pool;
    private final String table;

    public AgreementBookTable(Pool pool, @ConfigProperty(name = "chargeclear.db.schema") Optional<String> schema) {
        this.pool = pool;
        this.table = schema.map(s -> s + ".agreement_book").orElse("agreement_book");
    }

    /**
     * Stores {@code a} unless a snapshot with the same or a newer revision is there; in the caller's transaction.
     *
     * @return whether the row changed
     */
    Uni<Boolean> upsert(AgreementChanged a) {
        List<Money> perSession = a.hubFee() == null ? List.of() : a.hubFee().perSession();
        return upsert(a.agreementId(), "AGREEMENT", a.revision(), a.status().name(), null,
                a.cpo().countryCode(), a.cpo().partyId(), a.emsp().countryCode(), a.emsp().partyId(),
                a.validFrom(), a.validUntil(), a.endedAt(), a.modules(), a.hubFee() == null ? null : a.hubFee().percent(),
                perSession, a.sla(), a.disputeWindowDays(), a.changedAt());
    }

    /** {@link #upsert(AgreementChanged)} for the standard terms. */
    Uni<Boolean> upsert(AgreementChanged.StandardTermsChanged t) {
        List<Money> perSession = t.hubFee() == null ? List.of() : t.hubFee().perSession();
        return upsert(STANDARD_TERMS_ID, "STANDARD_TERMS", t.revision(), null, t.mode().name(), null, null, null, null,
                null, null, null, t.modules(), t.hubFee() == null ? null : t.hubFee().percent(), perSession, t.sla(),
                t.disputeWindowDays(), t.changedAt());
    }

    private Uni<Boolean> upsert(String id, String kind, long revision, String status, String mode, String cpoCc,
                                String cpoId, String emspCc, String emspId, Instant validFrom, Instant validUntil,
                                Instant endedAt, List<String> modules, BigDecimal feePercent, List<Money> perSession,
                                Sla sla, int disputeWindowDays, Instant changedAt) {
        String sql = "insert into " + table + " (" + COLUMNS + ") values (?1, ?2, ?3, cast(?4 as varchar),"
                + " cast(?5 as varchar), cast(?6 as varchar), cast(?7 as varchar), cast(?8 as varchar),"
                + " cast(?9 as varchar), cast(?10 as timestamptz), cast(?11 as timestamptz), cast(?12 as timestamptz),"
                + " ?13, cast(?14 as numeric), cast(cast(?15 as text) as jsonb), cast(?16 as int),"
                + " cast(?17 as int), ?18, cast(?19 as timestamptz))"
                + " on conflict (terms_id) do update set kind = excluded.kind, revision = excluded.revision,"
                + " status = excluded.status, mode = excluded.mode, cpo_country_code = excluded.cpo_country_code,"
                + " cpo_party_id = excluded.cpo_party_id, emsp_country_code = excluded.emsp_country_code,"
                + " emsp_party_id = excluded.emsp_party_id, valid_from = excluded.valid_from,"
                + " valid_until = excluded.valid_until, ended_at = excluded.ended_at, modules = excluded.modules,"
                + " fee_percent = excluded.fee_percent, fee_per_session_list = excluded.fee_per_session_list,"
                + " cdr_within_hours = excluded.cdr_within_hours,"
                + " authorization_answer_within_ms = excluded.authorization_answer_within_ms,"
                + " dispute_window_days = excluded.dispute_window_days, changed_at = excluded.changed_at"
                + " where " + table + ".revision < excluded.revision";
        return Panache.getSession().flatMap(session -> session.createNativeQuery(sql)
                        .setParameter(1, id)
                        .setParameter(2, kind)
                        .setParameter(3, revision)
                        .setParameter(4, status)
                        .setParameter(5, mode)
                        .setParameter(6, cpoCc)
                        .setParameter(7, cpoId)
                        .setParameter(8, emspCc)
                        .setParameter(9, emspId)
                        .setParameter(10, utc(validFrom))
                        .setParameter(11, utc(validUntil))
                        .setParameter(12, utc(endedAt))
                        .setParameter(13, modules == null ? "" : String.join(",", modules))
                        .setParameter(14, feePercent)
                        // bound as text and cast to jsonb in SQL: bound as jsonb, the driver stores one JSON string
                        .setParameter(15, MoneyJson.write(perSession))
                        .setParameter(16, sla == null ? null : sla.cdrWithinHours())
                        .setParameter(17, sla == null ? null : sla.authorizationAnswerWithinMs())
                        .setParameter(18, disputeWindowDays)
                        .setParameter(19, utc(changedAt))
                        .executeUpdate())
                .map(changed -> changed == 1);
    }

    /**
     * Instants travel as UTC offset date-times, the type PostgreSQL describes for a {@code timestamptz} parameter,
     * so no time-zone setting of the session shifts them.
     */
    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** Every row: the agreements and the standard terms (null when none arrived yet). */
    Uni<Loaded> loadAll() {
        return pool.query("select " + SELECTED + " from " + table).execute().map(AgreementBookTable::read);
    }

    /** One row, by agreement id or {@link #STANDARD_TERMS_ID}. */
    Uni<Loaded> load(String termsId) {
        return pool.preparedQuery("select " + SELECTED + " from " + table + " where terms_id = $1")
                .execute(Tuple.of(termsId)).map(AgreementBookTable::read);
    }

    /** What a load found. */
    record Loaded(List<Agreement> agreements, StandardTerms standardTerms) {
    }

    private static Loaded read(RowSet<Row> rows) {
        List<Agreement> agreements = new ArrayList<>();
        StandardTerms terms = null;
        for (Row row : rows) {
            Set<String> modules = modules(row.getString("modules"));
            HubFee fee = fee(row);
            Sla sla = row.getInteger("cdr_within_hours") == null ? null
                    : new Sla(row.getInteger("cdr_within_hours"), row.getInteger("authorization_answer_within_ms"));
            if ("STANDARD_TERMS".equals(row.getString("kind"))) {
                terms = new StandardTerms(Mode.valueOf(row.getString("mode")), row.getLong("revision"), modules, fee,
                        sla, row.getInteger("dispute_window_days"), instant(row, "changed_at"));
            } else {
                agreements.add(new Agreement(row.getString("terms_id"), Status.valueOf(row.getString("status")),
                        row.getLong("revision"),
                        new OcpiParty(row.getString("cpo_country_code"), row.getString("cpo_party_id")),
                        new OcpiParty(row.getString("emsp_country_code"), row.getString("emsp_party_id")),
                        instant(row, "valid_from"), instant(row, "valid_until"), instant(row, "ended_at"), modules,
                        fee, sla, row.getInteger("dispute_window_days"), instant(row, "changed_at")));
            }
        }
        return new Loaded(List.copyOf(agreements), terms);
    }

    private static HubFee fee(Row row) {
        BigDecimal percent = row.getBigDecimal("fee_percent");
        List<Money> perSession = MoneyJson.readList(row.getString("fee_per_session_list"));
        if (percent == null && perSession.isEmpty()) {
            return null;
        }
        return new HubFee(percent, perSession);
    }

    private static Set<String> modules(String modules) {
        return modules == null || modules.isEmpty() ? Set.of()
                : Arrays.stream(modules.split(",")).collect(Collectors.toUnmodifiableSet());
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
