package io.chargeclear.tracking.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;

/** One lifecycle transition of a session, kept for ever (insert-only history). */
@Entity
@Table(name = "session_transition")
public class SessionTransition extends PanacheEntityBase {

    /** From a sequence in blocks of 50 (V4), so the rows of a flush go to the database as one batch. */
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "session_transition_ids")
    @SequenceGenerator(name = "session_transition_ids", sequenceName = "session_transition_id_seq", allocationSize = 50)
    public Long id;

    @Column(name = "country_code", nullable = false)
    public String countryCode;

    @Column(name = "party_id", nullable = false)
    public String partyId;

    @Column(name = "session_id", nullable = false)
    public String sessionId;

    @Column(name = "from_state")
    public String fromState;

    @Column(name = "to_state", nullable = false)
    public String toState;

    @Column(nullable = false)
    public String cause;

    @Column(nullable = false)
    public Instant at;
}
