package io.chargeclear.rating.domain;

import io.chargeclear.model.event.CdrFlagged.Reason;
import io.chargeclear.model.event.CdrRated.HubFeeNote;
import io.chargeclear.model.money.Money;
import io.chargeclear.model.ocpi.OcpiJson;
import io.chargeclear.model.ocpi.cdrs.CDR;
import io.chargeclear.model.ocpi.tariffs.Tariff;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CdrPricerTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final CdrPricer.Fee FEE = new CdrPricer.Fee("agr-1", new BigDecimal("2.5"),
            List.of(Money.of("0.10", "EUR")));

    private final CdrPricer pricer = new CdrPricer(new BigDecimal("0.01"));

    @Test
    void aCdrThatMatchesItsTariffStandsAndItsAmountsBalance() {
        CdrPricer.Priced priced = pricer.price(cdr("3.30", "3.99", "11.0"), tariff("EUR"), AMSTERDAM, FEE);

        assertThat(priced.rated()).as(priced.details().toString()).isTrue();
        assertThat(priced.breakdown().roundedTotal().inclVat()).isEqualTo(Money.of("3.99", "EUR"));
        // 2.5 % of 3.30 = 0.0825, plus 0.10 per session = 0.1825, rounded once: 0.18
        assertThat(priced.hubFee()).isEqualTo(Money.of("0.18", "EUR"));
        assertThat(priced.emspPayable()).isEqualTo(Money.of("3.99", "EUR"));
        assertThat(priced.cpoReceivable()).isEqualTo(Money.of("3.81", "EUR"));
        assertThat(priced.cpoReceivable().plus(priced.hubFee())).isEqualTo(priced.emspPayable());
    }

    @Test
    void theFeeIsRoundedOnceFromItsExactSum() {
        // 2.5 % of 3.30 alone would round to 0.08; with 0.004 per session the exact 0.0865 rounds to 0.09
        CdrPricer.Fee fee = new CdrPricer.Fee(null, new BigDecimal("2.5"), List.of(Money.of("0.004", "EUR")));
        assertThat(CdrPricer.fee(fee, Money.of("3.30", "EUR"))).isEqualTo(Money.of("0.09", "EUR"));
        assertThat(CdrPricer.fee(new CdrPricer.Fee(null, null, null), Money.of("3.30", "EUR")))
                .isEqualTo(Money.of("0.00", "EUR"));
    }

    @Test
    void aTotalBeyondTheToleranceIsACostMismatchWithTheHubsFigures() {
        CdrPricer.Priced priced = pricer.price(cdr("4.50", "5.45", "11.0"), tariff("EUR"), AMSTERDAM, FEE);

        assertThat(priced.reasons()).containsExactly(Reason.COST_MISMATCH);
        assertThat(priced.details().get(0)).contains("4.50").contains("3.30");
        assertThat(priced.breakdown().roundedTotal().exclVat()).isEqualTo(Money.of("3.30", "EUR"));
    }

    @Test
    void aCentWithinTheToleranceStands() {
        assertThat(pricer.price(cdr("3.31", "4.00", "11.0"), tariff("EUR"), AMSTERDAM, FEE).rated()).isTrue();
        assertThat(pricer.price(cdr("3.32", "4.01", "11.0"), tariff("EUR"), AMSTERDAM, FEE).reasons())
                .containsExactly(Reason.COST_MISMATCH);
    }

    @Test
    void whatIsMissingIsNamedNotThrown() {
        CdrPricer.Priced priced = pricer.price(cdr("3.30", "3.99", "11.0"), null, null, null);

        assertThat(priced.reasons()).containsExactly(Reason.UNKNOWN_LOCATION, Reason.UNKNOWN_TARIFF,
                Reason.NO_AGREEMENT);
        assertThat(priced.details()).hasSize(3);
        assertThat(priced.hubFee()).isNull();
    }

    @Test
    void theTariffAndTheCdrMustShareACurrency() {
        assertThat(pricer.price(cdr("3.30", "3.99", "11.0"), tariff("GBP"), AMSTERDAM, FEE).reasons())
                .containsExactly(Reason.CURRENCY_MISMATCH);
    }

    @Test
    void aCdrInACurrencyTheFeeListLacksIsRatedWithThePercentageAloneAndSaysSo() {
        CdrPricer.Fee poundsAndDollars = new CdrPricer.Fee("agr-1", new BigDecimal("2.5"),
                List.of(Money.of("0.10", "GBP"), Money.of("0.15", "CAD")));
        CdrPricer.Priced priced = pricer.price(cdr("3.30", "3.99", "11.0"), tariff("EUR"), AMSTERDAM, poundsAndDollars);

        assertThat(priced.rated()).as(priced.details().toString()).isTrue();
        // 2.5 % of 3.30 = 0.0825 -> 0.08; no euro amount per session, nothing converted
        assertThat(priced.hubFee()).isEqualTo(Money.of("0.08", "EUR"));
        assertThat(priced.cpoReceivable()).isEqualTo(Money.of("3.91", "EUR"));
        assertThat(priced.hubFeeNote()).isEqualTo(HubFeeNote.NO_PER_SESSION_FEE_IN_CURRENCY);

        CdrPricer.Fee poundsOnly = new CdrPricer.Fee("agr-1", null, List.of(Money.of("0.10", "GBP")));
        CdrPricer.Priced free = pricer.price(cdr("3.30", "3.99", "11.0"), tariff("EUR"), AMSTERDAM, poundsOnly);
        assertThat(free.rated()).isTrue();
        assertThat(free.hubFee()).as("no percentage, no euro amount: no fee").isEqualTo(Money.of("0.00", "EUR"));
        assertThat(free.hubFeeNote()).isEqualTo(HubFeeNote.NO_PER_SESSION_FEE_IN_CURRENCY);
    }

    @Test
    void theFeeListsEntryInTheCdrsCurrencyApplies() {
        CdrPricer.Fee twoCurrencies = new CdrPricer.Fee("agr-1", new BigDecimal("2.5"),
                List.of(Money.of("0.20", "CAD"), Money.of("0.10", "EUR")));
        CdrPricer.Priced priced = pricer.price(cdr("3.30", "3.99", "11.0"), tariff("EUR"), AMSTERDAM, twoCurrencies);

        assertThat(priced.hubFee()).isEqualTo(Money.of("0.18", "EUR"));
        assertThat(priced.hubFeeNote()).isNull();
        assertThat(pricer.price(cdr("3.30", "3.99", "11.0"), tariff("EUR"), AMSTERDAM,
                new CdrPricer.Fee(null, new BigDecimal("2.5"), List.of())).hubFeeNote())
                .as("terms without a per-session amount apply in full").isNull();
    }

    @Test
    void totalEnergyMustBeTheSumOfTheEnergyPeriods() {
        assertThat(pricer.price(cdr("3.30", "3.99", "12.0"), tariff("EUR"), AMSTERDAM, FEE).reasons())
                .containsExactly(Reason.ENERGY_MISMATCH);
    }

    @Test
    void anAcceptedCdrSettlesAtTheCposTotal() {
        CdrPricer.Priced priced = pricer.accept(cdr("4.50", "5.45", "11.0"), FEE);

        assertThat(priced.emspPayable()).isEqualTo(Money.of("5.45", "EUR"));
        // 2.5 % of 4.50 = 0.1125 + 0.10 = 0.2125 -> 0.21
        assertThat(priced.hubFee()).isEqualTo(Money.of("0.21", "EUR"));
        assertThat(priced.cpoReceivable()).isEqualTo(Money.of("5.24", "EUR"));
        assertThat(priced.hubFeeNote()).isNull();

        CdrPricer.Priced inOtherCurrencies = pricer.accept(cdr("4.50", "5.45", "11.0"),
                new CdrPricer.Fee("agr-1", new BigDecimal("2.5"), List.of(Money.of("0.10", "GBP"))));
        // 2.5 % of 4.50 = 0.1125 -> 0.11
        assertThat(inOtherCurrencies.hubFee()).isEqualTo(Money.of("0.11", "EUR"));
        assertThat(inOtherCurrencies.hubFeeNote()).isEqualTo(HubFeeNote.NO_PER_SESSION_FEE_IN_CURRENCY);
    }

    private static Tariff tariff(String currency) {
        return read("""
                {"country_code": "NL", "party_id": "CP1", "id": "T1", "currency": "%s",
                 "elements": [{"price_components": [{"type": "ENERGY", "price": 0.30, "vat": 21.0, "step_size": 1}]}],
                 "last_updated": "2026-01-01T00:00:00Z"}""".formatted(currency), Tariff.class);
    }

    private static CDR cdr(String exclVat, String inclVat, String totalEnergy) {
        return read("""
                {"country_code": "NL", "party_id": "CP1", "id": "CDR-1", "start_date_time": "2026-01-01T10:00:00Z",
                 "end_date_time": "2026-01-01T11:00:00Z",
                 "cdr_token": {"country_code": "DE", "party_id": "MSP", "uid": "T1", "type": "RFID", "contract_id": "C1"},
                 "auth_method": "AUTH_REQUEST",
                 "cdr_location": {"id": "LOC1", "address": "Straat 1", "city": "Utrecht", "country": "NLD",
                   "coordinates": {"latitude": "52.090737", "longitude": "5.121420"}, "evse_uid": "E1",
                   "evse_id": "NL*CP1*E1", "connector_id": "1", "connector_standard": "IEC_62196_T2",
                   "connector_format": "SOCKET", "connector_power_type": "AC_3_PHASE"},
                 "currency": "EUR",
                 "charging_periods": [{"start_date_time": "2026-01-01T10:00:00Z",
                   "dimensions": [{"type": "ENERGY", "volume": 11.0}]}],
                 "total_cost": {"excl_vat": %s, "incl_vat": %s}, "total_energy": %s, "total_time": 1.0,
                 "last_updated": "2026-01-01T11:05:00Z"}""".formatted(exclVat, inclVat, totalEnergy), CDR.class);
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return OcpiJson.mapper().readValue(json, type);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
