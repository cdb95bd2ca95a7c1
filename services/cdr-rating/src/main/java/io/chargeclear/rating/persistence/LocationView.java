package io.chargeclear.rating.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A CPO's location as rating needs it: its time zone, and its connectors' tariff ids (in the body). */
@Entity
@Table(name = "location_view")
@IdClass(LocationView.Key.class)
public class LocationView extends PanacheEntityBase {

    @Id
    @Column(name = "country_code")
    public String countryCode;

    @Id
    @Column(name = "party_id")
    public String partyId;

    @Id
    @Column(name = "location_id")
    public String locationId;

    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    @Column(nullable = false)
    public String body;

    @Column(name = "last_updated", nullable = false)
    public Instant lastUpdated;

    /** Identity: owner and location id. */
    public static class Key implements Serializable {
        public String countryCode;
        public String partyId;
        public String locationId;

        public Key() {
        }

        public Key(String countryCode, String partyId, String locationId) {
            this.countryCode = countryCode;
            this.partyId = partyId;
            this.locationId = locationId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && countryCode.equals(k.countryCode) && partyId.equals(k.partyId)
                    && locationId.equals(k.locationId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(countryCode, partyId, locationId);
        }
    }
}
