package io.chargeclear.model.ocpi.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chargeclear.model.ocpi.JsonTreeComparator;
import io.chargeclear.model.ocpi.version.OcpiVersionTranslator.LocationPart;
import io.chargeclear.model.ocpi.versions.ModuleID;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * The loss policy towards 2.2.1 receivers on the project's own fixtures ({@code ocpi/version/}), for what the
 * official examples do not show: North American tax lines, inclusive tariffs inside a CDR, Plug and Charge,
 * 2.3.0-only connector types, unknown fields and values, EMAID tokens.
 */
class LossPolicyTest {

    @Test
    void tax_lines_are_summed_into_incl_vat_for_221_exactly() {
        JsonNode cdr = fixture("cdr_230_north_american_taxes.json");

        RenderResult result = OcpiVersionTranslator.render(ModuleID.CDRS, cdr, OcpiVersion.V2_2_1,
                RenderOptions.defaults());

        JsonNode totalCost = result.rendered().orElseThrow().get("total_cost");
        assertThat(totalCost.get("excl_vat").decimalValue()).isEqualByComparingTo("10.00");
        assertThat(totalCost.get("incl_vat").decimalValue()).isEqualTo(new BigDecimal("11.4975"));
        assertThat(totalCost.has("taxes")).isFalse();
        assertThat(result.losses()).contains(new Loss(Loss.Code.TAX_BREAKDOWN_SUMMED, "/total_cost/taxes",
                cdr.get("total_cost").get("taxes").toString()));
    }

    @Test
    void an_empty_tax_list_gives_no_incl_vat() {
        JsonNode cdr = fixture("cdr_230_north_american_taxes.json");

        JsonNode rendered = OcpiVersionTranslator.render(ModuleID.CDRS, cdr, OcpiVersion.V2_2_1,
                RenderOptions.defaults()).rendered().orElseThrow();

        assertThat(rendered.get("total_time_cost").has("excl_vat")).isTrue();
        assertThat(rendered.get("total_time_cost").has("incl_vat")).isFalse();
    }

    @Test
    void a_cdr_with_an_inclusive_tariff_is_delivered_with_that_tariff_made_exclusive_by_the_cdr_tax_ratio() {
        JsonNode cdr = fixture("cdr_230_north_american_taxes.json");

        RenderResult result = OcpiVersionTranslator.render(ModuleID.CDRS, cdr, OcpiVersion.V2_2_1,
                RenderOptions.defaults());

        JsonNode tariff = result.rendered().orElseThrow().get("tariffs").get(0);
        assertThat(tariff.has("tax_included")).isFalse();
        // 2.10 incl. taxes × 10.00 / 11.4975 = 1.82648... -> 4 decimals.
        assertThat(tariff.at("/elements/0/price_components/0/price").decimalValue())
                .isEqualTo(new BigDecimal("1.8265"));
        assertThat(result.losses()).extracting(Loss::code)
                .contains(Loss.Code.EMBEDDED_INCLUSIVE_TARIFF_CONVERTED);
        assertThat(result.losses()).filteredOn(loss -> loss.code() == Loss.Code.EMBEDDED_INCLUSIVE_TARIFF_CONVERTED)
                .extracting(Loss::path).containsExactly("/tariffs/0");
    }

    @Test
    void an_emaid_cdr_token_goes_to_221_as_other_and_ids_and_dates_stay() {
        JsonNode cdr = fixture("cdr_230_north_american_taxes.json");

        RenderResult result = OcpiVersionTranslator.render(ModuleID.CDRS, cdr, OcpiVersion.V2_2_1,
                RenderOptions.defaults());

        JsonNode rendered = result.rendered().orElseThrow();
        assertThat(rendered.at("/cdr_token/type").asText()).isEqualTo("OTHER");
        assertThat(rendered.at("/cdr_token/uid")).isEqualTo(cdr.at("/cdr_token/uid"));
        assertThat(rendered.get("id")).isEqualTo(cdr.get("id"));
        assertThat(rendered.get("last_updated")).isEqualTo(cdr.get("last_updated"));
        assertThat(result.losses()).contains(new Loss(Loss.Code.EMAID_AS_OTHER, "/cdr_token/type", "EMAID"));
    }

    @Test
    void the_whole_cdr_reaches_a_230_receiver_verbatim() {
        JsonNode cdr = fixture("cdr_230_north_american_taxes.json");

        RenderResult result = OcpiVersionTranslator.render(ModuleID.CDRS,
                OcpiVersionTranslator.toCanonical(ModuleID.CDRS, OcpiVersion.V2_3_0, cdr), OcpiVersion.V2_3_0,
                RenderOptions.defaults());

        assertThat(result.rendered()).contains(cdr);
        assertThat(result.losses()).isEmpty();
    }

    @Test
    void a_230_location_with_extras_reaches_230_verbatim_and_221_without_them() {
        JsonNode location = fixture("location_230_extras.json");
        JsonNode canonical = OcpiVersionTranslator.toCanonical(ModuleID.LOCATIONS, OcpiVersion.V2_3_0, location);

        RenderResult for230 = OcpiVersionTranslator.render(ModuleID.LOCATIONS, canonical, OcpiVersion.V2_3_0,
                RenderOptions.defaults());
        RenderResult for221 = OcpiVersionTranslator.render(ModuleID.LOCATIONS, canonical, OcpiVersion.V2_2_1,
                RenderOptions.defaults());

        assertThat(for230.rendered()).contains(location);
        assertThat(for230.losses()).isEmpty();
        assertThat(JsonTreeComparator.differences(fixture("location_230_extras_as_221.json"),
                for221.rendered().orElseThrow())).isEmpty();
        assertThat(for221.losses()).containsExactly(
                new Loss(Loss.Code.FIELD_TRUNCATED, "/address", location.get("address").asText()),
                new Loss(Loss.Code.FIELD_TRUNCATED, "/state", location.get("state").asText()),
                new Loss(Loss.Code.UNKNOWN_FIELD_DROPPED, "/help_phone", "2.3.0 field"),
                new Loss(Loss.Code.UNKNOWN_FIELD_DROPPED, "/x_test", ""),
                new Loss(Loss.Code.UNKNOWN_ENUM_VALUE_DROPPED, "/evses/0/capabilities/1", "X_FUTURE_CAPABILITY"),
                new Loss(Loss.Code.CONNECTOR_CAPABILITIES_DROPPED, "/evses/0/connectors/0/capabilities",
                        "2.3.0 field"),
                new Loss(Loss.Code.CONNECTOR_DROPPED, "/evses/0/connectors/1", "SAE_J3400"),
                new Loss(Loss.Code.UNKNOWN_ENUM_VALUE_DROPPED, "/evses/0/parking_restrictions/0", "EMPLOYEES"),
                new Loss(Loss.Code.UNKNOWN_FIELD_DROPPED, "/evses/0/parking", "2.3.0 field"),
                new Loss(Loss.Code.UNKNOWN_FIELD_DROPPED, "/evses/0/accepted_service_providers", "2.3.0 field"),
                new Loss(Loss.Code.CONNECTOR_DROPPED, "/evses/1/connectors/0", "MCS"),
                new Loss(Loss.Code.EVSE_DROPPED, "/evses/1", "connectors left empty"),
                new Loss(Loss.Code.UNKNOWN_ENUM_VALUE_DROPPED, "/facilities/1", "X_DOG_PARK"),
                new Loss(Loss.Code.UNKNOWN_FIELD_DROPPED, "/parking_places", "2.3.0 field"));
        assertThat(canonical).as("canonical left untouched").isEqualTo(location);
    }

    @Test
    void unknown_fields_and_values_pass_to_221_when_the_sender_is_itself_on_221() {
        JsonNode location = fixture("location_230_extras.json");

        JsonNode rendered = OcpiVersionTranslator.render(ModuleID.LOCATIONS, location, OcpiVersion.V2_2_1,
                RenderOptions.forSource(OcpiVersion.V2_2_1)).rendered().orElseThrow();

        assertThat(rendered.has("x_test")).isTrue();
        assertThat(rendered.at("/facilities/1").asText()).isEqualTo("X_DOG_PARK");
        // Values and fields 2.3.0 itself defines never go to 2.2.1.
        assertThat(rendered.has("parking_places")).isFalse();
        assertThat(rendered.get("evses")).hasSize(1);
        assertThat(rendered.at("/evses/0/connectors")).hasSize(1);
        assertThat(rendered.at("/evses/0/parking_restrictions")).hasSize(1);
    }

    @Test
    void unknown_fields_of_a_230_cdr_session_or_tariff_never_reach_221_but_a_221_senders_own_do() {
        ObjectNode cdr = fixture("cdr_230_north_american_taxes.json").deepCopy();
        cdr.put("x_partner_note", "kept for 2.3.0");
        ((ObjectNode) cdr.get("cdr_token")).put("x_wallet", "W-1");

        RenderResult result = OcpiVersionTranslator.render(ModuleID.CDRS, cdr, OcpiVersion.V2_2_1,
                RenderOptions.defaults());

        JsonNode rendered = result.rendered().orElseThrow();
        assertThat(rendered.has("x_partner_note")).isFalse();
        assertThat(rendered.get("cdr_token").has("x_wallet")).isFalse();
        assertThat(result.losses()).contains(new Loss(Loss.Code.UNKNOWN_FIELD_DROPPED, "/x_partner_note", ""),
                new Loss(Loss.Code.UNKNOWN_FIELD_DROPPED, "/cdr_token/x_wallet", ""));
        assertThat(OcpiVersionTranslator.render(ModuleID.CDRS, cdr, OcpiVersion.V2_3_0, RenderOptions.defaults())
                .rendered().orElseThrow().get("x_partner_note").asText()).isEqualTo("kept for 2.3.0");
        // 2.2.1 to 2.2.1 roaming stays exactly as before: a 2.2.1 sender's own extensions pass
        ObjectNode session221 = OcpiTrees.mapper().createObjectNode().put("id", "S1").put("kwh", 1.5)
                .put("x_partner_note", "from a 2.2.1 CPO");
        assertThat(OcpiVersionTranslator.render(ModuleID.SESSIONS, session221, OcpiVersion.V2_2_1,
                RenderOptions.forSource(OcpiVersion.V2_2_1)).rendered().orElseThrow().has("x_partner_note")).isTrue();
    }

    @Test
    void a_connector_of_a_230_only_type_pushed_alone_is_withheld_from_221() {
        JsonNode connector = fixture("location_230_extras.json").at("/evses/0/connectors/1");

        RenderResult result = OcpiVersionTranslator.renderLocationPart(LocationPart.CONNECTOR, connector,
                OcpiVersion.V2_2_1, RenderOptions.defaults());

        assertThat(result.isWithheld()).isTrue();
        assertThat(result.withheldReason()).hasValue("connector type SAE_J3400 is new in OCPI 2.3.0");
        assertThat(OcpiVersionTranslator.render(ModuleID.LOCATIONS, connector, OcpiVersion.V2_2_1,
                RenderOptions.defaults()).isWithheld()).as("part inferred from the fields").isTrue();
    }

    @Test
    void an_evse_patch_is_recognised_as_an_evse() {
        ObjectNode patch = (ObjectNode) json("""
                {"status": "CHARGING", "parking": [{"parking_id": "P1"}], "last_updated": "2026-11-30T10:00:00Z"}""");

        assertThat(OcpiVersionTranslator.inferLocationPart(patch)).isEqualTo(LocationPart.EVSE);
        RenderResult result = OcpiVersionTranslator.render(ModuleID.LOCATIONS, patch, OcpiVersion.V2_2_1,
                RenderOptions.defaults());
        assertThat(result.rendered()).contains(json("""
                {"status": "CHARGING", "last_updated": "2026-11-30T10:00:00Z"}"""));
    }

    @Test
    void an_emaid_token_and_an_authorization_for_one_go_to_221_as_other() {
        JsonNode token = json("""
                {"country_code": "NL", "party_id": "TNM", "uid": "NL-TNM-C12345678-X", "type": "EMAID",
                 "contract_id": "NL-TNM-C12345678-X", "issuer": "TNM", "valid": true, "whitelist": "NEVER",
                 "last_updated": "2026-11-30T10:00:00Z"}""");
        JsonNode authorization = json("""
                {"allowed": "ALLOWED", "token": %s}""".formatted(token));

        RenderResult forToken = OcpiVersionTranslator.render(ModuleID.TOKENS, token, OcpiVersion.V2_2_1,
                RenderOptions.defaults());
        RenderResult forAuthorization = OcpiVersionTranslator.render(ModuleID.TOKENS, authorization,
                OcpiVersion.V2_2_1, RenderOptions.defaults());

        assertThat(forToken.rendered().orElseThrow().get("type").asText()).isEqualTo("OTHER");
        assertThat(forToken.losses()).containsExactly(new Loss(Loss.Code.EMAID_AS_OTHER, "/type", "EMAID"));
        assertThat(forAuthorization.rendered().orElseThrow().at("/token/type").asText()).isEqualTo("OTHER");
        assertThat(forAuthorization.losses()).containsExactly(
                new Loss(Loss.Code.EMAID_AS_OTHER, "/token/type", "EMAID"));
        assertThat(OcpiVersionTranslator.render(ModuleID.TOKENS, token, OcpiVersion.V2_3_0,
                RenderOptions.defaults()).rendered()).contains(token);
    }

    @Test
    void a_tariff_without_applicable_taxes_loses_only_the_na_marker() {
        JsonNode tariff = json("""
                {"country_code": "US", "party_id": "CCP", "id": "T1", "currency": "USD",
                 "elements": [{"price_components": [{"type": "ENERGY", "price": 0.45, "step_size": 1}]}],
                 "min_price": {"before_taxes": 1.00},
                 "max_price": {"before_taxes": 20.00, "after_taxes": 21.50},
                 "tax_included": "N/A", "last_updated": "2026-11-30T10:00:00Z"}""");

        RenderResult result = OcpiVersionTranslator.render(ModuleID.TARIFFS, tariff, OcpiVersion.V2_2_1,
                RenderOptions.defaults());

        assertThat(JsonTreeComparator.differences(json("""
                {"country_code": "US", "party_id": "CCP", "id": "T1", "currency": "USD",
                 "elements": [{"price_components": [{"type": "ENERGY", "price": 0.45, "step_size": 1}]}],
                 "min_price": {"excl_vat": 1.00},
                 "max_price": {"excl_vat": 20.00, "incl_vat": 21.50},
                 "last_updated": "2026-11-30T10:00:00Z"}"""), result.rendered().orElseThrow())).isEmpty();
        assertThat(result.losses()).containsExactly(
                new Loss(Loss.Code.TAX_INCLUDED_NOT_APPLICABLE_DROPPED, "/tax_included", "N/A"));
    }

    @Test
    void a_221_price_keeps_the_scale_the_sender_used() {
        JsonNode session = json("""
                {"id": "S1", "total_cost": {"excl_vat": 10.00, "incl_vat": 12.10}}""");

        JsonNode canonical = OcpiVersionTranslator.toCanonical(ModuleID.SESSIONS, OcpiVersion.V2_2_1, session);

        assertThat(canonical.at("/total_cost/taxes/0/amount").decimalValue()).isEqualTo(new BigDecimal("2.10"));
        assertThat(canonical.at("/total_cost/taxes/0/name").asText()).isEqualTo("VAT");
        JsonNode back = OcpiVersionTranslator.render(ModuleID.SESSIONS, canonical, OcpiVersion.V2_2_1,
                RenderOptions.defaults()).rendered().orElseThrow();
        assertThat(back.at("/total_cost/incl_vat").decimalValue()).isEqualTo(new BigDecimal("12.10"));
    }

    @Test
    void bad_input_is_a_clear_error() {
        assertThatThrownBy(() -> OcpiVersionTranslator.toCanonical(ModuleID.TARIFFS, OcpiVersion.V2_2_1,
                json("[1, 2]"))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> OcpiVersionTranslator.toCanonical(ModuleID.SESSIONS, OcpiVersion.V2_2_1,
                json("""
                        {"total_cost": {"excl_vat": "ten"}}""")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("/total_cost: excl_vat must be a number, was \"ten\"");
        assertThatThrownBy(() -> OcpiVersionTranslator.toCanonical(ModuleID.CDRS, OcpiVersion.V2_3_0, json("""
                {"total_cost": {"before_taxes": 1, "taxes": [{"name": "GST", "amount": "0.05"}]}}""")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("/total_cost/taxes/0: amount must be a number, was \"0.05\"");
        assertThatThrownBy(() -> OcpiVersionTranslator.render(ModuleID.CDRS, json("""
                {"total_cost": {"before_taxes": 1, "taxes": [{"name": "GST"}]}}"""), OcpiVersion.V2_2_1,
                RenderOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("/total_cost/taxes/0: amount must be a number, was null");
    }

    private static JsonNode json(String text) {
        try {
            return OcpiTrees.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode fixture(String name) {
        try (InputStream in = LossPolicyTest.class.getClassLoader().getResourceAsStream("ocpi/version/" + name)) {
            if (in == null) {
                throw new IllegalStateException("fixture missing: " + name);
            }
            return OcpiTrees.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
