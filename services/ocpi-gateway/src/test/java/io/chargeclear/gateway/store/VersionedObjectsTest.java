package io.chargeclear.gateway.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chargeclear.gateway.ocpi.OcpiException;
import io.chargeclear.gateway.partner.PartnerAnswer;
import io.chargeclear.gateway.persistence.StoredObject;
import io.chargeclear.model.ocpi.cdrs.CDR;
import io.chargeclear.model.ocpi.tariffs.Tariff;
import io.chargeclear.model.ocpi.version.OcpiVersion;
import io.chargeclear.model.ocpi.version.OcpiVersionTranslator.LocationPart;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bodies read per tree, stored objects and updates kept in one version, queued bodies rendered per receiver. */
class VersionedObjectsTest {

    private static ValidatorFactory validatorFactory;
    private static VersionedObjects versions;

    private static final String TARIFF_230 = """
            {"country_code": "CA", "party_id": "QC1", "id": "T1", "currency": "CAD", "tax_included": "YES",
             "elements": [{"price_components": [{"type": "ENERGY", "price": 0.30, "step_size": 1}]}],
             "last_updated": "2026-11-24T10:00:00Z"}""";

    @BeforeAll
    static void start() {
        validatorFactory = Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory();
        versions = new VersionedObjects(new OcpiBodies(validatorFactory.getValidator()));
    }

    @AfterAll
    static void close() {
        validatorFactory.close();
    }

    @Test
    void aBodyOfTheOtherVersionIsRefusedNamingTheField() {
        assertThatThrownBy(() -> versions.read(TARIFF_230, OcpiVersion.V2_2_1, "tariffs"))
                .isInstanceOf(OcpiException.class).hasMessageContaining("'tax_included' is OCPI 2.3.0");
        assertThatThrownBy(() -> versions.read("""
                {"id": "S1", "total_cost": {"excl_vat": 1.00}, "last_updated": "2026-11-24T10:00:00Z"}""",
                OcpiVersion.V2_3_0, "sessions"))
                .isInstanceOf(OcpiException.class).hasMessageContaining("'total_cost.excl_vat' is OCPI 2.2.1");
        assertThatThrownBy(() -> versions.read("""
                {"id": "S1", "total_cost": {"before_taxes": "ten"}}""", OcpiVersion.V2_3_0, "sessions"))
                .isInstanceOf(OcpiException.class).hasMessageContaining("before_taxes");
    }

    @Test
    void a230TariffIsCheckedByTheRulesBothVersionsShareAndMustSayTaxIncluded() {
        ObjectNode tariff = versions.read(TARIFF_230, OcpiVersion.V2_3_0, "tariffs");
        versions.check(tariff, OcpiVersion.V2_3_0, "tariffs", Tariff.class, null);

        ObjectNode withoutCurrency = tariff.deepCopy();
        withoutCurrency.remove("currency");
        assertThatThrownBy(() -> versions.check(withoutCurrency, OcpiVersion.V2_3_0, "tariffs", Tariff.class, null))
                .isInstanceOf(OcpiException.class).hasMessageContaining("currency");
        ObjectNode withoutTaxIncluded = tariff.deepCopy();
        withoutTaxIncluded.remove("tax_included");
        assertThatThrownBy(() -> versions.check(withoutTaxIncluded, OcpiVersion.V2_3_0, "tariffs", Tariff.class,
                null)).isInstanceOf(OcpiException.class).hasMessageContaining("tax_included");
        ObjectNode cdr = versions.read("""
                {"id": "C1", "total_cost": {"taxes": []}}""", OcpiVersion.V2_3_0, "cdrs");
        assertThatThrownBy(() -> versions.check(cdr, OcpiVersion.V2_3_0, "cdrs", CDR.class, null))
                .isInstanceOf(OcpiException.class).hasMessageContaining("before_taxes")
                .hasMessageNotContaining("excl_vat");
    }

    @Test
    void aStored221ObjectAndA230UpdateAreMergedInThe230Form() {
        StoredObject stored = stored("""
                {"id": "S1", "kwh": 1, "total_cost": {"excl_vat": 1.00, "incl_vat": 1.21}}""", null);
        ObjectNode patch = versions.read("""
                {"kwh": 2, "total_cost": {"before_taxes": 2.00}, "last_updated": "2026-11-24T10:00:00Z"}""",
                OcpiVersion.V2_3_0, "sessions");

        VersionedObjects.Aligned aligned = VersionedObjects.align("sessions", stored, patch, OcpiVersion.V2_3_0);

        assertThat(aligned.version()).isEqualTo(OcpiVersion.V2_3_0);
        assertThat(aligned.current().at("/total_cost/before_taxes").decimalValue()).isEqualByComparingTo("1.00");
        assertThat(aligned.current().at("/total_cost/taxes/0/name").asText()).isEqualTo("VAT");
        assertThat(aligned.update()).isEqualTo(patch);

        VersionedObjects.Aligned same = VersionedObjects.align("sessions", stored,
                versions.read("{\"kwh\": 3}", OcpiVersion.V2_2_1, "sessions"), OcpiVersion.V2_2_1);
        assertThat(same.version()).isEqualTo(OcpiVersion.V2_2_1);
        assertThat(same.current().has("total_cost")).isTrue();
        assertThat(same.current().at("/total_cost/excl_vat").decimalValue()).isEqualByComparingTo("1.00");
    }

    @Test
    void aStoredObjectIsReadInTheTreesVersionAndAnInclusiveTariffIsNotShownTo221() {
        StoredObject tariff = stored(TARIFF_230, "2.3.0");
        assertThat(VersionedObjects.render("tariffs", tariff, OcpiVersion.V2_2_1).isWithheld()).isTrue();
        assertThat(VersionedObjects.render("tariffs", tariff, OcpiVersion.V2_3_0).tree().path("tax_included").asText())
                .isEqualTo("YES");

        StoredObject session = stored("""
                {"id": "S1", "total_cost": {"excl_vat": 8.50, "incl_vat": 10.29}}""", null);
        VersionedObjects.Rendering on230 = VersionedObjects.render("sessions", session, OcpiVersion.V2_3_0);
        assertThat(on230.tree().at("/total_cost/before_taxes").decimalValue()).isEqualByComparingTo("8.50");
        assertThat(on230.tree().at("/total_cost/taxes/0/amount").decimalValue()).isEqualByComparingTo("1.79");
    }

    @Test
    void aQueuedBodyIsRenderedForTheReceiverAndATokensTypeFollowsInItsPath() {
        String token = """
                {"country_code": "NL", "party_id": "TNM", "uid": "NL-TNM-C12345678-X", "type": "EMAID",
                 "contract_id": "NL-TNM-C12345678-X", "issuer": "TNM", "valid": true, "whitelist": "ALLOWED",
                 "last_updated": "2026-11-24T10:00:00Z"}""";
        String path = "NL/TNM/NL-TNM-C12345678-X?type=EMAID";

        VersionedObjects.Rendering for221 = VersionedObjects.render("tokens", path, token, "2.3.0", OcpiVersion.V2_2_1);
        assertThat(for221.tree().path("type").asText()).isEqualTo("OTHER");
        assertThat(VersionedObjects.renderPath("tokens", path, for221))
                .isEqualTo("NL/TNM/NL-TNM-C12345678-X?type=OTHER");

        VersionedObjects.Rendering for230 = VersionedObjects.render("tokens", path, token, "2.3.0", OcpiVersion.V2_3_0);
        assertThat(for230.json()).isEqualTo(token);
        assertThat(VersionedObjects.renderPath("tokens", path, for230)).isEqualTo(path);
        // a job queued before versions were kept is 2.2.1, and sent to 2.2.1 untouched
        assertThat(VersionedObjects.render("tokens", path, "{\"x\":1}", null, OcpiVersion.V2_2_1).json())
                .isEqualTo("{\"x\":1}");
    }

    @Test
    void anAuthorizationAnswerCarriesTheTypeTheCpoKnows() {
        PartnerAnswer other = answer("OTHER");
        // the hub asked a 2.2.1 eMSP with OTHER for a 2.3.0 CPO's EMAID token
        assertThat(VersionedObjects.authorizationFor(other, "EMAID", "OTHER", OcpiVersion.V2_3_0).body())
                .contains("\"type\":\"EMAID\"");
        // a 2.3.0 eMSP answering EMAID to a CPO on the 2.2.1 tree
        assertThat(VersionedObjects.authorizationFor(answer("EMAID"), "RFID", "RFID", OcpiVersion.V2_2_1).body())
                .contains("\"type\":\"OTHER\"");
        assertThat(VersionedObjects.authorizationFor(other, "OTHER", "OTHER", OcpiVersion.V2_2_1)).isSameAs(other);
        assertThat(VersionedObjects.tokenType("EMAID", OcpiVersion.V2_2_1)).isEqualTo("OTHER");
        assertThat(VersionedObjects.tokenType("EMAID", OcpiVersion.V2_3_0)).isEqualTo("EMAID");
        assertThat(VersionedObjects.tokenType("APP_USER", OcpiVersion.V2_2_1)).isEqualTo("APP_USER");
    }

    private static PartnerAnswer answer(String type) {
        return new PartnerAnswer(200, Map.of(), """
                {"data": {"allowed": "ALLOWED", "token": {"uid": "U1", "type": "%s"}}, "status_code": 1000}"""
                .formatted(type));
    }

    @Test
    void aLocationsPathSaysWhichObjectTheBodyIs() {
        assertThat(VersionedObjects.locationPart("NL/CP1/LOC1")).isEqualTo(LocationPart.LOCATION);
        assertThat(VersionedObjects.locationPart("NL/CP1/LOC1/EVSE1")).isEqualTo(LocationPart.EVSE);
        assertThat(VersionedObjects.locationPart("NL/CP1/LOC1/EVSE1/1")).isEqualTo(LocationPart.CONNECTOR);
    }

    private static StoredObject stored(String body, String sourceVersion) {
        StoredObject object = new StoredObject();
        object.body = body;
        object.sourceVersion = sourceVersion;
        return object;
    }
}
