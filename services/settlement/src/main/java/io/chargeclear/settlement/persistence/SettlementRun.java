package io.chargeclear.settlement.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One settlement run: the period it froze. Insert-only; one per period, periods contiguous. */
@Entity
@Table(name = "settlement_run")
public class SettlementRun extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "period_start", nullable = false)
    public Instant periodStart;

    @Column(name = "period_end", nullable = false)
    public Instant periodEnd;

    @Column(name = "period_length", nullable = false)
    public String periodLength;

    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    @Column(name = "entry_count", nullable = false)
    public int entryCount;

    @Column(name = "ran_at", nullable = false)
    public Instant ranAt;
}
