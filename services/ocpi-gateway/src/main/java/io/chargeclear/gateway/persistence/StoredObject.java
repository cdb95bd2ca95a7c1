package io.chargeclear.gateway.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The hub's current copy of one OCPI object it routed (location, tariff, token, session or CDR), per owner. */
@Entity
@Table(name = "ocpi_object")
public class StoredObject extends PanacheEntityBase {

    /** Creation order; GET lists are paged on it. */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    @Column(nullable = false)
    public String module;

    @Column(name = "country_code", nullable = false)
    public String countryCode;

    @Column(name = "party_id", nullable = false)
    public String partyId;

    @Column(name = "object_id", nullable = false)
    public String objectId;

    /** Tokens only (part of a token's identity); empty otherwise. */
    @Column(name = "token_type", nullable = false)
    public String tokenType = "";

    /** The object's OCPI JSON as the owner sent it, updates merged in, in {@link #sourceVersion}. */
    @Column(nullable = false)
    public String body;

    /**
     * The OCPI version of {@link #body}: the owner's, or 2.3.0 when its updates came in both versions (ADR 0024);
     * null in rows stored before versions were kept, which are 2.2.1.
     */
    @Column(name = "source_version")
    public String sourceVersion;

    @Column(name = "last_updated", nullable = false)
    public Instant lastUpdated;

    /** Sessions and CDRs: the eMSP they were routed to. */
    @Column(name = "recipient_country_code")
    public String recipientCountryCode;

    @Column(name = "recipient_party_id")
    public String recipientPartyId;

    /**
     * A second party the object was sent to, who may read it like the recipient: the CPO of a statement the hub issued
     * an invoice reconciliation record for (docs/adr/0032-invoice-reconciliation.md). Null otherwise.
     */
    @Column(name = "copy_country_code")
    public String copyCountryCode;

    @Column(name = "copy_party_id")
    public String copyPartyId;

    @Column(name = "sender_platform", nullable = false)
    public String senderPlatform;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;
}
