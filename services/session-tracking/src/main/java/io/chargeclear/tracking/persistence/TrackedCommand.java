package io.chargeclear.tracking.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;

import java.time.Instant;

/**
 * A command the hub relayed, with its CPO's answer and result. A START_SESSION arrives before its session exists:
 * it waits here, unlinked ({@code sessionId} null), until a session with its authorization reference (or token)
 * shows up.
 */
@Entity
@DynamicUpdate
@Table(name = "tracked_command")
public class TrackedCommand extends PanacheEntityBase {

    public static final String START_SESSION = "START_SESSION";

    @Id
    @Column(name = "command_id")
    public String commandId;

    @Column(nullable = false)
    public String command;

    @Column(name = "cpo_country_code", nullable = false)
    public String cpoCountryCode;

    @Column(name = "cpo_party_id", nullable = false)
    public String cpoPartyId;

    @Column(name = "emsp_country_code", nullable = false)
    public String emspCountryCode;

    @Column(name = "emsp_party_id", nullable = false)
    public String emspPartyId;

    @Column(name = "token_uid")
    public String tokenUid;

    @Column(name = "authorization_reference")
    public String authorizationReference;

    @Column(name = "location_id")
    public String locationId;

    @Column(name = "session_id")
    public String sessionId;

    @Column(name = "requested_at")
    public Instant requestedAt;

    @Column(name = "response_result")
    public String responseResult;

    @Column(name = "hub_status")
    public Integer hubStatus;

    @Column(name = "timeout_seconds")
    public Integer timeoutSeconds;

    public String result;

    @Column(name = "result_at")
    public Instant resultAt;
}
