package io.chargeclear.gateway.persistence;

import io.chargeclear.kit.directory.DirectoryParty;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.time.Instant;

/** The ConnectionStatus the hub last pushed to the other platforms for one party. */
@Entity
@Table(name = "client_info_announced")
@IdClass(DirectoryParty.Key.class)
public class ClientInfoAnnounced extends PanacheEntityBase {

    @Id
    @Column(name = "country_code")
    public String countryCode;

    @Id
    @Column(name = "party_id")
    public String partyId;

    @Id
    public String role;

    @Column(nullable = false)
    public String status;

    @Column(name = "announced_at", nullable = false)
    public Instant announcedAt;
}
