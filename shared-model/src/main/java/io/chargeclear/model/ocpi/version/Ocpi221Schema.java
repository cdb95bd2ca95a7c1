package io.chargeclear.model.ocpi.version;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What OCPI 2.2.1 defines for an object, read from the project's 2.2.1 records ({@code io.chargeclear.model.ocpi.*}):
 * the field names, each field's type, whether it is required, and the values of each enum.
 * <p>
 * Why derive it instead of listing it: the records are the project's one description of 2.2.1 (they pass every
 * official 2.2.1 example), so a field added there is known here at once and the two can never disagree.
 */
final class Ocpi221Schema {

    /** One field of a 2.2.1 object. {@code elementType} is the type of the list's elements for lists, else null. */
    record FieldSpec(String name, Class<?> type, Class<?> elementType, boolean required, boolean nonEmpty) {

        boolean isList() {
            return elementType != null;
        }
    }

    private static final Map<Class<?>, Map<String, FieldSpec>> FIELDS = new ConcurrentHashMap<>();
    private static final Map<Class<?>, Set<String>> ENUM_VALUES = new ConcurrentHashMap<>();

    private Ocpi221Schema() {
    }

    /** The fields of a 2.2.1 record, by wire name, in declaration order. */
    static Map<String, FieldSpec> fields(Class<?> recordType) {
        return FIELDS.computeIfAbsent(recordType, Ocpi221Schema::readFields);
    }

    /** The wire values of a 2.2.1 enum ({@code @JsonProperty} value, else the constant's name). */
    static Set<String> enumValues(Class<?> enumType) {
        return ENUM_VALUES.computeIfAbsent(enumType, Ocpi221Schema::readEnumValues);
    }

    /** True for the types the walk descends into: the project's own OCPI records. */
    static boolean isOcpiRecord(Class<?> type) {
        return type != null && type.isRecord() && type.getPackageName().startsWith("io.chargeclear.model.ocpi");
    }

    private static Map<String, FieldSpec> readFields(Class<?> recordType) {
        if (!recordType.isRecord()) {
            throw new IllegalArgumentException(recordType + " is not a record");
        }
        Map<String, FieldSpec> fields = new LinkedHashMap<>();
        for (RecordComponent component : recordType.getRecordComponents()) {
            Field field;
            try {
                field = recordType.getDeclaredField(component.getName());
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException("record component without field: " + component, e);
            }
            JsonProperty property = field.getAnnotation(JsonProperty.class);
            String name = property != null && !property.value().isEmpty() ? property.value() : component.getName();
            Class<?> elementType = null;
            Type generic = component.getGenericType();
            if (java.util.List.class.isAssignableFrom(component.getType()) && generic instanceof ParameterizedType list
                    && list.getActualTypeArguments()[0] instanceof Class<?> element) {
                elementType = element;
            }
            boolean required = field.isAnnotationPresent(NotNull.class)
                    || component.getAnnotatedType().isAnnotationPresent(NotNull.class);
            boolean nonEmpty = field.isAnnotationPresent(NotEmpty.class)
                    || component.getAnnotatedType().isAnnotationPresent(NotEmpty.class);
            fields.put(name, new FieldSpec(name, component.getType(), elementType, required, nonEmpty));
        }
        return java.util.Collections.unmodifiableMap(fields);
    }

    private static Set<String> readEnumValues(Class<?> enumType) {
        if (!enumType.isEnum()) {
            throw new IllegalArgumentException(enumType + " is not an enum");
        }
        return Stream.of(enumType.getFields())
                .filter(Field::isEnumConstant)
                .map(constant -> {
                    JsonProperty property = constant.getAnnotation(JsonProperty.class);
                    return property != null && !property.value().isEmpty() ? property.value() : constant.getName();
                })
                .collect(Collectors.toUnmodifiableSet());
    }
}
