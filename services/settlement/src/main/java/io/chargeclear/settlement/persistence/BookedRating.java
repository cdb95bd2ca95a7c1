package io.chargeclear.settlement.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.UUID;

/** The rating revision the ledger booked for a CDR, and its amounts. */
@Entity
@Table(name = "booked_rating")
@IdClass(BookedRating.Key.class)
public class BookedRating extends PanacheEntityBase {

    @Id
    @Column(name = "cpo_country_code")
    public String cpoCountryCode;

    @Id
    @Column(name = "cpo_party_id")
    public String cpoPartyId;

    @Id
    @Column(name = "cdr_id")
    public String cdrId;

    @Column(name = "rating_revision", nullable = false)
    public int ratingRevision;

    @Column(nullable = false)
    public String currency;

    @Column(name = "emsp_payable_minor", nullable = false)
    public long emspPayableMinor;

    @Column(name = "cpo_receivable_minor", nullable = false)
    public long cpoReceivableMinor;

    @Column(name = "hub_fee_minor", nullable = false)
    public long hubFeeMinor;

    /** The entry that booked these amounts; null when they were all zero. */
    @Column(name = "entry_id")
    public UUID entryId;

    /** The energy booked with these amounts, signed like them. */
    @Column(name = "energy_kwh")
    public BigDecimal energyKwh;

    /** The CDR's {@code authorization_reference}: a FAC naming it finds the CDR (docs/adr/0030). */
    @Column(name = "authorization_reference")
    public String authorizationReference;

    /** The CDR's {@code invoice_reference_id}: the CPO invoices, so a FAC is expected. */
    @Column(name = "invoice_reference_id")
    public String invoiceReferenceId;

    /** Identity: the CDR's owner and id. */
    public static class Key implements Serializable {
        public String cpoCountryCode;
        public String cpoPartyId;
        public String cdrId;

        public Key() {
        }

        public Key(String cpoCountryCode, String cpoPartyId, String cdrId) {
            this.cpoCountryCode = cpoCountryCode;
            this.cpoPartyId = cpoPartyId;
            this.cdrId = cdrId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && cpoCountryCode.equals(k.cpoCountryCode) && cpoPartyId.equals(k.cpoPartyId)
                    && cdrId.equals(k.cdrId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(cpoCountryCode, cpoPartyId, cdrId);
        }
    }
}
