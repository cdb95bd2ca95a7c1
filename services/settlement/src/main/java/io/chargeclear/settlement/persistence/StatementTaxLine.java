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
 * One tax of a statement: the sum of one tax name and percentage over its entries, rounded once to minor units, in
 * the statement's currency. Insert-only, like the statement.
 */
@Entity
@Table(name = "statement_tax_line")
@IdClass(StatementTaxLine.Key.class)
public class StatementTaxLine extends PanacheEntityBase {

    @Id
    @Column(name = "statement_id")
    public UUID statementId;

    /** The line's place on the statement (by name, then percentage), from 0. */
    @Id
    @Column(name = "line_no")
    public int lineNo;

    @Column(nullable = false)
    public String name;

    /** The rate in percent; null for the lines the ratings gave none. */
    public BigDecimal percentage;

    @Column(name = "amount_minor", nullable = false)
    public long amountMinor;

    /** Identity: the statement and the line's place on it. */
    public static class Key implements Serializable {
        public UUID statementId;
        public int lineNo;

        public Key() {
        }

        public Key(UUID statementId, int lineNo) {
            this.statementId = statementId;
            this.lineNo = lineNo;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && statementId.equals(k.statementId) && lineNo == k.lineNo;
        }

        @Override
        public int hashCode() {
            return Objects.hash(statementId, lineNo);
        }
    }
}
