package io.chargeclear.settlement.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** How many days after booking a CDR may be disputed, per agreement and for the hub's standard terms. */
@Entity
@Table(name = "dispute_window")
public class DisputeWindow extends PanacheEntityBase {

    /** The terms the window belongs to: an agreement id, or {@link #STANDARD_TERMS}. */
    public static final String STANDARD_TERMS = "standard-terms";

    @Id
    @Column(name = "terms_id")
    public String termsId;

    @Column(nullable = false)
    public int days;

    @Column(nullable = false)
    public long revision;
}
