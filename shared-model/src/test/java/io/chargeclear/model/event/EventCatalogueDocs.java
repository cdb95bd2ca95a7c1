package io.chargeclear.model.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.lang.reflect.RecordComponent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading the event catalogue (docs/events/README.md) and its schemas from tests: the sections under each topic,
 * their JSON examples, and the JSON names of a payload record's components, so the tests can hold docs, schemas
 * and records to the same shape.
 */
final class EventCatalogueDocs {

    private EventCatalogueDocs() {
    }

    static Set<String> jsonProperties(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(EventCatalogueDocs::jsonName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static String jsonName(RecordComponent component) {
        try {
            JsonProperty property = component.getDeclaringRecord().getDeclaredField(component.getName())
                    .getAnnotation(JsonProperty.class);
            assertThat(property).as("@JsonProperty on " + component).isNotNull();
            return property.value();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    /** Level-2 headings (outside code fences) to the text below them, up to the next level-2 heading. */
    static Map<String, String> sections(String markdown) {
        Map<String, String> sections = new LinkedHashMap<>();
        String heading = null;
        StringBuilder body = new StringBuilder();
        boolean fenced = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            }
            if (!fenced && line.startsWith("## ")) {
                if (heading != null) {
                    sections.put(heading, body.toString());
                }
                heading = line.substring(3).strip();
                body.setLength(0);
            } else {
                body.append(line).append('\n');
            }
        }
        if (heading != null) {
            sections.put(heading, body.toString());
        }
        return sections;
    }

    static List<String> jsonBlocks(String section) {
        List<String> blocks = new ArrayList<>();
        StringBuilder block = null;
        for (String line : section.split("\n", -1)) {
            if (block == null && line.strip().equals("```json")) {
                block = new StringBuilder();
            } else if (block != null && line.strip().equals("```")) {
                blocks.add(block.toString());
                block = null;
            } else if (block != null) {
                block.append(line).append('\n');
            }
        }
        assertThat(block).as("unclosed ```json block").isNull();
        return blocks;
    }

    static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("docs/events/README.md"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("a directory above " + Path.of("").toAbsolutePath() + " holding docs/events/README.md")
                .isNotNull();
        return dir;
    }

    static final Pattern SNAKE_CASE = Pattern.compile("[a-z]+(_[a-z]+)*");

    /** The JSON names of {@code node} are exactly the record's, all snake_case. */
    static void assertSnakeCase(JsonNode node, Class<?> record) {
        assertThat(fieldNames(node)).isEqualTo(jsonProperties(record)).allMatch(n -> SNAKE_CASE.matcher(n).matches());
    }

    static Set<String> defProperties(JsonNode schema, String def) {
        JsonNode properties = schema.path("$defs").path(def).get("properties");
        assertThat(properties).as("$defs/" + def + "/properties").isNotNull();
        return fieldNames(properties);
    }

    static Set<String> required(JsonNode schema) {
        Set<String> required = new TreeSet<>();
        assertThat(schema.get("required")).as("required").isNotNull();
        schema.get("required").forEach(r -> required.add(r.asText()));
        return required;
    }

    static Set<String> enumValues(JsonNode node) {
        Set<String> values = new TreeSet<>();
        node.path("enum").forEach(v -> values.add(v.asText()));
        return values;
    }

    static String readme() throws IOException {
        return Files.readString(repoRoot().resolve("docs/events/README.md"), StandardCharsets.UTF_8);
    }

    /** The text under {@code ## `topic`}. */
    static String section(String readme, String topic) {
        String section = sections(readme).get("`" + topic + "`");
        assertThat(section).as("section '## `" + topic + "`'").isNotNull();
        return section;
    }

    /** The mapper events are written with: snake_case records, ISO-8601 instants. */
    static ObjectMapper mapper() {
        return new ObjectMapper().registerModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /** For the documented examples: unknown fields, a null primitive or trailing text are mistakes in the docs. */
    static ObjectMapper strictMapper() {
        return mapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }
}
