package io.chargeclear.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chargeclear.e2e.AttackClient.Reply;
import io.chargeclear.e2e.AttackClient.Tally;
import io.chargeclear.testkit.partner.OcpiPartner;
import io.chargeclear.testkit.partner.Target;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import static io.chargeclear.e2e.AttackFixture.LOCATION;
import static io.chargeclear.e2e.AttackFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A fixed-seed fuzz sample of every receiver endpoint partners write to (and real-time authorization): the official
 * OCPI 2.2.1 examples, made the attack partners' own, then mutated one way each: a field dropped or duplicated, a
 * value of the wrong type, a long string, odd characters, edge numbers, an enum in the wrong case, an empty or
 * non-object body. The hub may accept what stays valid, but it never fails: every answer is below HTTP 500 and an
 * OCPI envelope, and afterwards every service is ready and a normal CDR is still rated.
 */
@ExtendWith(SharedHub.class)
@Order(AttackFixture.AFTER_THE_FLOWS + 2)
class AttackFuzzEndToEndTest {

    /** Fixed, so that a failure is reproduced by running the suite again. */
    private static final long SEED = 20_260_113L;
    private static final int MUTANTS_PER_ENDPOINT = 30;
    private static final String[] ODD = {"\u0000", "\u202e", "\ud83d\ude00", "\u01c5", "\u00a0", "\uff21", "\r\n",
            "%00", "../", "<script>", "\\", "\"", "\u0007", "\ufeff", "\ud800"};

    private static RunningHub hub;
    private static AttackFixture f;
    private static Path examples;

    @BeforeAll
    static void connect(RunningHub running) {
        hub = running;
        f = AttackFixture.of(running);
        examples = Path.of(System.getProperty("chargeclear.root", "../..")).toAbsolutePath().normalize()
                .resolve("shared-model/src/test/resources/ocpi/examples/2.2.1-d2");
    }

    @AfterAll
    static void figures() {
        AttackClient.writeFigures();
    }

    /** One endpoint: who calls it, how, with which example made whose. {@code %s} in the suffix is the object id. */
    private record Endpoint(OcpiPartner caller, String method, String module, String role, String suffix,
                            Target to, JsonNode example) {
    }

    @Test
    void mutatedOfficialExamplesNeverBreakTheHub() throws IOException {
        Tally tally = AttackClient.tally("6 fuzz");
        Random random = new Random(SEED);
        int n = 0;
        for (Endpoint endpoint : endpoints()) {
            for (int i = 0; i < MUTANTS_PER_ENDPOINT; i++) {
                String id = "FZ-" + (++n);
                JsonNode own = endpoint.example().deepCopy();
                if (own instanceof ObjectNode object && object.has("id")) {
                    object.put("id", id);
                }
                if (own instanceof ObjectNode object && object.has("uid")) {
                    object.put("uid", id);
                }
                String body = mutate(own, random);
                String suffix = endpoint.suffix().replace("%s", id);
                String url = AttackHostileInputEndToEndTest.OcpiPartnerUrls.join(
                        endpoint.caller().hubUrl(endpoint.module(), endpoint.role()), suffix);
                Map<String, String> headers = AttackClient.headers(
                        "Authorization", AttackClient.tokenHeader(endpoint.caller().tokenC()),
                        "X-Request-ID", "atk-fuzz-" + n, "X-Correlation-ID", "atk-fuzz",
                        "OCPI-from-country-code", endpoint.caller().countryCode(),
                        "OCPI-from-party-id", endpoint.caller().partyId());
                if (endpoint.to() == Target.hub()) {
                    headers.put("OCPI-to-country-code", endpoint.caller().hubCountryCode());
                    headers.put("OCPI-to-party-id", endpoint.caller().hubPartyId());
                }
                Reply reply = AttackClient.send(tally, endpoint.method(), url, headers, body);
                AttackClient.expectHandled(tally, endpoint.method() + " " + endpoint.module() + "/" + suffix + " "
                        + abbreviate(body), reply);
            }
        }

        f.cpo1.call("PUT", "sessions", "RECEIVER", "NL/AC1/FZ-SES-OK",
                AttackFixture.Bodies.session("AC1", "FZ-SES-OK", "AE1", LOCATION), Target.none());
        f.cpo1.call("POST", "cdrs", "RECEIVER", "", AttackFixture.Bodies.cdr("AC1", "FZ-CDR-OK", "FZ-SES-OK", "AE1",
                LOCATION), Target.none());
        try {
            await("a normal CDR after the fuzz is rated").atMost(WAIT).pollInterval(Duration.ofMillis(500))
                    .until(() -> AttackFixture.admin(hub, "cdr-rating").get("/admin/rating/cdrs/NL/AC1/FZ-CDR-OK")
                            .statusCode() == 200);
        } catch (AssertionError | RuntimeException notRated) {
            tally.violation("rating stopped: FZ-CDR-OK not rated after the fuzz: " + notRated.getMessage());
        }
        AttackFixture.readiness(hub).forEach((service, state) -> {
            if (!state.equals("UP")) {
                tally.violation(service + " not ready after the fuzz: " + state);
            }
        });
        assertThat(tally.violations).as(tally.report(60)).isEmpty();
    }

    private List<Endpoint> endpoints() throws IOException {
        OcpiPartner cpo = f.cpo1;
        OcpiPartner emsp = f.emsp1;
        JsonNode location = own(example("location_example.json"));
        JsonNode evse = location.path("evses").get(0).deepCopy();
        JsonNode connector = evse.path("connectors").get(0).deepCopy();
        JsonNode session = own(example("session_example_2_short_finished.json"));
        JsonNode cdr = own(example("cdr_example.json"));
        JsonNode token = example("token_put_example.json");
        ((ObjectNode) token).put("country_code", "DE").put("party_id", "AE1");
        JsonNode command = AttackClient.JSON.readTree("""
                {"response_url": "%s", "token": %s, "location_id": "%s", "evse_uid": "EVSE-1"}"""
                .formatted(emsp.endpointUrl("commands") + "/START_SESSION/fz", token, LOCATION));
        JsonNode profile = AttackClient.JSON.readTree("""
                {"charging_profile": {"charging_rate_unit": "W", "charging_profile_period": [
                  {"start_period": 0, "limit": 11000.0}]}, "response_url": "%s"}"""
                .formatted(emsp.endpointUrl("chargingprofiles") + "/result/fz"));
        JsonNode where = AttackClient.JSON.readTree("{\"location_id\": \"" + LOCATION + "\", \"evse_uids\": [\"EVSE-1\"]}");
        return List.of(
                new Endpoint(cpo, "PUT", "locations", "RECEIVER", "NL/AC1/%s", Target.hub(), location),
                new Endpoint(cpo, "PUT", "locations", "RECEIVER", "NL/AC1/" + LOCATION + "/%s", Target.hub(), evse),
                new Endpoint(cpo, "PUT", "locations", "RECEIVER", "NL/AC1/" + LOCATION + "/EVSE-1/%s", Target.hub(),
                        connector),
                new Endpoint(cpo, "PATCH", "locations", "RECEIVER", "NL/AC1/" + LOCATION + "/EVSE-1", Target.hub(),
                        example("location_patch_example_status.json")),
                new Endpoint(cpo, "PUT", "tariffs", "RECEIVER", "NL/AC1/%s", Target.hub(),
                        own(example("tariff_4_complex.json"))),
                new Endpoint(cpo, "PUT", "sessions", "RECEIVER", "NL/AC1/%s", Target.none(), session),
                new Endpoint(cpo, "PATCH", "sessions", "RECEIVER", "NL/AC1/" + AttackFixture.SESSION, Target.none(),
                        example("session_patch_example_charging_period.json")),
                new Endpoint(cpo, "POST", "cdrs", "RECEIVER", "", Target.none(), cdr),
                new Endpoint(cpo, "POST", "tokens", "SENDER", AttackFixture.TOKEN + "/authorize", Target.none(), where),
                new Endpoint(emsp, "PUT", "tokens", "RECEIVER", "DE/AE1/%s", Target.hub(), token),
                new Endpoint(emsp, "PATCH", "tokens", "RECEIVER", "DE/AE1/" + AttackFixture.TOKEN, Target.hub(),
                        example("token_patch_example.json")),
                new Endpoint(emsp, "POST", "commands", "RECEIVER", "START_SESSION", Target.none(), command),
                new Endpoint(emsp, "POST", "commands", "RECEIVER", "STOP_SESSION", Target.none(),
                        AttackClient.JSON.readTree("{\"response_url\": \"" + emsp.endpointUrl("commands")
                                + "/STOP_SESSION/fz\", \"session_id\": \"" + AttackFixture.SESSION + "\"}")),
                new Endpoint(emsp, "PUT", "chargingprofiles", "RECEIVER", AttackFixture.SESSION, Target.none(), profile));
    }

    private static JsonNode example(String name) throws IOException {
        return AttackClient.JSON.readTree(Files.readString(examples.resolve(name)));
    }

    /** The example as AC1's object for AE1's token. */
    private static JsonNode own(JsonNode example) {
        ObjectNode object = (ObjectNode) example;
        object.put("country_code", "NL").put("party_id", "AC1");
        if (object.has("cdr_token")) {
            ((ObjectNode) object.get("cdr_token")).put("country_code", "DE").put("party_id", "AE1");
        }
        return object;
    }

    /** One mutation of {@code node}, as the body text to send. */
    static String mutate(JsonNode node, Random random) {
        List<Slot> slots = new ArrayList<>();
        collect(node, slots);
        Slot slot = slots.isEmpty() ? null : slots.get(random.nextInt(slots.size()));
        int kind = random.nextInt(9);
        if (slot == null || kind == 8) {
            return List.of("{}", "[]", "null", "\"\"", "{\"data\": {}}", "{", "").get(random.nextInt(7));
        }
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        switch (kind) {
            case 0 -> slot.remove();
            case 1 -> {
                // the same key twice, the second with another value
                String text = node.toString();
                String key = slot.key() == null ? "id" : slot.key();
                return text.replaceFirst("\\{", "{\"" + key + "\": " + (slot.value().isTextual() ? "12" : "\"X\"") + ", ");
            }
            case 2 -> slot.set(slot.value().isTextual()
                    ? List.<JsonNode>of(nodes.numberNode(7), nodes.booleanNode(true), nodes.arrayNode(),
                    nodes.objectNode(), nodes.nullNode()).get(random.nextInt(5))
                    : List.<JsonNode>of(nodes.textNode("7"), nodes.booleanNode(false), nodes.arrayNode(),
                    nodes.objectNode(), nodes.nullNode()).get(random.nextInt(5)));
            case 3 -> slot.set(nodes.textNode("A".repeat(List.of(37, 65, 256, 70_000).get(random.nextInt(4)))));
            case 4 -> slot.set(nodes.textNode(slot.value().asText("x") + ODD[random.nextInt(ODD.length)]));
            case 5 -> slot.set(List.<JsonNode>of(nodes.numberNode(-1), nodes.numberNode(1e308), nodes.numberNode(-0.000001),
                    nodes.numberNode(new java.math.BigInteger("123456789012345678901234567890")),
                    nodes.numberNode(Integer.MIN_VALUE)).get(random.nextInt(5)));
            case 6 -> slot.set(nodes.textNode(slot.value().asText("x").toLowerCase(java.util.Locale.ROOT)));
            case 7 -> slot.set(nodes.textNode(" " + slot.value().asText("x") + " "));
            default -> throw new IllegalStateException();
        }
        return node.toString();
    }

    /** A value in an object or array that a mutation can replace or remove. */
    private record Slot(JsonNode parent, String key, int index) {

        JsonNode value() {
            return key != null ? parent.get(key) : parent.get(index);
        }

        void set(JsonNode value) {
            if (key != null) {
                ((ObjectNode) parent).set(key, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }

        void remove() {
            if (key != null) {
                ((ObjectNode) parent).remove(key);
            } else {
                ((ArrayNode) parent).remove(index);
            }
        }
    }

    private static void collect(JsonNode node, List<Slot> slots) {
        if (node instanceof ObjectNode object) {
            Iterator<String> names = object.fieldNames();
            List<String> keys = new ArrayList<>();
            names.forEachRemaining(keys::add);
            for (String key : keys) {
                slots.add(new Slot(object, key, -1));
                collect(object.get(key), slots);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                slots.add(new Slot(array, null, i));
                collect(array.get(i), slots);
            }
        }
    }

    private static String abbreviate(String body) {
        Function<String, String> cut = text -> text.length() > 140 ? text.substring(0, 140) + "..." : text;
        return cut.apply(body.replaceAll("\\s+", " "));
    }
}
