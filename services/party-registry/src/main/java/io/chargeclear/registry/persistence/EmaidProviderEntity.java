package io.chargeclear.registry.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.List;

/** An EMAID provider id held by a live eMSP party (docs/adr/0029-plug-and-charge.md); one holder per id. */
@Entity
@Table(name = "emaid_provider")
public class EmaidProviderEntity extends PanacheEntityBase {

    @Id
    @Column(name = "provider_id")
    public String providerId;

    @Column(name = "platform_id", nullable = false)
    public String platformId;

    @Column(name = "country_code", nullable = false)
    public String countryCode;

    @Column(name = "party_id", nullable = false)
    public String partyId;

    @Column(nullable = false)
    public String role = "EMSP";

    public static EmaidProviderEntity of(String providerId, PlatformPartyEntity party) {
        EmaidProviderEntity entity = new EmaidProviderEntity();
        entity.providerId = providerId;
        entity.platformId = party.platformId;
        entity.countryCode = party.countryCode;
        entity.partyId = party.partyId;
        return entity;
    }

    /** Every provider id the platform's parties hold, in id order. */
    public static Uni<List<EmaidProviderEntity>> ofPlatform(String platformId) {
        return list("platformId = ?1 order by providerId", platformId);
    }

    /** The holders of any of {@code providerIds}. */
    public static Uni<List<EmaidProviderEntity>> holding(List<String> providerIds) {
        return list("providerId in ?1", providerIds);
    }

    public boolean heldBy(PlatformPartyEntity party) {
        return platformId.equals(party.platformId) && countryCode.equals(party.countryCode)
                && partyId.equals(party.partyId);
    }
}
