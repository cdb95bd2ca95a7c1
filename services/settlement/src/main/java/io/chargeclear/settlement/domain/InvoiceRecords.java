package io.chargeclear.settlement.domain;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;

/**
 * How the hub lists a statement's CDRs in OCPI 2.3.0 invoice reconciliation records (docs/adr/0032-invoice-
 * reconciliation.md, "The hub's own records"). The statement is the invoice; its records name its CDRs, each once,
 * sorted, at most {@code perRecord} per record so an event and a stored copy stay far below Kafka's 1 MB record. A
 * record's {@code cdrs} are CiString(36) (OCPI 2.3.0 mod_invoice_reconciliation), so an id longer than that is left
 * out of every record and named as omitted on the first. A statement none of whose ids fit has no record at all:
 * OCPI needs at least one id in {@code cdrs}. All of a statement's CDRs are of one CPO, so an id names one CDR.
 */
public final class InvoiceRecords {

    /** OCPI 2.3.0 {@code InvoiceReconciliationRecord.cdrs}: CiString(36). */
    public static final int MAX_CDR_ID_LENGTH = 36;
    /** The most CDR ids one record may list: about 195 KB of ids, within the gateway's 256 KB per object. */
    public static final int MAX_PER_RECORD = 5_000;

    private InvoiceRecords() {
    }

    /**
     * One record of a statement.
     *
     * @param recordId      CiString(36), the same for the same statement and part whenever it is computed
     * @param part          from 1
     * @param parts         how many records the statement has
     * @param cdrIds        the ids it lists, sorted
     * @param omittedCdrIds the statement's ids too long for any record, sorted; on part 1 only
     */
    public record Part(String recordId, int part, int parts, List<String> cdrIds, List<String> omittedCdrIds) {

        public Part {
            cdrIds = List.copyOf(cdrIds);
            omittedCdrIds = List.copyOf(omittedCdrIds);
            if (cdrIds.isEmpty()) {
                throw new IllegalArgumentException("record " + recordId + " lists no CDR");
            }
            if (part < 1 || part > parts) {
                throw new IllegalArgumentException("part " + part + " of " + parts);
            }
        }
    }

    /**
     * The records of one statement.
     *
     * @param statementId the statement (the invoice number)
     * @param cdrIds      the ids of the CDRs on it, in any order, repeats allowed (a re-rated CDR has several entries)
     * @param perRecord   at most this many ids per record, 1 to {@link #MAX_PER_RECORD}
     * @return its records in part order; empty when no id fits a record
     */
    public static List<Part> of(String statementId, Collection<String> cdrIds, int perRecord) {
        Objects.requireNonNull(statementId, "statementId");
        requirePerRecord(perRecord);
        TreeSet<String> listed = new TreeSet<>();
        TreeSet<String> omitted = new TreeSet<>();
        for (String id : cdrIds) {
            if (id == null || id.isEmpty()) {
                continue;
            }
            (id.length() <= MAX_CDR_ID_LENGTH ? listed : omitted).add(id);
        }
        List<String> ids = List.copyOf(listed);
        int parts = (ids.size() + perRecord - 1) / perRecord;
        List<Part> records = new ArrayList<>(parts);
        for (int part = 1; part <= parts; part++) {
            List<String> chunk = ids.subList((part - 1) * perRecord, Math.min(part * perRecord, ids.size()));
            records.add(new Part(recordId(statementId, part), part, parts, chunk,
                    part == 1 ? List.copyOf(omitted) : List.of()));
        }
        return records;
    }

    /** A record's id: a UUID derived from the statement and the part, 36 characters. */
    public static String recordId(String statementId, int part) {
        return UUID.nameUUIDFromBytes(("invoice-record|" + statementId + "|" + part).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** @throws IllegalArgumentException when {@code perRecord} is outside 1 .. {@link #MAX_PER_RECORD} */
    public static int requirePerRecord(int perRecord) {
        if (perRecord < 1 || perRecord > MAX_PER_RECORD) {
            throw new IllegalArgumentException("CDR ids per invoice record must be 1 to " + MAX_PER_RECORD + ", not "
                    + perRecord);
        }
        return perRecord;
    }
}
