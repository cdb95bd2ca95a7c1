package io.chargeclear.tracking.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A CPO–eMSP agreement as tracking needs it: when it is in effect and its service levels. */
@Entity
@Table(name = "agreement_sla")
public class AgreementSla extends PanacheEntityBase {

    @Id
    @Column(name = "agreement_id")
    public String agreementId;

    @Column(nullable = false)
    public long revision;

    @Column(nullable = false)
    public String status;

    @Column(name = "cpo_country_code", nullable = false)
    public String cpoCountryCode;

    @Column(name = "cpo_party_id", nullable = false)
    public String cpoPartyId;

    @Column(name = "emsp_country_code", nullable = false)
    public String emspCountryCode;

    @Column(name = "emsp_party_id", nullable = false)
    public String emspPartyId;

    @Column(name = "valid_from", nullable = false)
    public Instant validFrom;

    @Column(name = "valid_until")
    public Instant validUntil;

    @Column(name = "ended_at")
    public Instant endedAt;

    @Column(name = "cdr_within_hours")
    public Integer cdrWithinHours;

    @Column(name = "authorization_answer_within_ms")
    public Integer authorizationAnswerWithinMs;

    /** In effect at {@code at}: inside its window and not ended before. */
    public boolean inEffectAt(Instant at) {
        return !at.isBefore(validFrom) && (validUntil == null || at.isBefore(validUntil))
                && (endedAt == null || at.isBefore(endedAt));
    }
}
