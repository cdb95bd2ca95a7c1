package io.chargeclear.gateway.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A receiver platform's delivery state: backoff after failures and which gateway replica holds it now. */
@Entity
@Table(name = "delivery_receiver")
public class DeliveryReceiver extends PanacheEntityBase {

    @Id
    @Column(name = "platform_id")
    public String platformId;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "consecutive_failures", nullable = false)
    public int consecutiveFailures;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "leased_by")
    public String leasedBy;

    @Column(name = "leased_until")
    public Instant leasedUntil;
}
