package io.chargeclear.model.event;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/**
 * Payload of {@code settlement.invoice-record.v1}: an OCPI 2.3.0 invoice reconciliation record the clearing house
 * issues from its own party ({@code hub_party_id}) for a statement a settlement run produced
 * (docs/adr/0032-invoice-reconciliation.md, "The hub's own records"). The statement is the invoice the hub issues
 * as self-billing on the CPO's behalf towards the eMSP; {@code record.invoice_id} is its statement id and
 * {@code record.cdrs} the ids of the CDRs on it, all of one CPO, so an id names one CDR. A statement with more CDRs
 * than fit one record is issued as several {@code parts}, each its own record. CDR ids longer than OCPI's 36
 * characters cannot be listed in {@code cdrs}; they are named in {@code omitted_cdr_ids} of the statement's first
 * part. Records never change: a statement is frozen, a correction settles in a later statement.
 *
 * @param record        the OCPI {@code InvoiceReconciliationRecord} as partners receive it
 * @param statementId   the statement the record is for (the invoice number, {@code record.invoice_id})
 * @param runId         the settlement run that produced the statement
 * @param periodStart   first instant of the run's period (inclusive)
 * @param periodEnd     end of the run's period (exclusive)
 * @param currency      the statement's currency
 * @param cpo           the CPO the statement pays (whose CDRs are listed; a copy of the record goes to it)
 * @param emsp          the eMSP the statement bills (the record's receiver)
 * @param part          which part of the statement's records this is, from 1
 * @param parts         how many records the statement has
 * @param omittedCdrIds ids of the statement's CDRs that are longer than 36 characters and so in no record's
 *                      {@code cdrs}; listed on part 1 only, empty on the others
 */
public record InvoiceRecordIssued(
        @JsonProperty("record") ReconciliationRecord record,
        @JsonProperty("statement_id") String statementId,
        @JsonProperty("run_id") String runId,
        @JsonProperty("period_start") Instant periodStart,
        @JsonProperty("period_end") Instant periodEnd,
        @JsonProperty("currency") String currency,
        @JsonProperty("cpo") OcpiParty cpo,
        @JsonProperty("emsp") OcpiParty emsp,
        @JsonProperty("part") int part,
        @JsonProperty("parts") int parts,
        @JsonProperty("omitted_cdr_ids") List<String> omittedCdrIds) {

    public InvoiceRecordIssued {
        omittedCdrIds = omittedCdrIds == null ? List.of() : List.copyOf(omittedCdrIds);
    }

    /** The Kafka key: the record id (one record, one key). */
    public String key() {
        return record.id();
    }

    /**
     * OCPI 2.3.0 edition 2 {@code InvoiceReconciliationRecord} (mod_invoice_reconciliation): the issuer is the
     * party in {@code country_code}/{@code party_id}.
     *
     * @param countryCode the issuer's country code: the hub's
     * @param partyId     the issuer's party id: the hub's
     * @param id          the record's id, CiString(36), derived from the statement and the part
     * @param invoiceId   the invoice number, CiString(255): the statement id
     * @param cdrs        the CDR ids the record covers, each CiString(36), at least one
     * @param lastUpdated when the hub issued it: the run's time, to the second
     */
    public record ReconciliationRecord(
            @JsonProperty("country_code") String countryCode,
            @JsonProperty("party_id") String partyId,
            @JsonProperty("id") String id,
            @JsonProperty("invoice_id") String invoiceId,
            @JsonProperty("cdrs") List<String> cdrs,
            @JsonProperty("last_updated") Instant lastUpdated) {

        public ReconciliationRecord {
            cdrs = cdrs == null ? List.of() : List.copyOf(cdrs);
        }
    }
}
