package io.chargeclear.testkit.partner;

/**
 * Whom a call to the hub is addressed to, i.e. the {@code OCPI-to-country-code} and {@code OCPI-to-party-id}
 * headers it carries: the hub itself, another party routed through the hub, or nobody (open routing, where the hub
 * picks the receiver).
 */
public final class Target {

    private static final Target HUB = new Target(null, null, true);
    private static final Target NONE = new Target(null, null, false);

    private final String countryCode;
    private final String partyId;
    private final boolean hub;

    private Target(String countryCode, String partyId, boolean hub) {
        this.countryCode = countryCode;
        this.partyId = partyId;
        this.hub = hub;
    }

    /** The hub's own party, as learned from its credentials during registration. */
    public static Target hub() {
        return HUB;
    }

    /** Another party, addressed through the hub. */
    public static Target party(String countryCode, String partyId) {
        return new Target(countryCode, partyId, false);
    }

    /** No OCPI-to headers at all. */
    public static Target none() {
        return NONE;
    }

    boolean isHub() {
        return hub;
    }

    boolean isNone() {
        return !hub && countryCode == null;
    }

    String countryCode() {
        return countryCode;
    }

    String partyId() {
        return partyId;
    }

    @Override
    public String toString() {
        return hub ? "hub" : isNone() ? "none" : countryCode + "-" + partyId;
    }
}
