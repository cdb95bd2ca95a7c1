package io.chargeclear.gateway.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.chargeclear.model.event.OcpiParty;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * An invoice reconciliation record checked against what the hub routed (docs/adr/0032-invoice-reconciliation.md):
 * for each CDR the record lists, whether the hub knows it, delivered it to the record's counterparty, has it on
 * another record of the same issuer, saw a credit CDR for it, or delivered it to a payment terminal provider. These
 * are warnings for the report, never reasons to refuse the record: the invoice stays between the two parties. CDRs
 * are keyed by their CPO and id (ids are unique per CPO only), so the CPO side of the record decides which CDR is
 * meant. Reads the gateway's store with plain statements on the reactive pool.
 */
@ApplicationScoped
public class ReconciliationChecks {

    /** One thing found wrong with one CDR of a record. */
    public record Discrepancy(String cdrId, String kind, String detail) {
    }

    /** Who a record is between: the CPO whose CDRs it lists and the eMSP they were delivered to. */
    public record Sides(OcpiParty cpo, OcpiParty emsp) {
    }

    private final Pool pool;
    private final String cdrQuery;
    private final String creditQuery;
    private final String recordsQuery;
    private final String directionQuery;
    private final String deleteReport;
    private final String insertReport;
    private final String reportQuery;

    public ReconciliationChecks(Pool pool, @ConfigProperty(name = "chargeclear.db.schema") String schema) {
        this.pool = pool;
        String table = schema + ".ocpi_object";
        this.cdrQuery = "select recipient_country_code, recipient_party_id from " + table + " where module = 'cdrs'"
                + " and country_code = $1 and party_id = $2 and lower(object_id) = lower($3)";
        this.creditQuery = "select object_id from " + table + " where module = 'cdrs' and country_code = $1"
                + " and party_id = $2 and (body::jsonb ->> 'credit_reference_id') = $3 limit 1";
        this.recordsQuery = "select object_id, body from " + table + " where module = 'invoicereconciliation'"
                + " and country_code = $1 and party_id = $2 and lower(object_id) <> lower($3)";
        // who the issuer's listed CDRs were exchanged with: as their CPO (recipients) or as their eMSP (owners)
        this.directionQuery = "select 'CPO' as side, recipient_country_code as cc, recipient_party_id as pid from "
                + table + " where module = 'cdrs' and country_code = $1 and party_id = $2 and object_id = any($3)"
                + " and recipient_country_code is not null"
                + " union select 'EMSP', country_code, party_id from " + table + " where module = 'cdrs'"
                + " and recipient_country_code = $1 and recipient_party_id = $2 and object_id = any($3)";
        String report = schema + ".reconciliation_discrepancy";
        this.deleteReport = "delete from " + report + " where issuer_country_code = $1 and issuer_party_id = $2"
                + " and record_id = $3";
        this.insertReport = "insert into " + report + " (issuer_country_code, issuer_party_id, record_id,"
                + " counterparty_country_code, counterparty_party_id, invoice_id, cdr_id, kind, detail, detected_at)"
                + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) on conflict do nothing";
        this.reportQuery = "select * from " + report;
    }

    /**
     * The counterparty of a record without routing headers: whom the issuer exchanged the listed CDRs with, when that
     * is one party; empty otherwise.
     */
    public Uni<Optional<OcpiParty>> counterparty(OcpiParty issuer, List<String> cdrIds) {
        return pool.preparedQuery(directionQuery)
                .execute(Tuple.of(issuer.countryCode(), issuer.partyId(), cdrIds.toArray(String[]::new)))
                .map(rows -> {
                    Set<OcpiParty> parties = new LinkedHashSet<>();
                    for (Row row : rows) {
                        parties.add(new OcpiParty(row.getString("cc"), row.getString("pid")));
                    }
                    return parties.size() == 1 ? Optional.of(parties.iterator().next()) : Optional.empty();
                });
    }

    /**
     * Every discrepancy of a record issued by {@code sides}' issuer for {@code cdrIds}.
     *
     * @param terminalProvider whether a party is a payment terminal provider
     */
    public Uni<List<Discrepancy>> check(String recordId, Sides sides, List<String> cdrIds,
                                        Function<OcpiParty, Uni<Boolean>> terminalProvider, OcpiParty issuer) {
        return pool.preparedQuery(recordsQuery).execute(Tuple.of(issuer.countryCode(), issuer.partyId(), recordId))
                .flatMap(others -> Multi.createFrom().iterable(cdrIds)
                        .onItem().transformToUniAndConcatenate(cdrId -> checkOne(cdrId, sides, others,
                                terminalProvider))
                        .collect().asList())
                .map(perCdr -> perCdr.stream().flatMap(List::stream).toList());
    }

    private Uni<List<Discrepancy>> checkOne(String cdrId, Sides sides, RowSet<Row> otherRecords,
                                            Function<OcpiParty, Uni<Boolean>> terminalProvider) {
        List<Discrepancy> found = new ArrayList<>();
        for (Row record : otherRecords) {
            JsonNode cdrs = VersionedObjects.parse(record.getString("body")).path("cdrs");
            for (JsonNode listed : cdrs) {
                if (listed.asText().equalsIgnoreCase(cdrId)) {
                    found.add(new Discrepancy(cdrId, "ON_ANOTHER_RECORD", "CDR " + cdrId + " is also on record "
                            + record.getString("object_id") + " of the same issuer"));
                }
            }
        }
        OcpiParty cpo = sides.cpo();
        return pool.preparedQuery(cdrQuery).execute(Tuple.of(cpo.countryCode(), cpo.partyId(), cdrId))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        found.add(new Discrepancy(cdrId, "UNKNOWN_CDR", "no CDR " + cdrId + " of " + cpo
                                + " went through this hub"));
                        return Uni.createFrom().item(found);
                    }
                    Row cdr = rows.iterator().next();
                    OcpiParty recipient = cdr.getString("recipient_country_code") == null ? null
                            : new OcpiParty(cdr.getString("recipient_country_code"),
                            cdr.getString("recipient_party_id"));
                    if (recipient == null || !recipient.equals(sides.emsp())) {
                        found.add(new Discrepancy(cdrId, "NOT_DELIVERED_TO_COUNTERPARTY", "CDR " + cdrId + " of "
                                + cpo + " went to " + recipient + ", not to " + sides.emsp()));
                    }
                    Uni<Boolean> terminal = recipient == null ? Uni.createFrom().item(false)
                            : terminalProvider.apply(recipient);
                    return terminal.flatMap(paidAtTerminal -> {
                        if (paidAtTerminal) {
                            found.add(new Discrepancy(cdrId, "TERMINAL_PAID", "CDR " + cdrId + " was paid at a"
                                    + " payment terminal of " + recipient + "; no eMSP owes it"));
                        }
                        return pool.preparedQuery(creditQuery)
                                .execute(Tuple.of(cpo.countryCode(), cpo.partyId(), cdrId));
                    }).map(credits -> {
                        for (Row credit : credits) {
                            found.add(new Discrepancy(cdrId, "CREDITED", "CDR " + cdrId + " was credited by CDR "
                                    + credit.getString("object_id")));
                        }
                        return found;
                    });
                });
    }

    /** One row of the operator's report. */
    public record Reported(@JsonProperty("issuer") String issuer, @JsonProperty("record_id") String recordId,
                           @JsonProperty("counterparty") String counterparty,
                           @JsonProperty("invoice_id") String invoiceId, @JsonProperty("cdr_id") String cdrId,
                           @JsonProperty("kind") String kind, @JsonProperty("detail") String detail,
                           @JsonProperty("detected_at") Instant detectedAt) {
    }

    /**
     * Replaces what the report holds for the record with {@code found}, in one transaction. The report is derived from the record and the store, so it is written after the record, not with it.
     */
    public Uni<Void> replace(OcpiParty issuer, String recordId, OcpiParty counterparty, String invoiceId,
                             List<Discrepancy> found) {
        Instant now = Instant.now();
        return pool.withTransaction(connection -> connection.preparedQuery(deleteReport)
                .execute(Tuple.of(issuer.countryCode(), issuer.partyId(), recordId))
                .flatMap(deleted -> found.isEmpty() ? Uni.createFrom().voidItem()
                        : connection.preparedQuery(insertReport).executeBatch(found.stream()
                                .map(d -> Tuple.from(List.of(issuer.countryCode(), issuer.partyId(), recordId,
                                        counterparty.countryCode(), counterparty.partyId(), invoiceId, d.cdrId(),
                                        d.kind(), d.detail(), now.atOffset(ZoneOffset.UTC))))
                                .toList()).replaceWithVoid()));
    }

    /** Removes what the report holds for a record its issuer deleted. */
    public Uni<Void> forget(OcpiParty issuer, String recordId) {
        return pool.preparedQuery(deleteReport).execute(Tuple.of(issuer.countryCode(), issuer.partyId(), recordId))
                .replaceWithVoid();
    }

    /** The report, newest first; of one issuer when {@code issuer} is given. */
    public Uni<List<Reported>> report(OcpiParty issuer, int limit) {
        Uni<RowSet<Row>> rows = issuer == null
                ? pool.preparedQuery(reportQuery + " order by detected_at desc, cdr_id limit $1").execute(Tuple.of(limit))
                : pool.preparedQuery(reportQuery + " where issuer_country_code = $1 and issuer_party_id = $2"
                        + " order by detected_at desc, cdr_id limit $3")
                .execute(Tuple.of(issuer.countryCode(), issuer.partyId(), limit));
        return rows.map(found -> {
            List<Reported> report = new ArrayList<>();
            for (Row row : found) {
                report.add(new Reported(row.getString("issuer_country_code") + "*" + row.getString("issuer_party_id"),
                        row.getString("record_id"), row.getString("counterparty_country_code") + "*"
                        + row.getString("counterparty_party_id"), row.getString("invoice_id"),
                        row.getString("cdr_id"), row.getString("kind"), row.getString("detail"),
                        row.getOffsetDateTime("detected_at").toInstant()));
            }
            return report;
        });
    }
}
