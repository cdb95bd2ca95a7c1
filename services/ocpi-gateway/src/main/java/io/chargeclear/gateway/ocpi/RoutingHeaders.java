package io.chargeclear.gateway.ocpi;

import io.chargeclear.model.event.OcpiParty;
import io.chargeclear.model.ocpi.OcpiStatus;
import jakarta.ws.rs.core.Response;

import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The four OCPI 2.2.1 routing headers of a functional-module request (§transport_and_format "Message routing"):
 * FROM is required; TO is the hub itself (broadcast push, GET-all from the hub's store), another party
 * (party-to-party), or absent (open routing: the hub decides from the content).
 *
 * @param from the requesting party
 * @param to   the addressed party, or null for open routing
 */
public record RoutingHeaders(OcpiParty from, OcpiParty to) {

    public static final String FROM_COUNTRY_CODE = "OCPI-from-country-code";
    public static final String FROM_PARTY_ID = "OCPI-from-party-id";
    public static final String TO_COUNTRY_CODE = "OCPI-to-country-code";
    public static final String TO_PARTY_ID = "OCPI-to-party-id";

    private static final Pattern COUNTRY = Pattern.compile("[A-Za-z]{2}");
    private static final Pattern PARTY = Pattern.compile("[A-Za-z0-9]{3}");

    /** @throws OcpiException 2001 naming the header that is missing or malformed */
    public static RoutingHeaders read(Function<String, String> headers) {
        OcpiParty from = party(headers, FROM_COUNTRY_CODE, FROM_PARTY_ID, true);
        OcpiParty to = party(headers, TO_COUNTRY_CODE, TO_PARTY_ID, false);
        return new RoutingHeaders(from, to);
    }

    private static OcpiParty party(Function<String, String> headers, String countryHeader, String partyHeader, boolean required) {
        String country = headers.apply(countryHeader);
        String party = headers.apply(partyHeader);
        if (country == null && party == null && !required) {
            return null;
        }
        if (country == null || party == null) {
            throw invalid("missing header " + (country == null ? countryHeader : partyHeader)
                    + (required ? ": every request to a functional module names the requesting party" : ""));
        }
        if (!COUNTRY.matcher(country.strip()).matches()) {
            throw invalid("header " + countryHeader + " must be an ISO 3166-1 alpha-2 code, got '" + country + "'");
        }
        if (!PARTY.matcher(party.strip()).matches()) {
            throw invalid("header " + partyHeader + " must be 3 letters or digits, got '" + party + "'");
        }
        // CiString: compare case-insensitively by keeping the canonical upper case
        return new OcpiParty(country.strip().toUpperCase(), party.strip().toUpperCase());
    }

    private static OcpiException invalid(String message) {
        return new OcpiException(Response.Status.BAD_REQUEST, OcpiStatus.INVALID_OR_MISSING_PARAMETERS, message);
    }
}
