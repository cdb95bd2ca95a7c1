package io.chargeclear.rating.service;

import io.chargeclear.model.event.CdrFlagged.Reason;
import io.chargeclear.model.money.Money;
import io.chargeclear.rating.domain.CdrPricer;
import io.chargeclear.rating.domain.CostBreakdown;
import io.chargeclear.rating.domain.TaxIncluded;
import io.chargeclear.rating.domain.TaxLine;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rating with OCPI 2.3.0 tariffs and CDRs beside 2.2.1 ones, read as they arrive on Kafka (docs/adr/0026): the
 * official North American examples ({@code ocpi-examples-2.3.0/}, © EVRoaming Foundation, CC BY-ND 4.0, unmodified)
 * and our own Québec CDRs with GST 5 % and QST 9.975 %. Amounts are CAD unless said otherwise.
 */
class TaxedRatingTest {

    private static final ZoneId MONTREAL = ZoneId.of("America/Montreal");
    private static final CdrPricer.Fee FEE = new CdrPricer.Fee("agr-qc", new BigDecimal("2.5"),
            List.of(Money.of("0.10", "CAD")));

    private final CdrPricer pricer = new CdrPricer(new BigDecimal("0.01"));

    @Test
    void exclusiveTariff19WithAQuebecCdrKeepsTheCposGstAndQstLines() throws IOException {
        OcpiShapes.ReadTariff tariff = OcpiShapes.tariff(resource("tariff_19_simple_north_american_exclusive.json"));
        assertThat(tariff.taxIncluded()).isEqualTo(TaxIncluded.NO);
        // TIME 2.00/h before taxes, no vat: 1.5 h = 3.00. GST 5 % = 0.15, QST 9.975 % = 0.29925 -> 0.30 (CPO's lines)
        OcpiShapes.ReadCdr cdr = quebecCdr("3.00", "[{'name': 'GST', 'percentage': 5, 'amount': 0.15,"
                + " 'account_number': '123456789RT0001'}, {'name': 'QST', 'percentage': 9.975, 'amount': 0.30}]");

        CdrPricer.Priced priced = price(cdr, tariff);

        assertThat(priced.rated()).as(priced.details().toString()).isTrue();
        assertThat(priced.breakdown().taxBasis()).as("tariff 19 states no vat: the taxes are the CDR's to say")
                .isEqualTo(CostBreakdown.TaxBasis.BEFORE_TAXES_ONLY);
        assertThat(priced.taxes()).containsExactly(
                new TaxLine("GST", new BigDecimal("5"), Money.of("0.15", "CAD")),
                new TaxLine("QST", new BigDecimal("9.975"), Money.of("0.30", "CAD")));
        assertThat(priced.total().exclVat()).isEqualTo(Money.of("3.00", "CAD"));
        assertThat(priced.total().inclVat()).as("before taxes + both lines").isEqualTo(Money.of("3.45", "CAD"));
        assertThat(priced.emspPayable()).isEqualTo(Money.of("3.45", "CAD"));
        // 2.5 % of 3.00 = 0.075, plus 0.10 per session = 0.175, rounded once: 0.18
        assertThat(priced.hubFee()).isEqualTo(Money.of("0.18", "CAD"));
        assertThat(priced.cpoReceivable().plus(priced.hubFee())).isEqualTo(priced.emspPayable());
    }

    @Test
    void aCposTotalBeforeTaxesOffTheTariffIsFlaggedWhateverItsTaxes() throws IOException {
        OcpiShapes.ReadTariff tariff = OcpiShapes.tariff(resource("tariff_19_simple_north_american_exclusive.json"));
        CdrPricer.Priced priced = price(quebecCdr("3.50", "[{'name': 'GST', 'percentage': 5, 'amount': 0.18}]"),
                tariff);

        assertThat(priced.reasons()).containsExactly(Reason.COST_MISMATCH);
        assertThat(priced.details().get(0)).contains("3.50 before").contains("the hub rates 3.00");
    }

    @Test
    void inclusiveTariff20WithoutVatIsRatedAfterTaxesAndSplitByTheCposLines() throws IOException {
        OcpiShapes.ReadTariff tariff = OcpiShapes.tariff(resource("tariff_20_simple_north_american_inclusive.json"));
        assertThat(tariff.taxIncluded()).isEqualTo(TaxIncluded.YES);
        // TIME 2.10/h including taxes: 1.5 h = 3.15 after taxes; the CPO says 2.74 + GST 0.14 + QST 0.27 = 3.15
        CdrPricer.Priced priced = price(quebecCdr("2.74", "[{'name': 'GST', 'percentage': 5, 'amount': 0.14},"
                + " {'name': 'QST', 'percentage': 9.975, 'amount': 0.27}]"), tariff);

        assertThat(priced.rated()).as(priced.reasons().toString()).isTrue();
        assertThat(priced.breakdown().taxBasis()).isEqualTo(CostBreakdown.TaxBasis.AFTER_TAXES_ONLY);
        assertThat(priced.total().inclVat()).isEqualTo(Money.of("3.15", "CAD"));
        assertThat(priced.total().exclVat()).as("after taxes less the CPO's taxes").isEqualTo(Money.of("2.74", "CAD"));
        assertThat(priced.taxes()).extracting(TaxLine::name).containsExactly("GST", "QST");
        assertThat(priced.details()).singleElement().asString().contains("tax_included YES").contains("no vat");
        // the fee applies to the total before taxes: 2.5 % of 2.74 + 0.10 = 0.1685 -> 0.17
        assertThat(priced.hubFee()).isEqualTo(Money.of("0.17", "CAD"));
    }

    @Test
    void inclusiveTariff20WithoutVatAndACdrWithoutTaxesRecordsTheAfterTaxTotalAsBeforeTaxesWithAWarning()
            throws IOException {
        OcpiShapes.ReadTariff tariff = OcpiShapes.tariff(resource("tariff_20_simple_north_american_inclusive.json"));
        CdrPricer.Priced priced = price(quebecCdr("3.15", "[]"), tariff);

        assertThat(priced.rated()).as(priced.reasons().toString()).isTrue();
        assertThat(priced.taxes()).isEmpty();
        assertThat(priced.total().exclVat()).isEqualTo(Money.of("3.15", "CAD"));
        assertThat(priced.total().inclVat()).isEqualTo(Money.of("3.15", "CAD"));
        assertThat(priced.details()).singleElement().asString()
                .contains("recorded as the total before taxes too, with no tax line");
    }

    @Test
    void aCadCdrAtALocationInTheUnitedStatesIsRatedWithAWarningAndItsAmountsAsSent() throws IOException {
        OcpiShapes.ReadTariff tariff = OcpiShapes.tariff(resource("tariff_19_simple_north_american_exclusive.json"));
        OcpiShapes.ReadCdr cdr = OcpiShapes.cdr(cdrJson("CAD", "1.5", "TIME",
                "{'before_taxes': 3.00, 'taxes': [{'name': 'GST', 'percentage': 5, 'amount': 0.15}]}")
                .replace("'country': 'CAN'", "'country': 'USA'").replace("'", "\""));

        CdrPricer.Priced priced = price(cdr, tariff);

        assertThat(priced.rated()).as("a warning, never a flag").isTrue();
        assertThat(priced.details()).singleElement().asString()
                .contains("in CAD at a location in USA, where sessions are normally in USD");
        assertThat(priced.taxes()).containsExactly(new TaxLine("GST", new BigDecimal("5"), Money.of("0.15", "CAD")));
        assertThat(priced.emspPayable()).isEqualTo(Money.of("3.15", "CAD"));
    }

    @Test
    void aTaxLineThatIsNotItsPercentageOfTheBaseIsKeptWithAWarning() throws IOException {
        OcpiShapes.ReadTariff tariff = OcpiShapes.tariff(resource("tariff_19_simple_north_american_exclusive.json"));
        // QST 9.975 % of 3.00 is 0.29925; the CPO says 0.50
        CdrPricer.Priced priced = price(quebecCdr("3.00", "[{'name': 'GST', 'percentage': 5, 'amount': 0.15},"
                + " {'name': 'QST', 'percentage': 9.975, 'amount': 0.50}]"), tariff);

        assertThat(priced.rated()).isTrue();
        assertThat(priced.details()).singleElement().asString()
                .contains("QST of 0.50 is not 9.975 % of 3.00 before taxes (0.29925)");
        assertThat(priced.taxes()).extracting(line -> line.amount().amount().toPlainString())
                .as("the CPO's amounts stay as sent").containsExactly("0.15", "0.50");
        assertThat(priced.total().inclVat()).isEqualTo(Money.of("3.65", "CAD"));
    }

    @Test
    void anInclusivePriceWithAVatIsSplitIntoBeforeTaxesAndOneVatLine() throws IOException {
        // ENERGY 0.363/kWh including 21 % VAT: 10 kWh = 3.63 after taxes = 3.00 + VAT 0.63
        OcpiShapes.ReadTariff tariff = OcpiShapes.tariff(euroTariff("YES", "0.363", "21"));
        CdrPricer.Priced priced = price(euroCdr("3.00", "[{'name': 'VAT', 'percentage': 21, 'amount': 0.63}]"),
                tariff);

        assertThat(priced.rated()).as(priced.details().toString()).isTrue();
        assertThat(priced.breakdown().taxBasis()).isEqualTo(CostBreakdown.TaxBasis.COMPLETE);
        assertThat(priced.breakdown().taxes()).singleElement().satisfies(line -> {
            assertThat(line.percentage()).isEqualByComparingTo("21");
            assertThat(line.amount().amount()).isEqualByComparingTo("0.63");
        });
        assertThat(priced.total().exclVat()).isEqualTo(Money.of("3.00", "EUR"));
        assertThat(priced.total().inclVat()).isEqualTo(Money.of("3.63", "EUR"));
        assertThat(priced.details()).isEmpty();
    }

    @Test
    void anInclusiveTariffsAfterTaxTotalIsCheckedAgainstTheCposAfterTaxTotal() throws IOException {
        OcpiShapes.ReadTariff tariff = OcpiShapes.tariff(euroTariff("YES", "0.363", "21"));
        CdrPricer.Priced priced = price(euroCdr("3.00", "[{'name': 'VAT', 'percentage': 21, 'amount': 0.80}]"),
                tariff);

        assertThat(priced.reasons()).containsExactly(Reason.COST_MISMATCH);
    }

    @Test
    void notApplicableMeansNoTaxEvenWhenAComponentCarriesAVat() throws IOException {
        OcpiShapes.ReadTariff tariff = OcpiShapes.tariff(euroTariff("N/A", "0.30", "21"));
        assertThat(tariff.taxIncluded()).isEqualTo(TaxIncluded.NOT_APPLICABLE);
        CdrPricer.Priced priced = price(euroCdr("3.00", "[]"), tariff);

        assertThat(priced.rated()).as(priced.details().toString()).isTrue();
        assertThat(priced.taxes()).isEmpty();
        assertThat(priced.total().exclVat()).isEqualTo(Money.of("3.00", "EUR"));
        assertThat(priced.total().inclVat()).isEqualTo(Money.of("3.00", "EUR"));
    }

    @Test
    void aVatTariffWithoutTheCposLinesGivesOneVatLinePerRateAddingUpToTheRoundedTotals() throws IOException {
        // FLAT 0.50 @ 20 %, ENERGY 0.25/kWh @ 10 % per 100 Wh: 14.23 kWh -> 14.3 kWh = 3.575, VAT 0.3575; FLAT VAT 0.10.
        // Totals 4.075 / 4.5325 -> 4.08 / 4.53: the lines must add up to 0.45, so VAT 10 % takes 0.35, not 0.36.
        OcpiShapes.ReadTariff tariff = OcpiShapes.tariff(new String(
                TaxedRatingTest.class.getResourceAsStream("/ocpi-examples/tariff_3_alt_url.json").readAllBytes(),
                StandardCharsets.UTF_8));
        assertThat(tariff.taxIncluded()).as("an OCPI 2.2.1 tariff").isNull();
        OcpiShapes.ReadCdr cdr = OcpiShapes.cdr(cdrJson("EUR", "14.23", "ENERGY",
                "{'excl_vat': 4.08, 'incl_vat': 4.53}").replace("'", "\""));
        assertThat(cdr.cpoTaxes()).as("a 2.2.1 CDR").isNull();

        CdrPricer.Priced priced = pricer.price(cdr.cdr(), null, tariff.tariff(), null, MONTREAL, FEE_EUR);

        assertThat(priced.rated()).as(priced.details().toString()).isTrue();
        assertThat(priced.taxes()).containsExactly(
                new TaxLine("VAT", new BigDecimal("10.0"), Money.of("0.35", "EUR")),
                new TaxLine("VAT", new BigDecimal("20.0"), Money.of("0.10", "EUR")));
        assertThat(priced.total().exclVat()).isEqualTo(Money.of("4.08", "EUR"));
        assertThat(priced.total().inclVat()).as("as the 2.2.1 rating always had it").isEqualTo(Money.of("4.53", "EUR"));
        assertThat(priced.emspPayable()).isEqualTo(priced.breakdown().roundedTotal().inclVat());
    }

    @Test
    void theOfficialCdrExampleIsReadWithItsTaxLineBesideTheTwoTwoOneRecords() {
        OcpiShapes.ReadCdr cdr = OcpiShapes.cdr(resource("cdr_example.json"));

        assertThat(cdr.cpoTaxes()).containsExactly(new TaxLine("VAT", null, Money.of("0.40", "EUR")));
        assertThat(cdr.cdr().totalCost().exclVat()).isEqualByComparingTo("4.00");
        assertThat(cdr.cdr().totalCost().inclVat()).as("before taxes + the taxes").isEqualByComparingTo("4.40");
        assertThat(cdr.cdr().totalTimeCost().exclVat()).isEqualByComparingTo("4.00");
    }

    private static final CdrPricer.Fee FEE_EUR = new CdrPricer.Fee("agr-eu", new BigDecimal("2.5"), List.of());

    private CdrPricer.Priced price(OcpiShapes.ReadCdr cdr, OcpiShapes.ReadTariff tariff) {
        CdrPricer.Fee fee = cdr.cdr().currency().equals("CAD") ? FEE : FEE_EUR;
        return pricer.price(cdr.cdr(), cdr.cpoTaxes(), tariff.tariff(), tariff.taxIncluded(), MONTREAL, fee);
    }

    /** A 2.3.0 CDR of 1.5 h charging in CAD at a Montréal location. */
    private static OcpiShapes.ReadCdr quebecCdr(String beforeTaxes, String taxes) {
        return OcpiShapes.cdr(cdrJson("CAD", "1.5", "TIME",
                "{'before_taxes': " + beforeTaxes + ", 'taxes': " + taxes + "}").replace("'", "\""));
    }

    /** A 2.3.0 CDR of 10 kWh in EUR. */
    private static OcpiShapes.ReadCdr euroCdr(String beforeTaxes, String taxes) {
        return OcpiShapes.cdr(cdrJson("EUR", "10", "ENERGY",
                "{'before_taxes': " + beforeTaxes + ", 'taxes': " + taxes + "}").replace("'country': 'CAN'",
                "'country': 'NLD'").replace("'", "\""));
    }

    private static String cdrJson(String currency, String volume, String dimension, String totalCost) {
        String energy = dimension.equals("ENERGY") ? volume : "0";
        return """
                {'country_code': 'CA', 'party_id': 'FLO', 'id': 'CDR-QC-1', 'start_date_time': '2026-03-01T15:00:00Z',
                 'end_date_time': '2026-03-01T16:30:00Z',
                 'cdr_token': {'country_code': 'CA', 'party_id': 'MSP', 'uid': 'T1', 'type': 'RFID', 'contract_id': 'C1'},
                 'auth_method': 'WHITELIST',
                 'cdr_location': {'id': 'LOC-QC', 'address': '1 rue Sainte-Catherine', 'city': 'Montréal',
                   'country': 'CAN', 'coordinates': {'latitude': '45.508888', 'longitude': '-73.561668'},
                   'evse_uid': 'E1', 'evse_id': 'CA*FLO*E1', 'connector_id': '1',
                   'connector_standard': 'IEC_62196_T2', 'connector_format': 'SOCKET',
                   'connector_power_type': 'AC_3_PHASE'},
                 'currency': '%s',
                 'charging_periods': [{'start_date_time': '2026-03-01T15:00:00Z',
                   'dimensions': [{'type': '%s', 'volume': %s}]}],
                 'total_cost': %s, 'total_energy': %s, 'total_time': 1.5,
                 'last_updated': '2026-03-01T16:35:00Z'}""".formatted(currency, dimension, volume, totalCost, energy);
    }

    private static String euroTariff(String taxIncluded, String price, String vat) {
        return """
                {"country_code": "NL", "party_id": "CP1", "id": "T1", "currency": "EUR",
                 "elements": [{"price_components": [{"type": "ENERGY", "price": %s, "vat": %s, "step_size": 1}]}],
                 "tax_included": "%s", "last_updated": "2026-01-01T00:00:00Z"}""".formatted(price, vat, taxIncluded);
    }

    private static String resource(String file) {
        try (InputStream in = TaxedRatingTest.class.getResourceAsStream("/ocpi-examples-2.3.0/" + file)) {
            assertThat(in).as(file).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
