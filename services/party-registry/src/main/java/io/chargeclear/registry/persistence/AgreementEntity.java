package io.chargeclear.registry.persistence;

import io.chargeclear.registry.domain.AgreementStatus;
import io.chargeclear.registry.domain.ValidityWindow;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;

/** A bilateral roaming agreement between a CPO party and an eMSP party. */
@Entity
@Table(name = "agreement")
public class AgreementEntity extends PanacheEntityBase {

    @Id
    public String id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AgreementStatus status;

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

    @Embedded
    public StoredTerms terms;

    /** Increases with every change; travels in hub.agreement.v1 so consumers can drop stale snapshots. */
    @Column(nullable = false)
    public long revision;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    public ValidityWindow window() {
        return new ValidityWindow(validFrom, validUntil);
    }

    /** ACTIVE agreements between the two parties, oldest first. */
    public static Uni<List<AgreementEntity>> activeBetween(String cpoCountryCode, String cpoPartyId,
                                                           String emspCountryCode, String emspPartyId) {
        return list("cpoCountryCode = ?1 and cpoPartyId = ?2 and emspCountryCode = ?3 and emspPartyId = ?4"
                        + " and status = ?5 order by createdAt, id",
                cpoCountryCode, cpoPartyId, emspCountryCode, emspPartyId, AgreementStatus.ACTIVE);
    }
}
