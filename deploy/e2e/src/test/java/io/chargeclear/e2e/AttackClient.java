package io.chargeclear.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The attacker's HTTP client and score sheet: sends raw requests (paths exactly as written, bodies as bytes),
 * judges each answer against the properties a refusal must have, and counts requests, refusals and violations per
 * category, so the suite reports every broken property at once and its figures can be quoted.
 * <p>
 * A refusal is judged by properties, not by messages: never a 2xx, never a 5xx, a 4xx with a body, and on
 * {@code /ocpi} paths an OCPI envelope ({@code status_code} and {@code timestamp}) without data.
 */
final class AttackClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final Map<String, Tally> TALLIES = new ConcurrentHashMap<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();

    private AttackClient() {
    }

    /** One answer; {@code http} is -1 when the connection failed. */
    record Reply(int http, String body, Map<String, List<String>> headers) {

        Optional<JsonNode> json() {
            if (body == null || body.isBlank()) {
                return Optional.empty();
            }
            try {
                return Optional.of(JSON.readTree(body));
            } catch (IOException notJson) {
                return Optional.empty();
            }
        }

        /** The OCPI envelope's status_code, or -1 when the body is no envelope. */
        int ocpiStatus() {
            return json().map(j -> j.path("status_code")).filter(JsonNode::isInt).map(JsonNode::intValue).orElse(-1);
        }

        boolean isEnvelope() {
            return json().filter(j -> j.path("status_code").isInt() && j.has("timestamp")).isPresent();
        }

        boolean hasData() {
            return json().map(j -> j.path("data")).filter(d -> !d.isMissingNode() && !d.isNull()
                    && !(d.isContainerNode() && d.isEmpty())).isPresent();
        }

        @Override
        public String toString() {
            String shown = body == null ? "" : body.length() > 160 ? body.substring(0, 160) + "..." : body;
            return "HTTP " + http + " " + shown.replaceAll("\\s+", " ");
        }
    }

    /** Requests, refusals as required and violations of one category of the suite. */
    static final class Tally {
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        final AtomicInteger accepted = new AtomicInteger();
        final List<String> violations = java.util.Collections.synchronizedList(new ArrayList<>());

        void violation(String what) {
            violations.add(what);
        }

        /** The violations, at most {@code max} of them spelled out, for an assertion message. */
        String report(int max) {
            synchronized (violations) {
                StringBuilder text = new StringBuilder(violations.size() + " of " + requests.get()
                        + " requests broke a rule:");
                violations.stream().limit(max).forEach(v -> text.append("\n  ").append(v));
                if (violations.size() > max) {
                    text.append("\n  ... and ").append(violations.size() - max).append(" more");
                }
                return text.toString();
            }
        }
    }

    static Tally tally(String category) {
        return TALLIES.computeIfAbsent(category, key -> new Tally());
    }

    static Reply send(Tally tally, String method, String url, Map<String, String> headers, byte[] body) {
        tally.requests.incrementAndGet();
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT);
        } catch (IllegalArgumentException unbuildable) {
            throw new IllegalArgumentException("the suite built an invalid URL: " + url, unbuildable);
        }
        headers.forEach((name, value) -> {
            if (value != null) {
                request.header(name, value);
            }
        });
        if (body != null && headers.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpResponse<String> response = HTTP.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            return new Reply(-1, e.toString(), Map.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Reply send(Tally tally, String method, String url, Map<String, String> headers, String body) {
        return send(tally, method, url, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Checks a request that must be refused: a 4xx with a body, on {@code /ocpi} an OCPI envelope without data and
     * a client-error status code. {@code bodyless404} allows a 404 without a body (a path that matches no route).
     * Records a violation and returns false when the answer breaks one of these.
     */
    static boolean expectRefused(Tally tally, String what, boolean ocpi, Reply reply, boolean bodyless404) {
        List<String> broken = new ArrayList<>();
        if (reply.http() < 400 || reply.http() >= 500) {
            broken.add(reply.http() >= 500 ? "server error" : reply.http() < 0 ? "no answer" : "not refused");
        } else if (!(bodyless404 && reply.http() == 404 && (reply.body() == null || reply.body().isBlank()))) {
            if (reply.body() == null || reply.body().isBlank()) {
                broken.add("refusal without a body");
            } else if (ocpi && !reply.isEnvelope()) {
                broken.add("refusal without an OCPI envelope");
            } else if (ocpi && (reply.ocpiStatus() < 2000 || reply.ocpiStatus() >= 3000)) {
                broken.add("OCPI status " + reply.ocpiStatus() + " is no client error (2xxx)");
            } else if (!ocpi && reply.json().isEmpty()) {
                broken.add("refusal body is not JSON");
            }
        }
        if (reply.hasData()) {
            broken.add("data in the answer");
        }
        if (broken.isEmpty()) {
            tally.refused.incrementAndGet();
            return true;
        }
        tally.violation(what + " -> " + String.join(", ", broken) + ": " + reply);
        return false;
    }

    /** Checks an answer that may accept or refuse but must never fail: below 500 and, on /ocpi, an envelope. */
    static boolean expectHandled(Tally tally, String what, Reply reply) {
        if (reply.http() < 0 || reply.http() >= 500) {
            tally.violation(what + " -> server error or no answer: " + reply);
            return false;
        }
        if (!reply.isEnvelope()) {
            tally.violation(what + " -> no OCPI envelope: " + reply);
            return false;
        }
        if (reply.http() >= 400 || reply.ocpiStatus() != 1000) {
            tally.refused.incrementAndGet();
        } else {
            tally.accepted.incrementAndGet();
        }
        return true;
    }

    static String tokenHeader(String token) {
        return "Token " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, String> headers(String... namesAndValues) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            headers.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    /**
     * Writes the figures of every category so far to {@code target/security-suite-figures.md}, for the security
     * documentation; each test class rewrites it when it ends, so the file holds the whole run.
     */
    static synchronized void writeFigures() {
        StringBuilder text = new StringBuilder("# Attack suite figures\n\nRun ended " + Instant.now()
                + "\n\n| category | requests | refused as required | accepted (fuzz, valid) | violations |\n"
                + "|---|---:|---:|---:|---:|\n");
        int requests = 0;
        int refused = 0;
        int accepted = 0;
        int violations = 0;
        for (Map.Entry<String, Tally> entry : new java.util.TreeMap<>(TALLIES).entrySet()) {
            Tally t = entry.getValue();
            text.append("| ").append(entry.getKey()).append(" | ").append(t.requests.get()).append(" | ")
                    .append(t.refused.get()).append(" | ").append(t.accepted.get()).append(" | ")
                    .append(t.violations.size()).append(" |\n");
            requests += t.requests.get();
            refused += t.refused.get();
            accepted += t.accepted.get();
            violations += t.violations.size();
        }
        text.append("| **total** | ").append(requests).append(" | ").append(refused).append(" | ").append(accepted)
                .append(" | ").append(violations).append(" |\n\n## Violations\n");
        for (Map.Entry<String, Tally> entry : new java.util.TreeMap<>(TALLIES).entrySet()) {
            synchronized (entry.getValue().violations) {
                for (String v : entry.getValue().violations) {
                    text.append("- ").append(entry.getKey()).append(": ").append(v.replace('\n', ' ')).append('\n');
                }
            }
        }
        try {
            Path file = Path.of("target", "security-suite-figures.md");
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
