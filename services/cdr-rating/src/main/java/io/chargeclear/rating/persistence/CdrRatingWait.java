package io.chargeclear.rating.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * One object a waiting CDR waits for, as the operator view reads it. Written only by {@link RatingWaits}, in SQL,
 * so that a reference event can mark and lock the waiting CDRs in one statement each; hence read-only here.
 */
@Entity
@Immutable
@Table(name = "cdr_rating_wait")
@IdClass(CdrRatingWait.Key.class)
public class CdrRatingWait extends PanacheEntityBase {

    @Id
    @Column(name = "country_code")
    public String countryCode;

    @Id
    @Column(name = "party_id")
    public String partyId;

    @Id
    @Column(name = "cdr_id")
    public String cdrId;

    /** A {@code ReferenceWait.Kind} name. */
    @Id
    public String kind;

    /** The object's id within the CPO: location id, tariff id, eMSP {@code CC*PID} or credited CDR id. */
    @Id
    @Column(name = "ref_id")
    public String refId;

    /** The object arrived; the sweep rates the CDR if the event's transaction did not. */
    public boolean due;

    /** When the CDR was last evaluated. */
    @Column(name = "checked_at")
    public Instant checkedAt;

    /** Identity: the CDR and the object. */
    public static class Key implements Serializable {
        public String countryCode;
        public String partyId;
        public String cdrId;
        public String kind;
        public String refId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && countryCode.equals(k.countryCode) && partyId.equals(k.partyId)
                    && cdrId.equals(k.cdrId) && kind.equals(k.kind) && refId.equals(k.refId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(countryCode, partyId, cdrId, kind, refId);
        }
    }
}
