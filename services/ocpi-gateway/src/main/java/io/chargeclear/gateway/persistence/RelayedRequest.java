package io.chargeclear.gateway.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A command or charging-profile request in flight: where its asynchronous result must go back to. */
@Entity
@Table(name = "relayed_request")
public class RelayedRequest extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String module;

    @Column(nullable = false)
    public String command;

    @Column(name = "emsp_country_code", nullable = false)
    public String emspCountryCode;

    @Column(name = "emsp_party_id", nullable = false)
    public String emspPartyId;

    @Column(name = "emsp_platform", nullable = false)
    public String emspPlatform;

    @Column(name = "cpo_country_code", nullable = false)
    public String cpoCountryCode;

    @Column(name = "cpo_party_id", nullable = false)
    public String cpoPartyId;

    /** The eMSP's own response_url: results are delivered there. */
    @Column(name = "response_url", nullable = false)
    public String responseUrl;

    @Column(name = "correlation_id")
    public String correlationId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "result_at")
    public Instant resultAt;
}
