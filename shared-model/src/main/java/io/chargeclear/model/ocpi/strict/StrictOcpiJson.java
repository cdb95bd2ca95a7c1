package io.chargeclear.model.ocpi.strict;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.chargeclear.model.ocpi.OcpiJson;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The Jackson configuration for OCPI input a partner sends: {@link OcpiJson}'s mapping, but nothing is guessed.
 * A key twice in one object, an enum given by ordinal, padded or in another case, a number where a string belongs
 * (or a string, boolean or float where a number belongs) is refused instead of coerced, so what the hub stores,
 * forwards and publishes means exactly what it says (OCPI 2.2.1 §types: fields have one type).
 * <p>
 * Only the edge reads with it; events between services keep {@link OcpiJson#mapper()}.
 */
public final class StrictOcpiJson {

    private static final ObjectMapper MAPPER = newMapper();
    private static final ObjectReader TREE_READER = MAPPER.reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private StrictOcpiJson() {
    }

    /** The strict mapper; thread-safe, do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Reads one JSON document into a tree: duplicate keys and trailing tokens refused. Immutable, built once. */
    public static ObjectReader treeReader() {
        return TREE_READER;
    }

    private static ObjectMapper newMapper() {
        ObjectMapper mapper = OcpiJson.newMapper();
        mapper.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        mapper.disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
        // a number or boolean is not a string, a string or boolean is not a number, a number is not a boolean
        for (CoercionInputShape shape : new CoercionInputShape[]{CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean}) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        for (LogicalType number : new LogicalType[]{LogicalType.Integer, LogicalType.Float}) {
            mapper.coercionConfigFor(number).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
            mapper.coercionConfigFor(number).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
            mapper.coercionConfigFor(number).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Enum).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Enum).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        SimpleModule exactEnums = new SimpleModule("ocpi-exact-enums");
        exactEnums.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                                                              BeanDescription description, JsonDeserializer<?> deserializer) {
                return new ExactEnum(type.getRawClass(), deserializer);
            }
        });
        mapper.registerModule(exactEnums);
        return mapper;
    }

    /** An enum value must be a JSON string spelled exactly as OCPI lists it: no index, no padding, no other case. */
    static final class ExactEnum extends StdDeserializer<Object> {

        private static final long serialVersionUID = 1L;

        private final transient JsonDeserializer<?> delegate;
        private final Set<String> names;

        ExactEnum(Class<?> type, JsonDeserializer<?> delegate) {
            super(type);
            this.delegate = delegate;
            this.names = names(type);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return context.handleUnexpectedToken(handledType(), parser);
            }
            String text = parser.getText();
            if (!names.contains(text)) {
                throw context.weirdStringException(text, handledType(), "not one of " + names);
            }
            return delegate.deserialize(parser, context);
        }

        private static Set<String> names(Class<?> type) {
            Set<String> names = new LinkedHashSet<>();
            for (Object constant : type.getEnumConstants()) {
                String name = ((Enum<?>) constant).name();
                try {
                    JsonProperty property = type.getField(name).getAnnotation(JsonProperty.class);
                    names.add(property != null && !property.value().isEmpty() ? property.value() : name);
                } catch (NoSuchFieldException e) {
                    names.add(name);
                }
            }
            return java.util.Collections.unmodifiableSet(names);
        }
    }
}
