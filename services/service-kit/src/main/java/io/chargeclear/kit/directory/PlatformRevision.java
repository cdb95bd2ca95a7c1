package io.chargeclear.kit.directory;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The newest platform snapshot revision applied, so an older or replayed snapshot is ignored. */
@Entity
@Table(name = "platform_revision")
public class PlatformRevision extends PanacheEntityBase {

    @Id
    @Column(name = "platform_id")
    public String platformId;

    @Column(nullable = false)
    public long revision;
}
