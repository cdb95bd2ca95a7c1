package io.chargeclear.rating.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;

/** The hub's standard terms: whether pairs without an agreement may roam, and the fee then. */
@Entity
@Table(name = "standard_terms")
public class StandardTerms extends PanacheEntityBase {

    public static final short ID = 1;

    @Id
    public short id = ID;

    @Column(nullable = false)
    public String mode;

    @Column(nullable = false)
    public long revision;

    @Column(name = "fee_percent")
    public BigDecimal feePercent;

    @Column(name = "fee_per_session")
    public BigDecimal feePerSession;

    @Column(name = "fee_currency")
    public String feeCurrency;
}
