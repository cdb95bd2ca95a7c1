package io.chargeclear.registry.persistence;

import io.chargeclear.registry.domain.RoamingMode;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The hub's standard terms: a single row (id 1), seeded by migration V2 and changed by the operator. */
@Entity
@Table(name = "standard_terms")
public class StandardTermsEntity extends PanacheEntityBase {

    /** The id of the one row. */
    public static final short ID = 1;

    @Id
    public short id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RoamingMode mode;

    @Embedded
    public StoredTerms terms;

    /** Increases with every change; travels in hub.agreement.v1 so consumers can drop stale snapshots. */
    @Column(nullable = false)
    public long revision;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
