package io.chargeclear.rating.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chargeclear.model.money.Money;
import io.chargeclear.model.ocpi.OcpiJson;
import io.chargeclear.model.ocpi.cdrs.CDR;
import io.chargeclear.model.ocpi.tariffs.Tariff;
import io.chargeclear.model.ocpi.version.OcpiTrees;
import io.chargeclear.model.ocpi.version.OcpiVersion;
import io.chargeclear.model.ocpi.version.OcpiVersionTranslator;
import io.chargeclear.model.ocpi.version.RenderOptions;
import io.chargeclear.model.ocpi.versions.ModuleID;
import io.chargeclear.rating.domain.TaxIncluded;
import io.chargeclear.rating.domain.TaxLine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads tariffs and CDRs in the shape their sender sent them, OCPI 2.2.1 or 2.3.0, into what rating works with
 * (docs/adr/0026-taxes-in-rating.md). A 2.3.0 object is rendered to the 2.2.1 records with the hub's one translator
 * (Price {@code before_taxes} → {@code excl_vat}, {@code incl_vat} = before taxes + Σ taxes; PriceLimit
 * {@code after_taxes} → {@code incl_vat}); what that rendering cannot carry and rating needs, the tariff's
 * {@code tax_included} and the CDR's tax lines, is read beside it. A 2.2.1 object is read exactly as before.
 */
final class OcpiShapes {

    private static final ObjectMapper JSON = OcpiJson.mapper();
    /** Reads 2.3.0 trees keeping the scale the sender wrote ({@code 0.40} stays {@code 0.40}). */
    private static final ObjectMapper TREES = OcpiTrees.mapper();

    private OcpiShapes() {
    }

    /**
     * A CDR as rating reads it.
     *
     * @param cdr      the CDR in the 2.2.1 records ({@code total_cost.excl_vat} is a 2.3.0 CDR's before taxes)
     * @param cpoTaxes the tax lines of a 2.3.0 CDR's {@code total_cost}; null for a 2.2.1 CDR and for a 2.3.0 CDR
     *                 that states none
     */
    record ReadCdr(CDR cdr, List<TaxLine> cpoTaxes) {
    }

    /**
     * A tariff as rating reads it.
     *
     * @param taxIncluded the 2.3.0 {@code tax_included}; null for a 2.2.1 tariff
     */
    record ReadTariff(Tariff tariff, TaxIncluded taxIncluded) {
    }

    /** @throws IllegalArgumentException when the object is not a readable CDR of either version */
    static ReadCdr cdr(JsonNode object) {
        try {
            if (!object.path("total_cost").has("before_taxes")) {
                return new ReadCdr(JSON.treeToValue(object, CDR.class), null);
            }
            return cdr230(TREES.readTree(object.toString()));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the CDR is not readable: " + e.getMessage(), e);
        }
    }

    /**
     * A stored CDR, read the way {@link #cdr(JsonNode)} read it when it arrived. Text without {@code before_taxes}
     * anywhere is a 2.2.1 CDR and is read once, straight into the records, as before 2.3.0.
     */
    static ReadCdr cdr(String stored) {
        try {
            if (!stored.contains("\"before_taxes\"")) {
                return new ReadCdr(JSON.readValue(stored, CDR.class), null);
            }
            JsonNode object = TREES.readTree(stored);
            if (!object.path("total_cost").has("before_taxes")) {
                return new ReadCdr(JSON.readValue(stored, CDR.class), null);
            }
            return cdr230(object);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("stored CDR is not readable", e);
        }
    }

    private static ReadCdr cdr230(JsonNode object) throws JsonProcessingException {
        JsonNode totalCost = object.path("total_cost");
        String currency = object.path("currency").asText();
        List<TaxLine> taxes = new ArrayList<>();
        for (JsonNode line : totalCost.path("taxes")) {
            JsonNode percentage = line.get("percentage");
            taxes.add(new TaxLine(line.path("name").asText(),
                    percentage == null || percentage.isNull() ? null : percentage.decimalValue(),
                    Money.of(line.path("amount").decimalValue(), currency)));
        }
        JsonNode rendered = render(ModuleID.CDRS, object);
        return new ReadCdr(TREES.treeToValue(rendered, CDR.class), taxes.isEmpty() ? null : taxes);
    }

    /**
     * Rating reads the chosen tariff for every CDR it rates: a body without {@code tax_included} anywhere is a 2.2.1
     * tariff and is read once, straight into the records.
     *
     * @throws IOException when the body is not a readable tariff of either version
     */
    static ReadTariff tariff(String body) throws IOException {
        if (!body.contains("\"tax_included\"")) {
            return new ReadTariff(JSON.readValue(body, Tariff.class), null);
        }
        JsonNode object = TREES.readTree(body);
        JsonNode taxIncluded = object.get("tax_included");
        if (taxIncluded == null || taxIncluded.isNull()) {
            return new ReadTariff(JSON.readValue(body, Tariff.class), null);
        }
        try {
            TaxIncluded mode = TaxIncluded.fromOcpi(taxIncluded.asText());
            ObjectNode withoutTaxIncluded = ((ObjectNode) object).deepCopy();
            // rendered for 2.2.1 only to read the records: an inclusive tariff must not be withheld here
            withoutTaxIncluded.remove("tax_included");
            return new ReadTariff(TREES.treeToValue(render(ModuleID.TARIFFS, withoutTaxIncluded), Tariff.class), mode);
        } catch (IllegalArgumentException e) {
            throw new IOException("the tariff is not readable: " + e.getMessage(), e);
        }
    }

    private static JsonNode render(ModuleID module, JsonNode object) {
        return OcpiVersionTranslator.render(module, object, OcpiVersion.V2_2_1, RenderOptions.defaults()).rendered()
                .orElseThrow(() -> new IllegalArgumentException("the object cannot be read in the OCPI 2.2.1 records"));
    }
}
