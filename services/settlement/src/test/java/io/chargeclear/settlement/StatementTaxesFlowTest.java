package io.chargeclear.settlement;

import io.chargeclear.testkit.KafkaTestClient;
import io.chargeclear.testkit.LocalInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.chargeclear.settlement.SettlementFlows.admin;
import static io.chargeclear.settlement.SettlementFlows.amount;
import static io.chargeclear.settlement.SettlementFlows.is;
import static io.chargeclear.settlement.SettlementFlows.letters;
import static io.chargeclear.settlement.SettlementFlows.nextDay;
import static io.chargeclear.settlement.SettlementFlows.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Tax lines through settlement over real Kafka and PostgreSQL (docs/adr/0028-tax-lines-in-settlement.md): each
 * rated CDR's tax lines are kept as they came and every statement shows them per tax name and percentage, one
 * statement per currency, never netted across currencies and never collapsed into one "VAT" (brief §4, N1). Runs are
 * global and follow each other, so each test settles the day after the last run and reads only its own parties.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, scope = TestResourceScope.GLOBAL)
class StatementTaxesFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private KafkaTestClient kafka;
    private String quebecCpo;
    private String usCpo;
    private String dutchCpo;
    private String emsp;

    @BeforeEach
    void parties() {
        kafka = new KafkaTestClient(LocalInfraResource.kafkaBootstrap());
        String suffix = letters();
        quebecCpo = "CA*Q" + suffix;
        usCpo = "US*U" + suffix;
        dutchCpo = "NL*T" + suffix;
        emsp = "CA*M" + suffix;
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void n1TheEmspGetsOneStatementPerCurrencyWithEveryTaxLineAndNoNettingAcrossCurrencies() {
        Instant day = nextDay();
        Instant evening = day.plus(19, ChronoUnit.HOURS);
        RatedCdrs quebec = new RatedCdrs(kafka, quebecCpo, emsp);
        // 10.00 CAD before taxes: GST 5 % 0.50, QST 9.975 % 0.9975 -> 1.00 (each line rounded once by rating)
        quebec.taxed("QC-1", 1, "CAD", "10.00", "11.50", "0.35", """
                [{"name": "GST", "percentage": "5", "amount": "0.50"},
                 {"name": "QST", "percentage": "9.975", "amount": "1.00"}]""", evening);
        // 20.00 CAD: GST 1.00, QST 1.995 -> 2.00
        quebec.taxed("QC-2", 1, "CAD", "20.00", "23.00", "0.60", """
                [{"name": "GST", "percentage": "5.0", "amount": "1.00"},
                 {"name": "QST", "percentage": "9.975", "amount": "2.00"}]""", evening);
        // a US state tax with a rate and a local one without
        new RatedCdrs(kafka, usCpo, emsp).taxed("US-1", 1, "USD", "8.00", "8.68", "0.28", """
                [{"name": "Local sales tax", "percentage": null, "amount": "0.36"},
                 {"name": "State sales tax", "percentage": "4", "amount": "0.32"}]""", evening);
        new RatedCdrs(kafka, dutchCpo, emsp).taxed("EU-1", 1, "EUR", "3.30", "3.99", "0.18", """
                [{"name": "VAT", "percentage": "21", "amount": "0.69"}]""", evening);
        awaitBooked(quebecCpo, "QC-1", "QC-2");
        awaitBooked(usCpo, "US-1");
        awaitBooked(dutchCpo, "EU-1");

        JsonPath run = run(day, day.plus(1, ChronoUnit.DAYS)).then().statusCode(201).extract().jsonPath();
        List<Map<String, Object>> mine = run.getList("statements.findAll { " + is("it.emsp", emsp) + " }");
        assertThat(mine).extracting(s -> s.get("currency")).containsExactlyInAnyOrder("CAD", "USD", "EUR");

        Map<String, Object> cad = statement(run, quebecCpo, "CAD");
        assertThat(cad.get("cdr_count")).isEqualTo(2);
        assertThat(amount(cad, "emsp_payable")).isEqualByComparingTo("34.50");
        assertThat(amount(cad, "cpo_receivable")).isEqualByComparingTo("33.55");
        assertThat(amount(cad, "hub_fee")).isEqualByComparingTo("0.95");
        assertThat(taxes(cad)).as("GST and QST stay two lines; 5 and 5.0 are one rate")
                .containsExactly(tuple("GST", "5", "1.50", "CAD"), tuple("QST", "9.975", "3.00", "CAD"));
        assertThat(amount(cad, "emsp_payable").subtract(taxSum(cad))).as("the taxes sum to the cent")
                .isEqualByComparingTo("30.00");

        Map<String, Object> usd = statement(run, usCpo, "USD");
        assertThat(taxes(usd)).containsExactly(tuple("Local sales tax", null, "0.36", "USD"),
                tuple("State sales tax", "4", "0.32", "USD"));
        assertThat(amount(usd, "emsp_payable")).isEqualByComparingTo("8.68");

        Map<String, Object> eur = statement(run, dutchCpo, "EUR");
        assertThat(taxes(eur)).containsExactly(tuple("VAT", "21", "0.69", "EUR"));

        // the eMSP owes in each currency on its own: three net positions, nothing netted across currencies
        List<Map<String, Object>> positions = run.getList("net_positions.findAll { " + is("it.party", emsp) + " }");
        assertThat(positions).extracting(p -> p.get("currency"), p -> amount(p, "net").toPlainString())
                .containsExactlyInAnyOrder(tuple("CAD", "-34.50"), tuple("USD", "-8.68"), tuple("EUR", "-3.99"));

        // the event analysts read, the statement's CDRs and the CSV carry the same lines
        String cadId = (String) cad.get("statement_id");
        var issued = kafka.awaitRecord("settlement.statement.v1", r -> cadId.equals(r.key()), WAIT);
        assertThat(issued.value()).contains("\"taxes\":[{\"name\":\"GST\",\"percentage\":\"5\","
                + "\"amount\":{\"amount\":\"1.50\",\"currency\":\"CAD\"}},{\"name\":\"QST\",\"percentage\":\"9.975\","
                + "\"amount\":{\"amount\":\"3.00\",\"currency\":\"CAD\"}}]");
        JsonPath detail = admin().get("/admin/settlement/statements/" + cadId).then().statusCode(200).extract()
                .jsonPath();
        assertThat(detail.getList("entries.taxes.name")).containsExactly(List.of("GST", "QST"), List.of("GST", "QST"));
        String csv = admin().accept("text/csv").queryParam("period_start", day.toString())
                .queryParam("period_end", day.plus(1, ChronoUnit.DAYS).toString()).queryParam("party", emsp)
                .get("/admin/settlement/statements").then().statusCode(200).extract().asString();
        assertThat(csv.lines().findFirst().orElseThrow()).endsWith(",hub_fee,taxes");
        assertThat(csv.lines().skip(1)).hasSize(3)
                .anySatisfy(line -> assertThat(line).endsWith(",34.50,33.55,0.95,GST 5% 1.50; QST 9.975% 3.00"))
                .anySatisfy(line -> assertThat(line).endsWith(",Local sales tax 0.36; State sales tax 4% 0.32"))
                .anySatisfy(line -> assertThat(line).endsWith(",3.99,3.81,0.18,VAT 21% 0.69"));
    }

    @Test
    void aRatingWrittenBeforeTaxLinesShowsOneVatLineAndAReRatingThatOnlySplitsTheTaxRebooksIt() throws SQLException {
        Instant day = nextDay();
        Instant morning = day.plus(8, ChronoUnit.HOURS);
        RatedCdrs cdrs = new RatedCdrs(kafka, dutchCpo, emsp);
        cdrs.taxed("OLD-1", 1, "EUR", "3.30", "3.99", "0.18", null, morning);
        cdrs.taxed("FREE-1", 1, "EUR", "2.00", "2.00", "0.05", null, morning);
        cdrs.taxed("SPLIT-1", 1, "EUR", "10.00", "11.50", "0.25", null, morning);
        awaitBooked(dutchCpo, "OLD-1", "FREE-1", "SPLIT-1");
        // the same amounts again, now with the tax lines the CDR really carried: the lines change, so it is rebooked
        cdrs.taxed("SPLIT-1", 2, "EUR", "10.00", "11.50", "0.25", """
                [{"name": "GST", "percentage": "5", "amount": "0.50"},
                 {"name": "QST", "percentage": "10", "amount": "1.00"}]""", morning);
        await("SPLIT-1 rebooked").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> journal(dutchCpo, "SPLIT-1").size() == 3);
        // a replay of revision 2 and the same lines written with other trailing zeros at revision 3 book nothing
        cdrs.taxed("SPLIT-1", 2, "EUR", "10.00", "11.50", "0.25", "[]", morning);
        cdrs.taxed("SPLIT-1", 3, "EUR", "10.00", "11.50", "0.25", """
                [{"name": "GST", "percentage": "5.00", "amount": "0.5"},
                 {"name": "QST", "percentage": "10", "amount": "1.000"}]""", morning);
        await("SPLIT-1 at revision 3").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> bookedRevision(dutchCpo, "SPLIT-1") == 3);
        assertThat(journal(dutchCpo, "SPLIT-1")).extracting(e -> e.get("purpose"), e -> e.get("rating_revision"))
                .containsExactly(tuple("CDR", 1), tuple("REVERSAL", 1), tuple("CDR", 2));

        JsonPath run = run(day, day.plus(1, ChronoUnit.DAYS)).then().statusCode(201).extract().jsonPath();
        Map<String, Object> eur = statement(run, dutchCpo, "EUR");
        assertThat(eur.get("cdr_count")).isEqualTo(3);
        assertThat(eur.get("entry_count")).as("SPLIT-1 booked, reversed and booked again").isEqualTo(5);
        assertThat(amount(eur, "emsp_payable")).as("the statement's totals: 3.99 + 2.00 + 11.50")
                .isEqualByComparingTo("17.49");
        assertThat(taxes(eur)).as("old ratings: one VAT line of incl - excl; the rebooked CDR: its GST and QST,"
                        + " its old VAT line reversed")
                .containsExactly(tuple("GST", "5", "0.50", "EUR"), tuple("QST", "10", "1.00", "EUR"),
                        tuple("VAT", null, "0.69", "EUR"));
        assertThat(amount(eur, "emsp_payable").subtract(taxSum(eur))).as("the taxes sum to the cent")
                .isEqualByComparingTo("15.30");

        JsonPath detail = admin().get("/admin/settlement/statements/" + eur.get("statement_id")).then()
                .statusCode(200).extract().jsonPath();
        List<Map<String, Object>> entries = detail.getList("entries");
        assertThat(entries).filteredOn(e -> "FREE-1".equals(e.get("cdr_id"))).singleElement()
                .satisfies(e -> assertThat((List<?>) e.get("taxes")).as("no tax, no line").isEmpty());
        assertThat(entries).filteredOn(e -> "SPLIT-1".equals(e.get("cdr_id")) && "REVERSAL".equals(e.get("purpose")))
                .singleElement().satisfies(e -> assertThat((List<Map<String, Object>>) e.get("taxes"))
                        .extracting(t -> t.get("name"), t -> ((Map<?, ?>) t.get("amount")).get("amount"))
                        .containsExactly(tuple("VAT", "-1.50")));

        try (Connection db = DriverManager.getConnection(LocalInfraResource.jdbcUrl(), LocalInfraResource.username(),
                LocalInfraResource.password()); Statement sql = db.createStatement()) {
            assertThatThrownBy(() -> sql.executeUpdate("update settlement.journal_tax_line set amount = 0"))
                    .hasMessageContaining("insert-only");
            assertThatThrownBy(() -> sql.executeUpdate("delete from settlement.statement_tax_line"))
                    .hasMessageContaining("insert-only");
        }
    }

    private static List<Map<String, Object>> journal(String owner, String cdrId) {
        return admin().get("/admin/settlement/journal/" + owner.replace('*', '/') + "/" + cdrId).then().statusCode(200)
                .extract().path("$");
    }

    /** The rating revision the ledger holds for a CDR, read from its table. */
    private static int bookedRevision(String owner, String cdrId) throws SQLException {
        try (Connection db = DriverManager.getConnection(LocalInfraResource.jdbcUrl(), LocalInfraResource.username(),
                LocalInfraResource.password()); var query = db.prepareStatement("select rating_revision from"
                + " settlement.booked_rating where cpo_country_code = ? and cpo_party_id = ? and cdr_id = ?")) {
            query.setString(1, owner.substring(0, 2));
            query.setString(2, owner.substring(3));
            query.setString(3, cdrId);
            try (var rows = query.executeQuery()) {
                return rows.next() ? rows.getInt(1) : 0;
            }
        }
    }

    private void awaitBooked(String owner, String... cdrIds) {
        for (String cdrId : cdrIds) {
            await(cdrId + " booked").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                    .until(() -> !journal(owner, cdrId).isEmpty());
        }
    }

    private Map<String, Object> statement(JsonPath run, String cpo, String currency) {
        return run.getMap("statements.find { " + is("it.cpo", cpo) + " && " + is("it.emsp", emsp)
                + " && it.currency == '" + currency + "' }");
    }

    /** A statement's tax lines as (name, percentage, amount, currency). */
    @SuppressWarnings("unchecked")
    private static List<org.assertj.core.groups.Tuple> taxes(Map<String, Object> statement) {
        return ((List<Map<String, Object>>) statement.get("taxes")).stream().map(t -> {
            Map<String, Object> money = (Map<String, Object>) t.get("amount");
            return tuple(t.get("name"), t.get("percentage"), money.get("amount"), money.get("currency"));
        }).toList();
    }

    @SuppressWarnings("unchecked")
    private static BigDecimal taxSum(Map<String, Object> statement) {
        return ((List<Map<String, Object>>) statement.get("taxes")).stream()
                .map(t -> new BigDecimal((String) ((Map<String, Object>) t.get("amount")).get("amount")))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
