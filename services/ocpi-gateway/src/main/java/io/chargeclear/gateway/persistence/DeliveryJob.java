package io.chargeclear.gateway.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One push owed to one receiver platform, from {@code ocpi.delivery.v1}; delivered in {@code seq} order. */
@Entity
@Table(name = "delivery_job")
public class DeliveryJob extends PanacheEntityBase {

    public static final String PENDING = "PENDING";
    public static final String DELIVERED = "DELIVERED";
    public static final String FAILED = "FAILED";
    /** Never delivered: the receiver platform is no longer registered or ended its connection. */
    public static final String DROPPED = "DROPPED";
    /**
     * Never sent: the receiver's OCPI version cannot carry the object (an inclusive-tax tariff towards 2.2.1; ADR
     * 0024). Not the receiver's failure, and a retry would withhold it again.
     */
    public static final String WITHHELD = "WITHHELD";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    @Column(name = "delivery_id", nullable = false, unique = true)
    public UUID deliveryId;

    @Column(name = "receiver_platform", nullable = false)
    public String receiverPlatform;

    public String module;

    @Column(name = "interface_role")
    public String interfaceRole;

    public String path;

    public String url;

    @Column(nullable = false)
    public String method;

    /** JSON object of the headers to send. */
    @Column(nullable = false)
    public String headers;

    public String body;

    /** The OCPI version {@link #body} is written in; rendered for the receiver's when sent. Null: 2.2.1. */
    @Column(name = "body_version")
    public String bodyVersion;

    @Column(name = "object_key")
    public String objectKey;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public int attempts;

    /** Failed attempts counted towards {@code delivery.max-attempts} since the job was (re)queued. */
    @Column(nullable = false)
    public int retries;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;
}
