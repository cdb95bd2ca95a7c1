package io.chargeclear.settlement.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.chargeclear.model.event.OcpiObjectChanged;
import io.chargeclear.model.event.OcpiParty;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The rules of terminal-paid sessions on a CPO's statement (brief §3.5, docs/adr/0030): a driver paid at a payment
 * terminal, so nobody owes anything through the hub; the CPO sees the CDR's total against what the payment terminal
 * provider says it captured, and flags where the two tell different stories. Plain Java: reading a financial advice
 * confirmation (FAC) and comparing it with a CDR.
 */
public final class TerminalPayments {

    /** The {@code module} of a FAC on {@code ocpi.payment.v1}. */
    public static final String MODULE = "financial-advice-confirmations";

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private TerminalPayments() {
    }

    /** OCPI 2.3.0 payments {@code CaptureStatusCode}. */
    public enum CaptureStatus { SUCCESS, PARTIAL_SUCCESS, FAILED }

    /** What the CPO is told to look at; none means the terminal captured exactly the CDR's total. */
    public enum Flag {
        /** The provider captured only part of the amount. */
        PARTIAL_SUCCESS,
        /** The capture failed. */
        FAILED,
        /** The CDR has an {@code invoice_reference_id} (the CPO invoices) but no FAC names its session. */
        MISSING_CONFIRMATION,
        /** A FAC names a session of the CPO that no terminal-paid CDR has. */
        ORPHAN_CONFIRMATION,
        /** The amount captured is not the CDR's total including taxes, or not in its currency. */
        AMOUNT_MISMATCH
    }

    /**
     * A FAC as settlement reads it.
     *
     * @param provider the payment terminal provider that sent it (the record's owner)
     * @param cpo      the CPO of the session (the record's recipient)
     * @param captured {@code total_costs.before_taxes} plus every {@code total_costs.taxes[].amount}, exact
     * @param eftData  the {@code eft_data} lines; empty when the provider sent none (accepted with a warning upstream)
     */
    public record Confirmation(OcpiParty provider, String id, OcpiParty cpo, String authorizationReference,
                               String currency, BigDecimal beforeTaxes, BigDecimal captured, CaptureStatus status,
                               String statusMessage, List<String> eftData, Instant lastUpdated) {

        public Confirmation {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(cpo, "cpo");
            eftData = eftData == null ? List.of() : List.copyOf(eftData);
        }
    }

    /**
     * A CDR classified DIRECT_PAID, as its line needs it.
     *
     * @param receiver       who the CDR went to: normally the payment terminal provider
     * @param totalInclTaxes the CDR's total including taxes, as the hub rated it, in {@code currency}
     */
    public record PaidCdr(OcpiParty cpo, String cdrId, OcpiParty receiver, String authorizationReference,
                          String invoiceReferenceId, Instant sessionEnd, String currency, BigDecimal totalInclTaxes) {
    }

    /**
     * One line of a CPO's terminal-paid list: a CDR with the FAC of its session (null when none is known), or an
     * orphan FAC alone ({@code cdr} null). Information only: never part of a statement's totals or a net position.
     */
    public record Line(OcpiParty cpo, PaidCdr cdr, Confirmation confirmation, List<Flag> flags) {

        public Line {
            flags = List.copyOf(flags);
        }
    }

    /**
     * Reads a FAC from its {@code ocpi.payment.v1} event: the object is in the 2.3.0 Price shape (the gateway
     * normalises 2.2.1's), {@code eft_data} may be missing.
     *
     * @throws IllegalArgumentException when it is not a FAC settlement can use: the record is parked, not guessed at
     */
    public static Confirmation confirmation(OcpiObjectChanged changed) {
        if (!MODULE.equals(changed.module())) {
            throw new IllegalArgumentException("not a financial advice confirmation: module " + changed.module());
        }
        if (changed.owner() == null || changed.recipient() == null) {
            throw new IllegalArgumentException("a financial advice confirmation needs its owner (the payment terminal"
                    + " provider) and its recipient (the CPO)");
        }
        JsonNode object = changed.object();
        if (object == null || !object.isObject()) {
            throw new IllegalArgumentException("financial advice confirmation " + changed.objectId()
                    + " carries no object");
        }
        String id = text(object, "id", true);
        if (changed.objectId() != null && !changed.objectId().equals(id)) {
            throw new IllegalArgumentException("financial advice confirmation " + changed.objectId()
                    + " carries an object with id " + id);
        }
        String reference = text(object, "authorization_reference", true);
        String currency = text(object, "currency", true);
        if (!CURRENCY.matcher(currency).matches()) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code, not '" + currency + "'");
        }
        int minorDigits;
        try {
            minorDigits = Math.max(0, java.util.Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code, not '" + currency + "'");
        }
        JsonNode totalCosts = object.path("total_costs");
        BigDecimal beforeTaxes = decimal(totalCosts.get("before_taxes"), "total_costs.before_taxes");
        BigDecimal captured = beforeTaxes;
        JsonNode taxes = totalCosts.path("taxes");
        if (!taxes.isMissingNode() && !taxes.isNull() && !taxes.isArray()) {
            throw new IllegalArgumentException("total_costs.taxes must be a list");
        }
        for (JsonNode tax : taxes) {
            captured = captured.add(decimal(tax.get("amount"), "total_costs.taxes[].amount"));
        }
        // shown in the currency's minor units at least (4.4 as 4.40); a finer amount keeps its digits, never rounded
        beforeTaxes = atLeast(beforeTaxes, minorDigits);
        captured = atLeast(captured, minorDigits);
        CaptureStatus status;
        try {
            status = CaptureStatus.valueOf(text(object, "capture_status_code", true));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("capture_status_code must be SUCCESS, PARTIAL_SUCCESS or FAILED, not '"
                    + object.path("capture_status_code").asText() + "'");
        }
        List<String> eftData = new ArrayList<>();
        for (JsonNode line : object.path("eft_data")) {
            eftData.add(line.asText());
        }
        String lastUpdated = text(object, "last_updated", false);
        Instant updated;
        try {
            updated = lastUpdated == null ? changed.lastUpdated() : Instant.parse(lastUpdated);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("last_updated must be a date-time, not '" + lastUpdated + "'");
        }
        if (updated == null) {
            throw new IllegalArgumentException("financial advice confirmation " + id + " has no last_updated");
        }
        return new Confirmation(changed.owner(), id, changed.recipient(), reference, currency, beforeTaxes, captured,
                status, text(object, "capture_status_message", false), eftData, updated);
    }

    /** The FAC that counts for a session when a provider sent several: the newest, then the highest id. */
    public static Confirmation newest(List<Confirmation> confirmations) {
        return confirmations.stream().max(Comparator.comparing(Confirmation::lastUpdated)
                .thenComparing(Confirmation::id)).orElse(null);
    }

    /** The line of a terminal-paid CDR and the FAC of its session, if one is known. */
    public static Line line(PaidCdr cdr, Confirmation confirmation) {
        List<Flag> flags = new ArrayList<>();
        if (confirmation == null) {
            if (cdr.invoiceReferenceId() != null) {
                flags.add(Flag.MISSING_CONFIRMATION);
            }
            return new Line(cdr.cpo(), cdr, null, flags);
        }
        status(confirmation, flags);
        if (!confirmation.currency().equals(cdr.currency())
                || confirmation.captured().compareTo(cdr.totalInclTaxes()) != 0) {
            flags.add(Flag.AMOUNT_MISMATCH);
        }
        return new Line(cdr.cpo(), cdr, confirmation, flags);
    }

    /** The line of a FAC whose session no terminal-paid CDR of its CPO has. */
    public static Line orphan(Confirmation confirmation) {
        List<Flag> flags = new ArrayList<>();
        status(confirmation, flags);
        flags.add(Flag.ORPHAN_CONFIRMATION);
        return new Line(confirmation.cpo(), null, confirmation, flags);
    }

    private static void status(Confirmation confirmation, List<Flag> flags) {
        switch (confirmation.status()) {
            case PARTIAL_SUCCESS -> flags.add(Flag.PARTIAL_SUCCESS);
            case FAILED -> flags.add(Flag.FAILED);
            case SUCCESS -> {
            }
        }
    }

    private static String text(JsonNode object, String field, boolean required) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull() || !value.isValueNode() || value.asText().isBlank()) {
            if (required) {
                throw new IllegalArgumentException("financial advice confirmation lacks " + field);
            }
            return null;
        }
        return value.asText();
    }

    private static BigDecimal atLeast(BigDecimal amount, int digits) {
        return amount.scale() >= digits ? amount : amount.setScale(digits);
    }

    /** An amount as a JSON number or decimal string, exact (never through a double). */
    private static BigDecimal decimal(JsonNode value, String field) {
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("financial advice confirmation lacks " + field);
        }
        try {
            return value.isNumber() ? value.decimalValue() : new BigDecimal(value.asText());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " must be a decimal, not '" + value.asText() + "'");
        }
    }
}
