package io.chargeclear.settlement.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One balanced entry of the insert-only journal. */
@Entity
@Table(name = "journal_entry")
public class JournalEntry extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "idempotency_key", nullable = false, unique = true)
    public String idempotencyKey;

    @Column(name = "cpo_country_code", nullable = false)
    public String cpoCountryCode;

    @Column(name = "cpo_party_id", nullable = false)
    public String cpoPartyId;

    @Column(name = "cdr_id", nullable = false)
    public String cdrId;

    @Column(name = "emsp_country_code", nullable = false)
    public String emspCountryCode;

    @Column(name = "emsp_party_id", nullable = false)
    public String emspPartyId;

    /** CDR or REVERSAL. */
    @Column(nullable = false)
    public String purpose;

    @Column(name = "rating_revision", nullable = false)
    public int ratingRevision;

    @Column(nullable = false)
    public String currency;

    @Column(name = "session_end", nullable = false)
    public Instant sessionEnd;

    @Column(name = "posted_at", nullable = false)
    public Instant postedAt;

    /** Energy this entry accounts for, signed like its amounts (null for entries booked before it was kept). */
    @Column(name = "energy_kwh")
    public BigDecimal energyKwh;

    /** For a credit CDR: the CDR it credits. */
    @Column(name = "reverses_cdr_id")
    public String reversesCdrId;

    /** The agreement the CDR was rated under (null: the hub's standard terms). */
    @Column(name = "agreement_id")
    public String agreementId;

    public String cpo() {
        return cpoCountryCode + "*" + cpoPartyId;
    }

    public String emsp() {
        return emspCountryCode + "*" + emspPartyId;
    }
}
