package io.chargeclear.tracking.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The service levels of the hub's standard terms, for pairs without an agreement. */
@Entity
@Table(name = "standard_sla")
public class StandardSla extends PanacheEntityBase {

    public static final short ID = 1;

    @Id
    public short id = ID;

    @Column(nullable = false)
    public long revision;

    @Column(nullable = false)
    public String mode;

    @Column(name = "cdr_within_hours")
    public Integer cdrWithinHours;

    @Column(name = "authorization_answer_within_ms")
    public Integer authorizationAnswerWithinMs;
}
