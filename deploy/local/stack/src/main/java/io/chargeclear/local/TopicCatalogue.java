package io.chargeclear.local;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The hub's Kafka topics as created locally, read from {@code io/chargeclear/local/topics.csv}
 * ({@code name,partitions,cleanup.policy,retention.ms}). {@code docs/events/README.md} is the source of truth;
 * this file is its machine-readable local copy.
 */
public final class TopicCatalogue {

    public static final String RESOURCE = "io/chargeclear/local/topics.csv";

    /** One topic: empty {@code retentionMs} means the broker default, -1 keeps records forever. */
    public record Topic(String name, int partitions, String cleanupPolicy, Optional<Long> retentionMs) {

        /** Topic-level configs to create the topic with. */
        public Map<String, String> configs() {
            Map<String, String> c = new LinkedHashMap<>();
            c.put("cleanup.policy", cleanupPolicy);
            retentionMs.ifPresent(r -> c.put("retention.ms", Long.toString(r)));
            return c;
        }
    }

    private TopicCatalogue() {
    }

    /** All topics of the catalogue, in file order. */
    public static List<Topic> topics() {
        try (InputStream in = TopicCatalogue.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " not on the classpath");
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Optional<Topic> find(String name) {
        return topics().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    static List<Topic> parse(BufferedReader reader) throws IOException {
        List<Topic> topics = new ArrayList<>();
        String line;
        int n = 0;
        while ((line = reader.readLine()) != null) {
            n++;
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] f = line.split(",", -1);
            if (f.length != 4) throw new IllegalArgumentException(RESOURCE + ":" + n + ": expected 4 fields: " + line);
            String retention = f[3].strip();
            topics.add(new Topic(f[0].strip(), Integer.parseInt(f[1].strip()), f[2].strip(),
                    retention.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(retention))));
        }
        return List.copyOf(topics);
    }

    /**
     * Creates the catalogue's topics that do not exist yet (replication factor 1); existing topics are left
     * untouched. Returns the names created.
     */
    public static List<String> ensureTopics(Admin admin) throws ExecutionException, InterruptedException, TimeoutException {
        Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        List<NewTopic> missing = new ArrayList<>();
        for (Topic t : topics()) {
            if (!existing.contains(t.name())) {
                missing.add(new NewTopic(t.name(), t.partitions(), (short) 1).configs(t.configs()));
            }
        }
        List<String> created = new ArrayList<>();
        if (missing.isEmpty()) return created;
        var result = admin.createTopics(missing);
        for (var e : result.values().entrySet()) {
            try {
                e.getValue().get(30, TimeUnit.SECONDS);
                created.add(e.getKey());
            } catch (ExecutionException ex) {
                if (!(ex.getCause() instanceof TopicExistsException)) throw ex;
            }
        }
        return created;
    }
}
