package io.chargeclear.kit.directory;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** One party as this service knows it from {@code hub.party.v1}: who it is and which platform speaks for it. */
@Entity
@Table(name = "party_directory")
@IdClass(DirectoryParty.Key.class)
public class DirectoryParty extends PanacheEntityBase {

    @Id
    @Column(name = "country_code")
    public String countryCode;

    @Id
    @Column(name = "party_id")
    public String partyId;

    @Id
    public String role;

    public String name;

    @Column(name = "platform_id", nullable = false)
    public String platformId;

    @Column(name = "platform_name", nullable = false)
    public String platformName;

    /** The platform's status: ACTIVE or SUSPENDED (unregistered platforms leave the directory). */
    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public long revision;

    /** The EMAID provider ids the party (an eMSP) holds, comma-separated in normal form; empty for none. */
    @Column(name = "emaid_provider_ids", nullable = false)
    public String emaidProviderIds = "";

    @Column(name = "payment_terminal_provider", nullable = false)
    public boolean paymentTerminalProvider;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Composite identity of a party: OCPI's (country_code, party_id, role). */
    public static class Key implements Serializable {
        public String countryCode;
        public String partyId;
        public String role;

        public Key() {
        }

        public Key(String countryCode, String partyId, String role) {
            this.countryCode = countryCode;
            this.partyId = partyId;
            this.role = role;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && countryCode.equals(k.countryCode) && partyId.equals(k.partyId)
                    && role.equals(k.role);
        }

        @Override
        public int hashCode() {
            return Objects.hash(countryCode, partyId, role);
        }
    }
}
