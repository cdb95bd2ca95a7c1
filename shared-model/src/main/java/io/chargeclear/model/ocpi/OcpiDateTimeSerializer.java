package io.chargeclear.model.ocpi;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import java.io.IOException;
import java.time.Instant;

/**
 * Writes an OCPI DateTime as ISO-8601 UTC with an explicit 'Z', so every peer reads the same instant.
 * <p>
 * OCPI 2.2.1 §types "DateTime". Fractional seconds are written only when the value has them.
 */
public final class OcpiDateTimeSerializer extends StdScalarSerializer<Instant> {

    private static final long serialVersionUID = 1L;

    public OcpiDateTimeSerializer() {
        super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
        generator.writeString(value.toString());
    }
}
