package io.chargeclear.rating.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * The current rating of one CDR (its latest revision), with the CDR as received. A CDR that waits for reference data
 * is {@link #PENDING} (nothing published yet, revision 0) until that data arrives or its grace runs out.
 */
@Entity
@Table(name = "cdr_rating")
@IdClass(CdrRating.Key.class)
public class CdrRating extends PanacheEntityBase {

    public static final String PENDING = "PENDING";
    public static final String RATED = "RATED";
    public static final String FLAGGED = "FLAGGED";

    @Id
    @Column(name = "country_code")
    public String countryCode;

    @Id
    @Column(name = "party_id")
    public String partyId;

    @Id
    @Column(name = "cdr_id")
    public String cdrId;

    @Column(name = "emsp_country_code", nullable = false)
    public String emspCountryCode;

    @Column(name = "emsp_party_id", nullable = false)
    public String emspPartyId;

    @Column(nullable = false)
    public String status;

    /** Comma-separated {@code CdrFlagged.Reason} names; empty when rated. */
    @Column(nullable = false)
    public String reasons;

    /** JSON array of the reasons' sentences. */
    @Column(nullable = false)
    public String details;

    @Column(nullable = false)
    public int revision;

    /** The CDR's OCPI JSON as received. */
    @Column(nullable = false)
    public String cdr;

    @Column(nullable = false)
    public String currency;

    @Column(name = "tariff_id")
    public String tariffId;

    @Column(name = "tariff_version")
    public Instant tariffVersion;

    @Column(name = "agreement_id")
    public String agreementId;

    @Column(name = "total_excl_vat")
    public BigDecimal totalExclVat;

    @Column(name = "total_incl_vat")
    public BigDecimal totalInclVat;

    @Column(name = "cpo_total_excl_vat", nullable = false)
    public BigDecimal cpoTotalExclVat;

    @Column(name = "cpo_total_incl_vat")
    public BigDecimal cpoTotalInclVat;

    @Column(name = "hub_fee")
    public BigDecimal hubFee;

    @Column(name = "emsp_payable")
    public BigDecimal emspPayable;

    @Column(name = "cpo_receivable")
    public BigDecimal cpoReceivable;

    /** A {@code CdrRated.HubFeeNote} name when the fee terms did not apply in full; null when they did. */
    @Column(name = "hub_fee_note")
    public String hubFeeNote;

    /**
     * JSON array of the rating's tax lines ({@code rating.cdr-rated.v1} {@code taxes}: name, percentage, amount);
     * null while none were worked out (PENDING, flagged without a price, ratings before taxes were carried).
     */
    public String taxes;

    /** JSON of the hub's cost breakdown; null when not rated by the engine. */
    public String breakdown;

    public String reverses;

    @Column(name = "operator_override", nullable = false)
    public boolean operatorOverride;

    /** When this state was reached: the revision's time, or when the CDR started waiting. */
    @Column(name = "rated_at", nullable = false)
    public Instant ratedAt;

    /** When the gateway accepted the CDR (its event's received_at); null for ratings written before it was kept. */
    @Column(name = "received_at")
    public Instant receivedAt;

    /** When a PENDING CDR started waiting; the grace runs from here. Null in every other state. */
    @Column(name = "pending_since")
    public Instant pendingSince;

    /** Identity: the CDR's owner and id. */
    public static class Key implements Serializable {
        public String countryCode;
        public String partyId;
        public String cdrId;

        public Key() {
        }

        public Key(String countryCode, String partyId, String cdrId) {
            this.countryCode = countryCode;
            this.partyId = partyId;
            this.cdrId = cdrId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && countryCode.equals(k.countryCode) && partyId.equals(k.partyId)
                    && cdrId.equals(k.cdrId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(countryCode, partyId, cdrId);
        }
    }
}
