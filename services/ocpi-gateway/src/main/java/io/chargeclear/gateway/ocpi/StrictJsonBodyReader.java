package io.chargeclear.gateway.ocpi;

import io.chargeclear.gateway.config.GatewayConfig;
import io.chargeclear.model.ocpi.OcpiStatus;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;

/**
 * Reads a request body into the {@code String} a resource takes (every OCPI body; whatever the declared media
 * type, so no body bypasses it), from its bytes: at most
 * {@code chargeclear.gateway.max-object-bytes} of them, and strictly UTF-8 (OCPI 2.2.1 §transport_and_format).
 * The default text reader would replace malformed bytes with U+FFFD and forward a body the sender never wrote;
 * here they are OCPI 2001 naming the byte offset. A body over the limit never reaches the store or the outbox.
 */
@Provider
@Priority(Priorities.USER - 100)
public class StrictJsonBodyReader implements MessageBodyReader<String> {

    private final int maxBytes;

    public StrictJsonBodyReader(GatewayConfig config) {
        this.maxBytes = config.maxObjectBytes();
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == String.class;
    }

    @Override
    public String readFrom(Class<String> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                           MultivaluedMap<String, String> headers, InputStream entity) throws IOException {
        byte[] bytes = entity.readNBytes(maxBytes + 1);
        if (bytes.length > maxBytes) {
            throw invalid("the request body is larger than the hub's limit of " + maxBytes
                    + " bytes per object (chargeclear.gateway.max-object-bytes)");
        }
        return decode(bytes);
    }

    /** Strict UTF-8: malformed or overlong sequences and encoded surrogates are refused, never replaced. */
    public static String decode(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            return decoder.decode(in).toString();
        } catch (MalformedInputException e) {
            throw invalid("the request body is not valid UTF-8: malformed byte sequence at byte offset "
                    + in.position());
        } catch (CharacterCodingException e) {
            throw invalid("the request body is not valid UTF-8 at byte offset " + in.position());
        }
    }

    private static OcpiException invalid(String message) {
        return new OcpiException(Response.Status.BAD_REQUEST, OcpiStatus.INVALID_OR_MISSING_PARAMETERS, message);
    }
}
