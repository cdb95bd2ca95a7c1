package io.chargeclear.console.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import org.jboss.logging.Logger;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * One call to a service's operator API, answered as what the page shows: the value, or a sentence saying which
 * service failed and how (its own message when it refused, "unreachable" when no connection could be made, "did not
 * answer in time", or an answer the console could not read). A page shows
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

    /**
     * Calls {@code service} for one thing that may not exist (yet): a 404 answers no value and no problem, so a page
     * can say the step has not happened rather than that the service failed.
     */
    public static <T> Answer<T> find(String service, Supplier<T> call) {
        try {
            return new Answer<>(call.get(), null);
        } catch (WebApplicationException refused) {
            if (refused.getResponse() != null && refused.getResponse().getStatus() == 404) {
                return new Answer<>(null, null);
            }
            return new Answer<>(null, problem(service, refused));
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
            Throwable root = root(e);
            if (root instanceof ConnectException || root instanceof UnknownHostException
                    || root instanceof NoRouteToHostException) {
                LOG.warnf("%s is unreachable: %s", service, describe(root));
                return service + " is unreachable (" + describe(root) + ")";
            }
            if (root instanceof TimeoutException || root instanceof SocketTimeoutException) {
                LOG.warnf("%s did not answer in time: %s", service, describe(root));
                return service + " did not answer in time (" + describe(root) + ")";
            }
            LOG.errorf(e, "the answer of %s could not be read", service);
            return service + " sent an answer the console could not read (" + describe(root) + ")";
        }
        LOG.errorf(e, "calling %s failed", service);
        return "calling " + service + " failed (" + describe(root(e)) + ")";
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

    private static Throwable root(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
