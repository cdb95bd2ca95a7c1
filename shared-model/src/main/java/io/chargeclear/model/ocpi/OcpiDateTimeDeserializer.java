package io.chargeclear.model.ocpi;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.format.SignStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * Reads an OCPI DateTime leniently, because peers differ in how strictly they follow RFC 3339.
 * <p>
 * OCPI 2.2.1 §types "DateTime": UTC, the 'Z' may be omitted and fractional seconds are allowed. This reader also
 * accepts an explicit offset (converted to UTC) and unpadded month/day such as the CDR fallback
 * {@code 1970-1-1T00:00:00Z} that §mod_cdrs allows by bilateral agreement.
 */
public final class OcpiDateTimeDeserializer extends StdScalarDeserializer<Instant> {

    private static final long serialVersionUID = 1L;

    private static final DateTimeFormatter LENIENT = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendValue(ChronoField.YEAR, 4)
            .appendLiteral('-')
            .appendValue(ChronoField.MONTH_OF_YEAR, 1, 2, SignStyle.NOT_NEGATIVE)
            .appendLiteral('-')
            .appendValue(ChronoField.DAY_OF_MONTH, 1, 2, SignStyle.NOT_NEGATIVE)
            .appendLiteral('T')
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart()
            .appendOffset("+HH:MM", "Z")
            .optionalEnd()
            .toFormatter(Locale.ROOT)
            .withChronology(IsoChronology.INSTANCE)
            .withResolverStyle(ResolverStyle.STRICT);

    public OcpiDateTimeDeserializer() {
        super(Instant.class);
    }

    /** Parses one OCPI DateTime text; a missing zone means UTC. */
    public static Instant parse(String text) {
        TemporalAccessor parsed = LENIENT.parse(text.trim());
        ZoneOffset offset = parsed.isSupported(ChronoField.OFFSET_SECONDS) ? ZoneOffset.from(parsed) : ZoneOffset.UTC;
        return LocalDateTime.from(parsed).toInstant(offset);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (!parser.hasToken(JsonToken.VALUE_STRING)) {
            return (Instant) context.handleUnexpectedToken(Instant.class, parser);
        }
        String text = parser.getText();
        try {
            return parse(text);
        } catch (DateTimeException e) {
            return (Instant) context.handleWeirdStringValue(Instant.class, text,
                    "not an OCPI DateTime (RFC 3339 UTC, e.g. 2015-06-29T20:39:09Z): %s", e.getMessage());
        }
    }
}
