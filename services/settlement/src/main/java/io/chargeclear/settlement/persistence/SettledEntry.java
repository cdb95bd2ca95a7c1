package io.chargeclear.settlement.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/** A journal entry a run settled, in which statement; the primary key makes it happen once. Insert-only. */
@Entity
@Table(name = "settled_entry")
public class SettledEntry extends PanacheEntityBase {

    @Id
    @Column(name = "entry_id")
    public UUID entryId;

    @Column(name = "run_id", nullable = false)
    public UUID runId;

    @Column(name = "statement_id", nullable = false)
    public UUID statementId;

    /** The entry's session ended before the run's period: it arrived after an earlier run. */
    @Column(nullable = false)
    public boolean late;
}
