package io.chargeclear.registry.persistence;

import io.chargeclear.registry.domain.PartyKey;
import io.chargeclear.registry.domain.PartyRole;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * A party the operator approved for a platform; {@code live} turns false when the platform is unregistered. The EMAID
 * provider ids an eMSP party holds are {@link EmaidProviderEntity} rows.
 */
@Entity
@Table(name = "platform_party")
@IdClass(PlatformPartyEntity.Key.class)
public class PlatformPartyEntity extends PanacheEntityBase {

    @Id
    @Column(name = "platform_id")
    public String platformId;

    @Id
    @Column(name = "country_code")
    public String countryCode;

    @Id
    @Column(name = "party_id")
    public String partyId;

    @Id
    @Enumerated(EnumType.STRING)
    public PartyRole role;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public boolean live;

    /** A party of role OTHER that provides payment terminals (OCPI 2.3.0 payments). */
    @Column(name = "payment_terminal_provider", nullable = false)
    public boolean paymentTerminalProvider;

    public PartyKey key() {
        return new PartyKey(countryCode, partyId, role);
    }

    public static Uni<List<PlatformPartyEntity>> ofPlatform(String platformId) {
        return list("platformId = ?1 order by countryCode, partyId, role", platformId);
    }

    /** The live claim on a party, if any platform holds one. */
    public static Uni<PlatformPartyEntity> liveClaim(PartyKey key) {
        return find("countryCode = ?1 and partyId = ?2 and role = ?3 and live = true",
                key.countryCode(), key.partyId(), key.role()).firstResult();
    }

    /** Composite identity: platform plus party. */
    public static class Key implements Serializable {
        public String platformId;
        public String countryCode;
        public String partyId;
        public PartyRole role;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && platformId.equals(k.platformId) && countryCode.equals(k.countryCode)
                    && partyId.equals(k.partyId) && role == k.role;
        }

        @Override
        public int hashCode() {
            return Objects.hash(platformId, countryCode, partyId, role);
        }
    }
}
