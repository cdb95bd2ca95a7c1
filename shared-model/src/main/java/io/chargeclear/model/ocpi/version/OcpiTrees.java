package io.chargeclear.model.ocpi.version;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import io.chargeclear.model.ocpi.OcpiJson;

/**
 * The mapper to read OCPI bodies into trees for {@link OcpiVersionTranslator}: the {@link OcpiJson} configuration,
 * but decimals keep the scale the sender wrote ({@code 10.00} stays {@code 10.00}, not {@code 1E+1}).
 * <p>
 * Why not {@link OcpiJson#mapper()}: Jackson strips trailing zeros from decimals read into a tree by default, which
 * is harmless in value but changes what a receiver sees ({@code 12.1} for {@code 12.10}); a hub that forwards
 * objects should send amounts as written.
 */
public final class OcpiTrees {

    private static final ObjectMapper MAPPER = OcpiJson.newMapper()
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    private OcpiTrees() {
    }

    /** Thread-safe; do not reconfigure. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
