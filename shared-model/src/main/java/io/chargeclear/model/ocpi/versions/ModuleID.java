package io.chargeclear.model.ocpi.versions;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Identifier of an OCPI module as listed in version details.
 * <p>
 * OCPI 2.2.1 §version_information_endpoint "ModuleID enum", and {@code payments} (payment terminals) and
 * {@code invoicereconciliation} of OCPI 2.3.0, which only the 2.3.0 version details list.
 */
public enum ModuleID {
    @JsonProperty("cdrs")
    CDRS,

    @JsonProperty("chargingprofiles")
    CHARGINGPROFILES,

    @JsonProperty("commands")
    COMMANDS,

    @JsonProperty("credentials")
    CREDENTIALS,

    @JsonProperty("hubclientinfo")
    HUBCLIENTINFO,

    @JsonProperty("invoicereconciliation")
    INVOICERECONCILIATION,

    @JsonProperty("locations")
    LOCATIONS,

    @JsonProperty("payments")
    PAYMENTS,

    @JsonProperty("sessions")
    SESSIONS,

    @JsonProperty("tariffs")
    TARIFFS,

    @JsonProperty("tokens")
    TOKENS
}
