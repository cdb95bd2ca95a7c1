package io.chargeclear.settlement.persistence;

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
 * The newest copy of a payment terminal provider's financial advice confirmation (OCPI 2.3.0 payments), kept to
 * classify and report terminal-paid sessions; it never books money (docs/adr/0030).
 */
@Entity
@Table(name = "financial_advice_confirmation")
@IdClass(FinancialAdviceConfirmation.Key.class)
public class FinancialAdviceConfirmation extends PanacheEntityBase {

    @Id
    @Column(name = "ptp_country_code")
    public String ptpCountryCode;

    @Id
    @Column(name = "ptp_party_id")
    public String ptpPartyId;

    @Id
    @Column(name = "confirmation_id")
    public String confirmationId;

    @Column(name = "cpo_country_code", nullable = false)
    public String cpoCountryCode;

    @Column(name = "cpo_party_id", nullable = false)
    public String cpoPartyId;

    @Column(name = "authorization_reference", nullable = false)
    public String authorizationReference;

    @Column(nullable = false)
    public String currency;

    @Column(name = "before_taxes", nullable = false)
    public BigDecimal beforeTaxes;

    /** {@code before_taxes} plus every tax, exact. */
    @Column(nullable = false)
    public BigDecimal captured;

    @Column(name = "capture_status_code", nullable = false)
    public String captureStatusCode;

    @Column(name = "capture_status_message")
    public String captureStatusMessage;

    /** The {@code eft_data} lines, one per line of text; null when the confirmation had none. */
    @Column(name = "eft_data")
    public String eftData;

    @Column(name = "last_updated", nullable = false)
    public Instant lastUpdated;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    /** Identity: the provider's party and the confirmation's id. */
    public static class Key implements Serializable {
        public String ptpCountryCode;
        public String ptpPartyId;
        public String confirmationId;

        public Key() {
        }

        public Key(String ptpCountryCode, String ptpPartyId, String confirmationId) {
            this.ptpCountryCode = ptpCountryCode;
            this.ptpPartyId = ptpPartyId;
            this.confirmationId = confirmationId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && ptpCountryCode.equals(k.ptpCountryCode) && ptpPartyId.equals(k.ptpPartyId)
                    && confirmationId.equals(k.confirmationId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(ptpCountryCode, ptpPartyId, confirmationId);
        }
    }
}
