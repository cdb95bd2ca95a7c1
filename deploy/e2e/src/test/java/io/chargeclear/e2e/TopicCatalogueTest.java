package io.chargeclear.e2e;

import io.chargeclear.model.event.EventType;
import io.chargeclear.model.event.Topics;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The topic catalogue lives in three places that must not drift: docs/events/README.md (the source of
 * truth), the local stack's topics.csv (what it creates) and {@link Topics} (what the code names).
 */
class TopicCatalogueTest {

    private static final Pattern DOC_ROW = Pattern.compile("(?m)^\\| `([a-z0-9.-]+\\.v[0-9]+)` \\|");

    @Test
    void docsStackAndCodeNameTheSameTopics() throws Exception {
        Set<String> documented = documentedTopics();
        assertThat(documented).isNotEmpty();
        assertThat(stackTopics()).as("deploy/local topics.csv").isEqualTo(documented);
        assertThat(codeTopics()).as("io.chargeclear.model.event.Topics").isEqualTo(documented);
    }

    @Test
    void everyEventTypeIsDocumentedOnItsTopic() throws Exception {
        String catalogue = Files.readString(root().resolve("docs/events/README.md"), StandardCharsets.UTF_8);
        for (EventType type : EventType.values()) {
            String row = catalogue.lines().filter(l -> l.startsWith("| `" + type.topic() + "` |")).findFirst()
                    .orElseThrow();
            assertThat(row).as("catalogue row of " + type.topic()).contains("`" + type.type() + "`");
        }
    }

    private static Set<String> documentedTopics() throws IOException {
        String catalogue = Files.readString(root().resolve("docs/events/README.md"), StandardCharsets.UTF_8);
        Set<String> topics = new TreeSet<>();
        Matcher m = DOC_ROW.matcher(catalogue);
        while (m.find()) {
            topics.add(m.group(1));
        }
        return topics;
    }

    private static Set<String> stackTopics() throws IOException {
        try (InputStream in = TopicCatalogueTest.class.getClassLoader()
                .getResourceAsStream("io/chargeclear/local/topics.csv")) {
            assertThat(in).as("topics.csv of the local stack").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .map(l -> l.substring(0, l.indexOf(',')))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static Set<String> codeTopics() {
        return Arrays.stream(Topics.class.getDeclaredFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(TopicCatalogueTest::value)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path root() {
        return Path.of(System.getProperty("chargeclear.root", "../..")).toAbsolutePath().normalize();
    }
}
