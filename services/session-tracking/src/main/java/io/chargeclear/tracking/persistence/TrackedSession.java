package io.chargeclear.tracking.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One charging session as tracking sees it: its lifecycle state and what the CPO last said of it. Created by the
 * first event that names the session (an update or a CDR, in whichever order they come) and locked by every
 * consumer that changes it, so two topics never update one session at once.
 */
@Entity
@DynamicUpdate
@Table(name = "tracked_session")
public class TrackedSession extends PanacheEntityBase {

    @Id
    public Long id;

    @Column(name = "country_code", nullable = false)
    public String countryCode;

    @Column(name = "party_id", nullable = false)
    public String partyId;

    @Column(name = "session_id", nullable = false)
    public String sessionId;

    @Column(name = "emsp_country_code")
    public String emspCountryCode;

    @Column(name = "emsp_party_id")
    public String emspPartyId;

    @Column(nullable = false)
    public String state;

    @Column(name = "ocpi_status")
    public String ocpiStatus;

    @Column(name = "session_last_updated")
    public Instant sessionLastUpdated;

    @Column(name = "authorization_reference")
    public String authorizationReference;

    @Column(name = "token_uid")
    public String tokenUid;

    @Column(name = "location_id")
    public String locationId;

    @Column(name = "start_date_time")
    public Instant startDateTime;

    @Column(name = "end_date_time")
    public Instant endDateTime;

    public BigDecimal kwh;

    public String currency;

    @Column(name = "total_cost_excl_vat")
    public BigDecimal totalCostExclVat;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "first_seen_at", nullable = false)
    public Instant firstSeenAt;

    @Column(name = "last_update_seen_at")
    public Instant lastUpdateSeenAt;

    @Column(nullable = false)
    public boolean stuck;

    @Column(name = "cdr_received", nullable = false)
    public boolean cdrReceived;

    @Column(nullable = false)
    public int revision;

    /** {@code NL*CP1*S-1}: the key on tracking.session.v1 and of its breaches. */
    public String key() {
        return countryCode + "*" + partyId + "*" + sessionId;
    }
}
