package io.chargeclear.console.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import org.jboss.logging.Logger;

import java.util.function.Supplier;

/**
 * One call to a service's operator API, answered as what the page shows: the value, or a sentence saying which
 * service failed and how (its own message when it sent one, "unreachable" when it did not answer). A page shows
 * the sentence where the figures would be; it never fails as a whole because one service is down.
 */
public final class Upstream {

    private static final Logger LOG = Logger.getLogger(Upstream.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private Upstream() {
    }

    /** A value, or why there is none. */
    public record Answer<T>(T value, String problem) {

        public boolean failed() {
            return problem != null;
        }
    }

    /** Calls {@code service} and answers its value or the reason it has none. */
    public static <T> Answer<T> ask(String service, Supplier<T> call) {
        try {
            return new Answer<>(call.get(), null);
        } catch (RuntimeException e) {
            return new Answer<>(null, problem(service, e));
        }
    }

    /** The sentence an operator reads when {@code service} refused or failed a call. */
    public static String problem(String service, RuntimeException e) {
        if (e instanceof WebApplicationException refused && refused.getResponse() != null) {
            int status = refused.getResponse().getStatus();
            String message = messageOf(refused);
            LOG.debugf("%s answered HTTP %d: %s", service, status, message);
            return service + " answered HTTP " + status + (message == null ? "" : ": " + message);
        }
        if (e instanceof ProcessingException) {
            LOG.warnf("%s did not answer: %s", service, e.getMessage());
            return service + " is unreachable (" + rootCause(e) + ")";
        }
        LOG.errorf(e, "calling %s failed", service);
        return "calling " + service + " failed (" + rootCause(e) + ")";
    }

    /** The operator API's {@code {"status", "message"}} body, when the service sent one. */
    private static String messageOf(WebApplicationException refused) {
        try {
            String body = refused.getResponse().readEntity(String.class);
            if (body == null || body.isBlank()) {
                return null;
            }
            JsonNode json = JSON.readTree(body);
            return json.hasNonNull("message") ? json.get("message").asText() : null;
        } catch (RuntimeException | java.io.IOException unreadable) {
            return null;
        }
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
