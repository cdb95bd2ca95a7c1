package io.chargeclear.gateway.domain;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The OCPI versions the hub offers (docs/adr/0025-ocpi-version-per-platform.md). A partner that starts the handshake
 * gets the version of the credentials endpoint it called; the version belongs to the platform connection, so all
 * parties of a platform share it.
 */
public final class OcpiVersions {

    public static final String V2_2_1 = "2.2.1";
    public static final String V2_3_0 = "2.3.0";

    /** Every version the hub can speak, oldest first. */
    public static final List<String> KNOWN = List.of(V2_2_1, V2_3_0);

    private final List<String> offered;

    private OcpiVersions(List<String> offered) {
        this.offered = offered;
    }

    /**
     * The configured versions, checked: each must be one the hub can speak, none twice, and 2.2.1 among them (most
     * partners speak it, and a hub that dropped it would cut them off at once).
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static OcpiVersions of(Collection<String> configured) {
        Set<String> seen = new LinkedHashSet<>();
        for (String version : configured) {
            String trimmed = version == null ? "" : version.trim();
            if (!KNOWN.contains(trimmed)) {
                throw new IllegalArgumentException("chargeclear.ocpi.versions: the hub cannot speak OCPI '" + trimmed
                        + "'; it speaks " + KNOWN);
            }
            if (!seen.add(trimmed)) {
                throw new IllegalArgumentException("chargeclear.ocpi.versions: " + trimmed + " is listed twice");
            }
        }
        if (!seen.contains(V2_2_1)) {
            throw new IllegalArgumentException("chargeclear.ocpi.versions must include 2.2.1: most partners speak it");
        }
        return new OcpiVersions(KNOWN.stream().filter(seen::contains).toList());
    }

    /** The offered versions, oldest first. */
    public List<String> offered() {
        return offered;
    }

    public boolean offers(String version) {
        return offered.contains(version);
    }

    /**
     * Whether a peer on {@code version} is told of the hub by {@code hub_party_id} and the reachable parties in
     * {@code roles} (OCPI 2.3.0 §credentials), instead of the single 2.2.1 role {@code HUB}.
     */
    public static boolean listsReachableParties(String version) {
        return V2_3_0.equals(version);
    }
}
