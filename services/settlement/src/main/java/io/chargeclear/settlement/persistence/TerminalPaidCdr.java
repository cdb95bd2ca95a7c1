package io.chargeclear.settlement.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A CDR settlement classified DIRECT_PAID (docs/adr/0030): the ledger booked no money for it; the CPO's
 * terminal-paid list shows it against the confirmation of what the terminal captured.
 */
@Entity
@Table(name = "terminal_paid_cdr")
@IdClass(BookedRating.Key.class)
public class TerminalPaidCdr extends PanacheEntityBase {

    /** Why the CDR is terminal-paid: its receiver is a payment terminal provider, or a FAC names its session. */
    public enum ClassifiedBy { PAYMENT_TERMINAL_PROVIDER, FINANCIAL_ADVICE_CONFIRMATION }

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

    @Column(name = "receiver_country_code", nullable = false)
    public String receiverCountryCode;

    @Column(name = "receiver_party_id", nullable = false)
    public String receiverPartyId;

    @Column(name = "authorization_reference")
    public String authorizationReference;

    @Column(name = "invoice_reference_id")
    public String invoiceReferenceId;

    @Column(name = "session_end", nullable = false)
    public Instant sessionEnd;

    @Column(nullable = false)
    public String currency;

    /** The CDR's total including taxes, as the hub rated it. */
    @Column(name = "total_incl_taxes", nullable = false)
    public BigDecimal totalInclTaxes;

    @Column(name = "classified_by", nullable = false)
    public String classifiedBy;
}
