package io.chargeclear.model.ocpi;

import com.fasterxml.jackson.databind.module.SimpleModule;
import java.time.Instant;

/**
 * Jackson module with the OCPI DateTime reader and writer, for mappers that {@link OcpiJson} does not build
 * (e.g. a framework's own mapper). Register it after {@code JavaTimeModule} so it takes precedence.
 * <p>
 * OCPI 2.2.1 §types "DateTime".
 */
public final class OcpiModule extends SimpleModule {

    private static final long serialVersionUID = 1L;

    public OcpiModule() {
        super("ocpi-2.2.1");
        addDeserializer(Instant.class, new OcpiDateTimeDeserializer());
        addSerializer(Instant.class, new OcpiDateTimeSerializer());
    }
}
