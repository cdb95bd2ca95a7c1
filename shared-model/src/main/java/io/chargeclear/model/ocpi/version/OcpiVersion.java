package io.chargeclear.model.ocpi.version;

/**
 * The OCPI versions the hub speaks, by their wire string. A platform connection has exactly one of them, so every
 * object the hub sends is rendered for one of these two.
 * <p>
 * OCPI 2.3.0 §version_information_endpoint "VersionNumber" (an OpenEnum: other strings exist in the wild, but the
 * hub cannot render for them, hence the error in {@link #parse(String)}).
 */
public enum OcpiVersion {
    V2_2_1("2.2.1"),
    V2_3_0("2.3.0");

    private final String wire;

    OcpiVersion(String wire) {
        this.wire = wire;
    }

    /** The version as written in URLs, version lists and the stored platform profile, e.g. {@code "2.3.0"}. */
    public String wire() {
        return wire;
    }

    /**
     * The version for a wire string.
     *
     * @throws IllegalArgumentException naming the supported versions, for null or any other string
     */
    public static OcpiVersion parse(String wire) {
        for (OcpiVersion version : values()) {
            if (version.wire.equals(wire)) {
                return version;
            }
        }
        throw new IllegalArgumentException(
                "unsupported OCPI version " + (wire == null ? "null" : "\"" + wire + "\"") + "; supported: 2.2.1, 2.3.0");
    }

    @Override
    public String toString() {
        return wire;
    }
}
