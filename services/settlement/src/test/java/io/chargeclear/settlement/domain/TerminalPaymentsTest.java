package io.chargeclear.settlement.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.chargeclear.model.event.OcpiObjectChanged;
import io.chargeclear.model.event.OcpiParty;
import io.chargeclear.model.ocpi.OcpiJson;
import io.chargeclear.settlement.domain.TerminalPayments.CaptureStatus;
import io.chargeclear.settlement.domain.TerminalPayments.Confirmation;
import io.chargeclear.settlement.domain.TerminalPayments.Flag;
import io.chargeclear.settlement.domain.TerminalPayments.PaidCdr;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules of the CPO's terminal-paid list: reading a FAC and comparing it with its CDR (brief §3.5). */
class TerminalPaymentsTest {

    private static final OcpiParty PTP = new OcpiParty("NL", "PTP");
    private static final OcpiParty CPO = new OcpiParty("NL", "CP1");
    private static final Instant AT = Instant.parse("2018-12-10T17:16:15Z");

    /** OCPI 2.3.0 payments' success example, in the 2.3.0 Price shape the gateway normalises to. */
    private static final String SUCCESS = """
            {"id": "452cf8a1-79aa-4a0e-9aee-dc788586053c", "authorization_reference": "pp-100100-1948213567",
             "total_costs": {"before_taxes": 4.00, "taxes": [{"name": "VAT", "amount": 0.40}]}, "currency": "EUR",
             "eft_data": ["Mastercard", "Amount: EUR 4.40"], "capture_status_code": "SUCCESS",
             "capture_status_message": "Capture successfull at PSP", "last_updated": "2018-12-10T17:16:15Z"}""";

    @Test
    void theCapturedAmountIsBeforeTaxesPlusEveryTaxExactly() {
        Confirmation fac = TerminalPayments.confirmation(changed(SUCCESS));
        assertThat(fac.captured()).as("in the currency's minor units").hasToString("4.40");
        assertThat(fac.beforeTaxes()).hasToString("4.00");
        assertThat(fac.provider()).isEqualTo(PTP);
        assertThat(fac.cpo()).isEqualTo(CPO);
        assertThat(fac.status()).isEqualTo(CaptureStatus.SUCCESS);
        assertThat(fac.eftData()).containsExactly("Mastercard", "Amount: EUR 4.40");
        assertThat(fac.lastUpdated()).isEqualTo(AT);
    }

    @Test
    void amountsAreReadAsDecimalsNeverThroughADouble() {
        Confirmation fac = TerminalPayments.confirmation(changed(SUCCESS
                .replace("4.00", "0.1").replace("0.40", "0.2")));
        assertThat(fac.captured()).isEqualByComparingTo("0.3");
        Confirmation strings = TerminalPayments.confirmation(changed(SUCCESS
                .replace("4.00", "\"4.00\"").replace("0.40", "\"0.40\"")));
        assertThat(strings.captured()).isEqualByComparingTo("4.40");
    }

    @Test
    void aFailureWithoutEftDataOrTaxesIsRead() {
        Confirmation fac = TerminalPayments.confirmation(changed("""
                {"id": "f1", "authorization_reference": "pp-1", "total_costs": {"before_taxes": 4.40},
                 "currency": "EUR", "capture_status_code": "FAILED", "last_updated": "2018-12-10T17:16:15Z"}"""));
        assertThat(fac.eftData()).isEmpty();
        assertThat(fac.captured()).isEqualByComparingTo("4.40");
        assertThat(TerminalPayments.line(cdr("4.40", "EUR", "INV-1"), fac).flags()).containsExactly(Flag.FAILED);
    }

    @Test
    void whatCannotBeReadIsRefusedNotGuessed() {
        assertThatThrownBy(() -> TerminalPayments.confirmation(changed(SUCCESS.replace(
                "\"authorization_reference\": \"pp-100100-1948213567\",", ""))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("authorization_reference");
        assertThatThrownBy(() -> TerminalPayments.confirmation(changed(SUCCESS.replace("\"SUCCESS\"", "\"DONE\""))))
                .hasMessageContaining("capture_status_code");
        assertThatThrownBy(() -> TerminalPayments.confirmation(changed(SUCCESS.replace("\"EUR\"", "\"XYZ\""))))
                .hasMessageContaining("currency");
        assertThatThrownBy(() -> TerminalPayments.confirmation(changed(SUCCESS.replace("4.00", "\"four\""))))
                .hasMessageContaining("before_taxes");
        assertThatThrownBy(() -> TerminalPayments.confirmation(new OcpiObjectChanged("terminals", PTP, "T1", null,
                "PUT", OcpiJson.mapper().createObjectNode(), CPO, "p", AT, AT, "2.3.0")))
                .hasMessageContaining("module");
    }

    @Test
    void aCaptureOfExactlyTheCdrTotalIsNotFlagged() {
        Confirmation fac = TerminalPayments.confirmation(changed(SUCCESS));
        assertThat(TerminalPayments.line(cdr("4.40", "EUR", "INV-1"), fac).flags()).isEmpty();
        assertThat(TerminalPayments.line(cdr("4.4000", "EUR", null), fac).flags()).as("scale does not matter")
                .isEmpty();
    }

    @Test
    void aCentMoreOrAnotherCurrencyIsAMismatch() {
        Confirmation fac = TerminalPayments.confirmation(changed(SUCCESS));
        assertThat(TerminalPayments.line(cdr("4.39", "EUR", null), fac).flags()).containsExactly(Flag.AMOUNT_MISMATCH);
        assertThat(TerminalPayments.line(cdr("4.40", "GBP", null), fac).flags()).containsExactly(Flag.AMOUNT_MISMATCH);
        Confirmation partial = TerminalPayments.confirmation(changed(SUCCESS.replace("\"SUCCESS\"",
                "\"PARTIAL_SUCCESS\"")));
        assertThat(TerminalPayments.line(cdr("5.00", "EUR", null), partial).flags())
                .containsExactly(Flag.PARTIAL_SUCCESS, Flag.AMOUNT_MISMATCH);
    }

    @Test
    void aConfirmationIsMissingOnlyWhenTheCpoInvoices() {
        assertThat(TerminalPayments.line(cdr("4.40", "EUR", "INV-1"), null).flags())
                .containsExactly(Flag.MISSING_CONFIRMATION);
        assertThat(TerminalPayments.line(cdr("4.40", "EUR", null), null).flags()).as("the PTP invoices").isEmpty();
    }

    @Test
    void anOrphanKeepsItsStatusFlag() {
        Confirmation failed = TerminalPayments.confirmation(changed(SUCCESS.replace("\"SUCCESS\"", "\"FAILED\"")));
        assertThat(TerminalPayments.orphan(failed).flags()).containsExactly(Flag.FAILED, Flag.ORPHAN_CONFIRMATION);
        assertThat(TerminalPayments.orphan(failed).cdr()).isNull();
    }

    @Test
    void theNewestConfirmationOfASessionCounts() {
        Confirmation old = TerminalPayments.confirmation(changed(SUCCESS.replace("\"SUCCESS\"", "\"FAILED\"")));
        Confirmation newer = TerminalPayments.confirmation(changed(SUCCESS.replace("2018-12-10T17:16:15Z",
                "2018-12-11T09:00:00Z")));
        assertThat(TerminalPayments.newest(List.of(newer, old))).isSameAs(newer);
        assertThat(TerminalPayments.newest(List.of())).isNull();
    }

    private static PaidCdr cdr(String total, String currency, String invoiceReferenceId) {
        return new PaidCdr(CPO, "CDR-1", PTP, "pp-100100-1948213567", invoiceReferenceId, AT, currency,
                new BigDecimal(total));
    }

    private static OcpiObjectChanged changed(String object) {
        try {
            JsonNode node = OcpiJson.mapper().readTree(object);
            return new OcpiObjectChanged(TerminalPayments.MODULE, PTP, node.path("id").asText(), null, "POST", node,
                    CPO, "ptp-platform", AT, AT, "2.3.0");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
