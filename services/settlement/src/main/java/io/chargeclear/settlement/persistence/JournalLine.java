package io.chargeclear.settlement.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.util.UUID;

/** One debit or credit line of a journal entry, in minor units. */
@Entity
@Table(name = "journal_line")
public class JournalLine extends PanacheEntityBase {

    /** From a sequence in blocks of 50 (V5), so the lines of a flush go to the database as one batch. */
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "journal_line_ids")
    @SequenceGenerator(name = "journal_line_ids", sequenceName = "journal_line_id_seq", allocationSize = 50)
    public Long id;

    @Column(name = "entry_id", nullable = false)
    public UUID entryId;

    @Column(nullable = false)
    public String account;

    public String party;

    @Column(nullable = false)
    public String side;

    @Column(name = "amount_minor", nullable = false)
    public long amountMinor;
}
