package io.chargeclear.model.ocpi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one Jackson configuration for OCPI payloads, so every service reads and writes them identically.
 * <p>
 * Unknown properties are ignored (OCPI 2.3.0 §transport_and_format requires it, and it is good practice for 2.2.1),
 * decimals stay exact {@link java.math.BigDecimal}s written in plain notation, absent optional fields stay absent,
 * and DateTimes use {@link OcpiModule} (OCPI 2.2.1 §types "DateTime").
 */
public final class OcpiJson {

    private static final ObjectMapper MAPPER = newMapper();

    private OcpiJson() {
    }

    /** The shared, fully configured mapper; thread-safe for reading and writing, so do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A fresh mapper with the OCPI configuration, for callers that need to add their own settings. */
    public static ObjectMapper newMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new OcpiModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
    }
}
