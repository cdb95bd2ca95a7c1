package io.chargeclear.gateway.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The hub's standard terms as the gateway needs them: open market or agreement required, and for which modules. */
@Entity
@Table(name = "standard_terms_view")
public class StandardTermsView extends PanacheEntityBase {

    public static final short ID = 1;

    @Id
    public short id = ID;

    @Column(nullable = false)
    public String mode;

    @Column(nullable = false)
    public long revision;

    /** Comma-separated OCPI module ids. */
    @Column(nullable = false)
    public String modules;
}
