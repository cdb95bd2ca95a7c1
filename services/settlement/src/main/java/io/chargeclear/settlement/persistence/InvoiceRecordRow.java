package io.chargeclear.settlement.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * An OCPI 2.3.0 invoice reconciliation record the hub issued for one of a run's statements (or one part of a large
 * one), written with the run: what partners on 2.2.1 read through the party API and what the gateway delivered to
 * those on 2.3.0. Insert-only.
 */
@Entity
@Table(name = "invoice_record")
public class InvoiceRecordRow extends PanacheEntityBase {

    /** CiString(36): derived from the statement and the part. */
    @Id
    public String id;

    @Column(name = "statement_id", nullable = false)
    public UUID statementId;

    @Column(name = "run_id", nullable = false)
    public UUID runId;

    @Column(nullable = false)
    public int part;

    @Column(nullable = false)
    public int parts;

    /** The issuer: the hub's own party. */
    @Column(name = "issuer_country_code", nullable = false)
    public String issuerCountryCode;

    @Column(name = "issuer_party_id", nullable = false)
    public String issuerPartyId;

    /** The CDR ids the record lists: a JSON array of strings. */
    @Column(name = "cdr_ids", nullable = false)
    public String cdrIds;

    /** The statement's CDR ids too long for OCPI's {@code cdrs} (part 1 only): a JSON array of strings. */
    @Column(name = "omitted_cdr_ids", nullable = false)
    public String omittedCdrIds;

    /** When the hub issued it: the run's time, to the second (OCPI {@code last_updated}). */
    @Column(name = "last_updated", nullable = false)
    public Instant lastUpdated;
}
