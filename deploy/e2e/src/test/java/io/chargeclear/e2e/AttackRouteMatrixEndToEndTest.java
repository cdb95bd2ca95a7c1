package io.chargeclear.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.chargeclear.e2e.AttackClient.Reply;
import io.chargeclear.e2e.AttackClient.Tally;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route each service's served OpenAPI lists, called with the wrong credential or none, and with the path
 * spelled the ways a router and a path filter may read differently. None of it may reach data: never a 2xx,
 * never a 5xx, a 4xx with a body (an OCPI envelope on {@code /ocpi}). Who may call what:
 * <ul>
 * <li>operator routes ({@code /admin/...}): {@code Authorization: Bearer <admin token>} only;</li>
 * <li>OCPI modules and party APIs ({@code /ocpi/2.2.1/<module>}, {@code /party/...}): a platform's token C;</li>
 * <li>versions, version details and credentials, of 2.2.1 and of 2.3.0: token A (registration) or token C.</li>
 * </ul>
 * Management endpoints ({@code /q/*}) are not served on the service port at all.
 */
@ExtendWith(SharedHub.class)
@Order(AttackFixture.AFTER_THE_FLOWS + 3)
class AttackRouteMatrixEndToEndTest {

    private static final String NOWHERE_ID = "00000000-0000-4000-8000-000000000000";

    private static RunningHub hub;
    private static AttackFixture fixture;
    /** Every operation the services' OpenAPI documents list: service, method, path template. */
    private static final List<Route> ROUTES = new ArrayList<>();

    record Route(String service, String method, String template) {

        Kind kind() {
            if (template.startsWith("/admin")) {
                return Kind.OPERATOR;
            }
            if (template.equals("/ocpi/versions") || template.equals("/ocpi/2.2.1")
                    || template.startsWith("/ocpi/2.2.1/credentials") || template.equals("/ocpi/2.3.0")
                    || template.startsWith("/ocpi/2.3.0/credentials")) {
                return Kind.REGISTRATION;
            }
            if (template.startsWith("/ocpi") || template.startsWith("/party")) {
                return Kind.PLATFORM;
            }
            return Kind.OTHER;
        }

        boolean ocpi() {
            return template.startsWith("/ocpi");
        }

        /** The template with plausible values for its parameters, none naming an existing object. */
        String path() {
            StringBuilder path = new StringBuilder();
            for (String segment : template.substring(1).split("/", -1)) {
                path.append('/').append(segment.startsWith("{") ? value(segment.substring(1, segment.length() - 1))
                        : segment);
            }
            return path.toString();
        }

        private static String value(String parameter) {
            return switch (parameter) {
                case "country_code", "cpo_country_code" -> "NL";
                case "emsp_country_code" -> "DE";
                case "party_id", "cpo_party_id" -> "AC1";
                case "emsp_party_id" -> "AE1";
                case "command" -> "START_SESSION";
                case "id", "run_id", "statement_id", "delivery_id" -> NOWHERE_ID;
                default -> "ATK-" + parameter.toUpperCase(Locale.ROOT).replace('_', '-');
            };
        }

        @Override
        public String toString() {
            return service + " " + method + " " + template;
        }
    }

    enum Kind { OPERATOR, REGISTRATION, PLATFORM, OTHER }

    @BeforeAll
    static void readTheServedOpenApi(RunningHub running) throws IOException {
        hub = running;
        fixture = AttackFixture.of(running);
        Tally tally = AttackClient.tally("0 openapi");
        for (String service : RunningHub.SERVICES) {
            String url = AttackFixture.managementUrl(hub, service) + "/q/openapi?format=json";
            Reply reply = AttackClient.send(tally, "GET", url, Map.of("Accept", "application/json"), (String) null);
            assertThat(reply.http()).as(service + " serves its OpenAPI at " + url).isEqualTo(200);
            JsonNode paths = AttackClient.JSON.readTree(reply.body()).path("paths");
            paths.fieldNames().forEachRemaining(template -> paths.path(template).fieldNames().forEachRemaining(m -> {
                String method = m.toUpperCase(Locale.ROOT);
                if (Set.of("GET", "PUT", "POST", "PATCH", "DELETE").contains(method)) {
                    ROUTES.add(new Route(service, method, template));
                }
            }));
        }
        assertThat(ROUTES).as("routes listed by the OpenAPI documents").hasSizeGreaterThan(40)
                .extracting(Route::kind).contains(Kind.OPERATOR, Kind.REGISTRATION, Kind.PLATFORM);
    }

    @AfterAll
    static void figures() {
        AttackClient.writeFigures();
    }

    @Test
    void everyRouteRefusesCallersWithoutTheRightCredential() {
        Tally tally = AttackClient.tally("1 route x credential");
        String tokenC = AttackClient.tokenHeader(fixture.cpo1.tokenC());
        String tokenA = AttackClient.tokenHeader(fixture.tokenA);
        String adminBearer = "Bearer " + RunningHub.ADMIN_TOKEN;
        for (Route route : ROUTES) {
            Map<String, String> wrong = new LinkedHashMap<>();
            wrong.put("none", null);
            wrong.put("unknown bearer", "Bearer not-the-admin-token");
            wrong.put("unknown OCPI token", AttackClient.tokenHeader("not-a-token-of-this-hub"));
            wrong.put("empty token", "Token ");
            wrong.put("admin token as OCPI token", AttackClient.tokenHeader(RunningHub.ADMIN_TOKEN));
            switch (route.kind()) {
                case OPERATOR -> {
                    wrong.put("partner token C", tokenC);
                    wrong.put("partner token C as bearer", "Bearer " + fixture.cpo1.tokenC());
                    wrong.put("token A", tokenA);
                }
                case PLATFORM -> {
                    wrong.put("admin bearer", adminBearer);
                    wrong.put("admin token raw", "Token " + RunningHub.ADMIN_TOKEN);
                    wrong.put("token A", tokenA);
                }
                case REGISTRATION -> wrong.put("admin bearer", adminBearer);
                case OTHER -> wrong.put("partner token C", tokenC);
            }
            wrong.forEach((credential, authorization) -> {
                Reply reply = call(tally, route, route.path(), authorization);
                // the route exists, so the answer is about the credential: 401 (none or unknown) or 403 (wrong role),
                // before any validation or lookup of the resource could answer 400 or 404
                if (AttackClient.expectRefused(tally, route + " with " + credential, route.ocpi(), reply, false)
                        && reply.http() != 401 && reply.http() != 403) {
                    tally.refused.decrementAndGet();
                    tally.violation(route + " with " + credential + " -> not 401/403, so it reached the resource: "
                            + reply);
                }
            });
        }
        assertThat(tally.violations).as(tally.report(40)).isEmpty();
    }

    @Test
    void pathSpellingsNeverOpenARoute() {
        Tally tally = AttackClient.tally("2 path tricks");
        String tokenC = AttackClient.tokenHeader(fixture.cpo1.tokenC());
        String adminBearer = "Bearer " + RunningHub.ADMIN_TOKEN;
        for (Route route : ROUTES) {
            Map<String, String> wrong = new LinkedHashMap<>();
            wrong.put("none", null);
            if (route.kind() == Kind.OPERATOR) {
                wrong.put("partner token C", tokenC);
            } else if (route.kind() == Kind.PLATFORM) {
                wrong.put("admin bearer", adminBearer);
            }
            // what the route answers its rightful caller (GET only: it changes nothing); a spelling answered the same
            // way without that credential reached the resource, even when the answer is a 404 for an unknown id
            Reply rightful = route.method().equals("GET") ? call(tally, route, route.path(),
                    route.kind() == Kind.OPERATOR ? adminBearer : tokenC) : null;
            for (String path : spellings(route.path())) {
                wrong.forEach((credential, authorization) -> {
                    Reply reply = call(tally, route, path, authorization);
                    String what = route.service() + " " + route.method() + " " + path + " with " + credential;
                    // an OCPI envelope where the spelling still addresses the OCPI tree as written (/ocpi/...);
                    // /OCPI, /ocpi. or a double-encoded /ocpi is no OCPI path, and its 404 is the JSON error
                    boolean ocpi = route.ocpi() && path.startsWith("/ocpi/");
                    if (AttackClient.expectRefused(tally, what, ocpi, reply, true) && rightful != null
                            && sameAnswer(reply, rightful)) {
                        tally.refused.decrementAndGet();
                        tally.violation(what + " -> answered as the route answers its rightful caller: " + reply);
                    }
                });
            }
        }
        assertThat(tally.violations).as(tally.report(40)).isEmpty();
    }

    @Test
    void managementEndpointsAreNotServedOnTheServicePorts() {
        Tally tally = AttackClient.tally("3 management on service port");
        for (String service : RunningHub.SERVICES) {
            for (String path : List.of("/q/health", "/q/health/ready", "/q/metrics", "/q/openapi", "/q/swagger-ui/",
                    "/q/dev-ui/", "/%71/metrics", "/q/%6fpenapi")) {
                Reply reply = AttackClient.send(tally, "GET", hub.url(service) + path, Map.of(), (String) null);
                if (reply.http() >= 200 && reply.http() < 300 || reply.http() >= 500 || reply.http() < 0) {
                    tally.violation(service + " GET " + path + " on the service port -> " + reply);
                } else {
                    tally.refused.incrementAndGet();
                }
            }
        }
        assertThat(tally.violations).as(tally.report(40)).isEmpty();
    }

    /**
     * Ways to spell a path that a router may read as the route while a filter does not: each character of the
     * first segment percent-encoded, double encoding, case, {@code ;param}, a trailing {@code .} or {@code /},
     * {@code //}, {@code /./}, {@code /x/../}, and the second segment's first character encoded or with
     * {@code ;param}.
     */
    static Set<String> spellings(String path) {
        List<String> segments = List.of(path.substring(1).split("/", -1));
        String first = segments.get(0);
        String rest = path.substring(1 + first.length());
        Set<String> spelled = new LinkedHashSet<>();
        for (int i = 0; i < first.length(); i++) {
            spelled.add("/" + first.substring(0, i) + encode(first.charAt(i)) + first.substring(i + 1) + rest);
        }
        spelled.add("/%25" + HexFormat.of().withUpperCase().toHexDigits((byte) first.charAt(0)) + first.substring(1)
                + rest);
        spelled.add("/" + first.toUpperCase(Locale.ROOT) + rest);
        spelled.add("/" + Character.toUpperCase(first.charAt(0)) + first.substring(1) + rest);
        spelled.add("/" + first + ";x=1" + rest);
        spelled.add("/" + first + "." + rest);
        spelled.add("/" + first + "%2F" + rest.substring(Math.min(1, rest.length())));
        spelled.add("//" + first + rest);
        spelled.add("/./" + first + rest);
        spelled.add("/x/../" + first + rest);
        spelled.add("/x/%2e%2e/" + first + rest);
        spelled.add("/%2e/" + first + rest);
        spelled.add(path + "/");
        spelled.add(path + "/.");
        spelled.add(path + ".");
        if (segments.size() > 1 && !segments.get(1).isEmpty()) {
            String second = segments.get(1);
            String tail = path.substring(2 + first.length() + second.length());
            spelled.add("/" + first + "/" + encode(second.charAt(0)) + second.substring(1) + tail);
            spelled.add("/" + first + "/" + second + ";x=1" + tail);
            spelled.add("/" + first + "//" + second + tail);
            spelled.add("/" + first + "/" + second.toUpperCase(Locale.ROOT) + tail);
        }
        spelled.remove(path);
        return spelled;
    }

    /** The same answer, but for the envelope's timestamp; never for a 401/403 or a bodiless answer. */
    private static boolean sameAnswer(Reply reply, Reply rightful) {
        if (reply.http() != rightful.http() || reply.http() == 401 || reply.http() == 403
                || rightful.body() == null || rightful.body().isBlank()) {
            return false;
        }
        if (reply.isEnvelope() && rightful.isEnvelope()) {
            return reply.ocpiStatus() == rightful.ocpiStatus()
                    && reply.json().get().path("status_message").equals(rightful.json().get().path("status_message"));
        }
        return rightful.body().equals(reply.body());
    }

    private static String encode(char c) {
        return "%" + HexFormat.of().withUpperCase().toHexDigits((byte) c);
    }

    private static Reply call(Tally tally, Route route, String path, String authorization) {
        Map<String, String> headers = AttackClient.headers("Authorization", authorization,
                "X-Request-ID", "atk-" + tally.requests.get(), "X-Correlation-ID", "atk-route-matrix");
        if (route.ocpi()) {
            headers.putAll(AttackClient.headers("OCPI-from-country-code", "NL", "OCPI-from-party-id", "AC1",
                    "OCPI-to-country-code", fixture.cpo1.hubCountryCode(), "OCPI-to-party-id",
                    fixture.cpo1.hubPartyId()));
        }
        String body = Set.of("PUT", "POST", "PATCH").contains(route.method()) ? "{}" : null;
        return AttackClient.send(tally, route.method(), hub.url(route.service()) + path, headers, body);
    }
}
