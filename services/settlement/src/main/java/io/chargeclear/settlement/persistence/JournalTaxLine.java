package io.chargeclear.settlement.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.UUID;

/**
 * One tax line of a journal entry, as the rating it books gave it (negated on a reversal), in the entry's currency.
 * Insert-only, like the journal.
 */
@Entity
@Table(name = "journal_tax_line")
@IdClass(JournalTaxLine.Key.class)
public class JournalTaxLine extends PanacheEntityBase {

    @Id
    @Column(name = "entry_id")
    public UUID entryId;

    /** The line's place in the rating's list, from 0. */
    @Id
    @Column(name = "line_no")
    public int lineNo;

    @Column(nullable = false)
    public String name;

    /** The rate in percent; null when the rating gave none. */
    public BigDecimal percentage;

    /** Exact as the rating gave it. */
    @Column(nullable = false)
    public BigDecimal amount;

    /** Identity: the entry and the line's place in it. */
    public static class Key implements Serializable {
        public UUID entryId;
        public int lineNo;

        public Key() {
        }

        public Key(UUID entryId, int lineNo) {
            this.entryId = entryId;
            this.lineNo = lineNo;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && entryId.equals(k.entryId) && lineNo == k.lineNo;
        }

        @Override
        public int hashCode() {
            return Objects.hash(entryId, lineNo);
        }
    }
}
