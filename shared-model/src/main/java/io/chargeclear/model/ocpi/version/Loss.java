package io.chargeclear.model.ocpi.version;

import java.util.Objects;

/**
 * One piece of information a receiver on an older version does not get, reported by
 * {@link OcpiVersionTranslator#render} so the caller can count losses per peer and alert on the serious ones.
 *
 * @param code   what was lost
 * @param path   JSON pointer into the canonical object where it was lost, e.g. {@code /evses/0/connectors/1}
 * @param detail the dropped value or a short explanation; never null, may be empty
 */
public record Loss(Code code, String path, String detail) {

    public Loss {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(path, "path");
        detail = detail == null ? "" : detail;
    }

    /** The kinds of loss, named after the policy rows they come from (L1-L7 of the 2.3.0 requirements). */
    public enum Code {
        /** L1: a Price's tax lines (names, percentages, several lines) summed into one {@code incl_vat}. */
        TAX_BREAKDOWN_SUMMED,
        /** L2: a tariff with {@code tax_included: YES} cannot be expressed in 2.2.1 and is withheld. */
        INCLUSIVE_TARIFF_WITHHELD,
        /** L3: {@code tax_included: N/A} dropped; 2.2.1 only knows "excl. VAT". Harmless. */
        TAX_INCLUDED_NOT_APPLICABLE_DROPPED,
        /** L6: an inclusive tariff embedded in a CDR converted to exclusive prices with the CDR's own tax ratio. */
        EMBEDDED_INCLUSIVE_TARIFF_CONVERTED,
        /** L4: TokenType {@code EMAID} sent as {@code OTHER}. */
        EMAID_AS_OTHER,
        /** L4: a TokenType 2.2.1 does not know, sent as {@code OTHER}. */
        UNKNOWN_TOKEN_TYPE_AS_OTHER,
        /** L4: a field 2.2.1 does not have (unknown to OCPI or 2.3.0-only) removed. */
        UNKNOWN_FIELD_DROPPED,
        /** L4: an OpenEnum value 2.2.1 does not have removed from a list, or an optional field holding one removed. */
        UNKNOWN_ENUM_VALUE_DROPPED,
        /** L4: 2.3.0 {@code Connector.capabilities} (Plug and Charge flags) removed. */
        CONNECTOR_CAPABILITIES_DROPPED,
        /** L4: a connector of a type 2.2.1 lacks ({@code MCS}, {@code SAE_J3400}, unknown) left out. */
        CONNECTOR_DROPPED,
        /** An EVSE left without connectors (all dropped), hence left out itself. */
        EVSE_DROPPED,
        /** An object inside a list dropped because a required field holds a value 2.2.1 does not have. */
        OBJECT_DROPPED,
        /** A string longer than 2.2.1 allows (edition 2 lengthened Location address and state), cut. */
        FIELD_TRUNCATED
    }
}
