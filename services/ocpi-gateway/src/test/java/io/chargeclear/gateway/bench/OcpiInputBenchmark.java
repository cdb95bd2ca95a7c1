package io.chargeclear.gateway.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chargeclear.gateway.ocpi.StrictJsonBodyReader;
import io.chargeclear.gateway.store.OcpiBodies;
import io.chargeclear.gateway.store.VersionedObjects;
import io.chargeclear.model.ocpi.version.OcpiVersion;
import io.chargeclear.model.ocpi.OcpiJson;
import io.chargeclear.model.ocpi.cdrs.CDR;
import io.chargeclear.model.ocpi.locations.Location;
import io.chargeclear.model.ocpi.sessions.Session;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What reading one pushed OCPI object costs the gateway on one core ({@code scripts/bench input}), three ways over the
 * same official example bytes:
 * <ul>
 *   <li>{@code raw}: one pass of Jackson's streaming parser over every token, the floor of any JSON reading;</li>
 *   <li>{@code lenient}: what the gateway did before strict input (lenient UTF-8 decoding, Jackson's default tree
 *       and binding, Bean Validation);</li>
 *   <li>{@code strict}: strict UTF-8, strict JSON, the id/character/number rules, binding, Bean Validation, the
 *       value rules: {@link StrictJsonBodyReader#decode} and {@link OcpiBodies#read};</li>
 *   <li>{@code versioned}: what it does now on the 2.2.1 tree: {@code strict} through {@link VersionedObjects}, which
 *       also looks for fields of the other OCPI version (ADR 0024).</li>
 * </ul>
 * The examples are read in place from shared-model's test resources (CC BY-ND 4.0, see LICENSE-NOTE.txt there).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class OcpiInputBenchmark {

    private static final Path EXAMPLES = Path.of("shared-model/src/test/resources/ocpi/examples/2.2.1-d2");
    private static final Map<String, Class<?>> TYPES = Map.of(
            "cdr_example.json", CDR.class,
            "session_example_2_short_finished.json", Session.class,
            "location_example.json", Location.class);
    private static final JsonFactory STREAMING = new JsonFactory();

    @Param({"cdr_example.json", "session_example_2_short_finished.json", "location_example.json"})
    public String example;

    private byte[] bytes;
    private Class<?> type;
    private Validator validator;
    private OcpiBodies bodies;
    private VersionedObjects versions;
    private String module;

    @Setup
    public void setUp() throws IOException {
        bytes = Files.readAllBytes(EXAMPLES.resolve(example));
        type = TYPES.get(example);
        validator = Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();
        bodies = new OcpiBodies(validator);
        versions = new VersionedObjects(bodies);
        module = example.startsWith("cdr") ? "cdrs" : example.startsWith("session") ? "sessions" : "locations";
    }

    @Benchmark
    public int raw() throws IOException {
        int tokens = 0;
        try (JsonParser parser = STREAMING.createParser(bytes)) {
            while (parser.nextToken() != null) {
                tokens++;
            }
        }
        return tokens;
    }

    @Benchmark
    public Object lenient() throws IOException {
        String body = new String(bytes, StandardCharsets.UTF_8);
        JsonNode node = OcpiJson.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(body);
        Object value = OcpiJson.mapper().treeToValue(node, type);
        return validator.validate(value).isEmpty() ? value : null;
    }

    @Benchmark
    public Object strict() {
        return bodies.read(StrictJsonBodyReader.decode(bytes), type);
    }

    @Benchmark
    public Object versioned() {
        ObjectNode object = versions.read(StrictJsonBodyReader.decode(bytes), OcpiVersion.V2_2_1, module);
        versions.check(object, OcpiVersion.V2_2_1, module, type, null);
        return object;
    }
}
