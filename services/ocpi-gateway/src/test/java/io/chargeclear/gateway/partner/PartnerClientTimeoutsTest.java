package io.chargeclear.gateway.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.vertx.mutiny.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The partner HTTP client against loopback servers that misbehave at the TCP level: one that accepts connections
 * and never answers is cut off, one that is not listening is reported as not reached, and a request that cannot be
 * written as it is never leaves the hub.
 */
class PartnerClientTimeoutsTest {

    /** Generous bound for the test to end at all; the client's own deadlines are far shorter. */
    private static final Duration TEST_BOUND = Duration.ofSeconds(30);

    private Vertx vertx;
    private PartnerClient client;
    private SilentServer silent;

    @BeforeEach
    void start() throws IOException {
        vertx = Vertx.vertx();
        client = new PartnerClient(vertx, Duration.ofSeconds(2), Duration.ofMillis(500));
        silent = new SilentServer();
    }

    @AfterEach
    void stop() throws IOException {
        silent.close();
        vertx.closeAndAwait();
    }

    @Test
    void aPartnerThatAcceptsAndNeverAnswersIsCutOffAsATimeout() {
        Throwable failure = catchThrowable(() -> client.call("PUT", silent.url("/ocpi/locations/NL/CPO/1"), "token-b",
                false, Map.of(), "{}", Duration.ofSeconds(5)).await().atMost(TEST_BOUND));

        assertThat(failure).isInstanceOf(PartnerCallException.class);
        PartnerCallException call = (PartnerCallException) failure;
        assertThat(call.timedOut()).as(call.getMessage()).isTrue();
        assertThat(call.reached()).isTrue();
        assertThat(silent.accepted.get()).isEqualTo(1);
    }

    @Test
    void theCallsOwnDeadlineAlsoCutsOffASilentPartner() {
        PartnerClient patient = new PartnerClient(vertx, Duration.ofSeconds(2), Duration.ofMinutes(10));

        Throwable failure = catchThrowable(() -> patient.call("GET", silent.url("/ocpi/versions"), "token-b", false,
                Map.of(), null, Duration.ofMillis(700)).await().atMost(TEST_BOUND));

        assertThat(failure).isInstanceOf(PartnerCallException.class);
        assertThat(((PartnerCallException) failure).timedOut()).isTrue();
    }

    @Test
    void aPartnerNotListeningIsNotReached() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }

        Throwable failure = catchThrowable(() -> client.call("GET", "http://127.0.0.1:" + closedPort + "/ocpi/versions",
                "token-b", false, Map.of(), null, Duration.ofSeconds(5)).await().atMost(TEST_BOUND));

        assertThat(failure).isInstanceOf(PartnerCallException.class);
        assertThat(((PartnerCallException) failure).reached()).isFalse();
    }

    @Test
    void aHeaderWithALineBreakIsNeverSent() {
        Throwable failure = catchThrowable(() -> client.call("POST", silent.url("/cb"), "token-b", false,
                Map.of("X-Correlation-ID", "abc\r\nX-Injected: 1"), "{}", Duration.ofSeconds(5))
                .await().atMost(TEST_BOUND));

        assertThat(failure).isInstanceOf(UnbuildableRequestException.class);
        assertThat(silent.accepted.get()).isZero();
    }

    @Test
    void anUnencodedIdInTheUrlIsNeverSent() {
        for (String url : List.of(silent.url("/ocpi/locations/NL/CPO/a b"), silent.url("/ocpi/locations/NL/CPO/a\r\nb"),
                silent.url("/ocpi/locations/NL/CPO/%2e%2e"), "file:///etc/passwd")) {
            Throwable failure = catchThrowable(() -> client.call("PUT", url, "token-b", false, Map.of(), "{}",
                    Duration.ofSeconds(5)).await().atMost(TEST_BOUND));
            assertThat(failure).as(url).isInstanceOf(UnbuildableRequestException.class);
        }
        assertThat(silent.accepted.get()).isZero();
    }

    /** Accepts connections on a loopback port, reads what comes, and never writes a byte. */
    private static final class SilentServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final AtomicInteger accepted = new AtomicInteger();
        private final List<Socket> open = new CopyOnWriteArrayList<>();

        SilentServer() throws IOException {
            Thread acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket connection = socket.accept();
                        accepted.incrementAndGet();
                        open.add(connection);
                        Thread reader = new Thread(() -> drain(connection));
                        reader.setDaemon(true);
                        reader.start();
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "silent-partner");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + socket.getLocalPort() + path;
        }

        private static void drain(Socket connection) {
            try (InputStream in = connection.getInputStream()) {
                while (in.read() >= 0) {
                    // keep reading, never answer
                }
            } catch (IOException e) {
                // the client gave up: that is the point
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket connection : open) {
                connection.close();
            }
        }
    }
}
