package io.chargeclear.gateway.security;

import io.chargeclear.gateway.messaging.CredentialsView;
import io.chargeclear.kit.directory.PartyDirectory;
import io.chargeclear.model.event.PlatformChanged;
import io.chargeclear.model.event.PlatformChanged.IssuedCredential;
import io.chargeclear.model.event.PlatformChanged.PlatformStatus;
import io.chargeclear.model.ocpi.TokenHeader;
import io.chargeclear.testkit.LocalInfraResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Partners are authenticated from memory (ADR 0018), and memory never answers with what a commit already changed:
 * the request right after a suspension or a token rotation committed on this replica is judged by the new state; a
 * change committed through another connection (another replica) arrives with its notification; and what was missed
 * while the listening connection was down is loaded when it reconnects.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, scope = TestResourceScope.GLOBAL)
class ReferenceDataTest {

    @Inject
    PartyDirectory directory;

    @Inject
    CredentialsView credentials;

    @Test
    void theRequestRightAfterASuspensionIsRefusedAndTheOneAfterReactivationAccepted() throws Throwable {
        String platform = UUID.randomUUID().toString();
        String token = "ref-c-" + UUID.randomUUID();
        long revision = 0;
        for (int round = 0; round < 5; round++) {
            apply(snapshot(platform, ++revision, PlatformStatus.ACTIVE, token));
            assertThat(versions(token).statusCode()).as("round %d, active", round).isEqualTo(200);

            apply(snapshot(platform, ++revision, PlatformStatus.SUSPENDED, token));
            Response refused = versions(token);
            assertThat(refused.statusCode()).as("round %d, suspended", round).isEqualTo(401);
            assertThat(refused.asString()).contains("suspended");
        }
    }

    @Test
    void afterATokenRotationTheOldTokenIsRefusedAtOnceAndTheNewOneAccepted() throws Throwable {
        String platform = UUID.randomUUID().toString();
        String current = "ref-c-" + UUID.randomUUID();
        apply(snapshot(platform, 1, PlatformStatus.ACTIVE, current));
        assertThat(versions(current).statusCode()).isEqualTo(200);
        for (int revision = 2; revision < 8; revision++) {
            String next = "ref-c-" + UUID.randomUUID();
            long handshakeRevision = revision;
            onVertx(() -> Panache.withTransaction(() -> credentials.applyHandshake(platform, handshakeRevision, false,
                    List.of(new IssuedCredential(TokenHeader.sha256(next), "C", null)))));

            assertThat(versions(current).statusCode()).as("old token, revision %d", revision).isEqualTo(401);
            assertThat(versions(next).statusCode()).as("new token, revision %d", revision).isEqualTo(200);
            current = next;
        }
    }

    @Test
    void aChangeCommittedThroughAnotherConnectionReachesMemoryWithItsNotification() throws Throwable {
        String platform = UUID.randomUUID().toString();
        String token = "ref-c-" + UUID.randomUUID();
        apply(snapshot(platform, 1, PlatformStatus.ACTIVE, token));
        assertThat(versions(token).statusCode()).isEqualTo(200);

        try (Connection db = db()) {
            suspendBehindTheGatewaysBack(db, platform);
            // nothing announced it: the gateway still answers from memory, it did not read the row
            assertThat(versions(token).statusCode()).isEqualTo(200);

            // another replica commits the same kind of change, announced in its transaction
            db.setAutoCommit(false);
            suspendBehindTheGatewaysBack(db, platform);
            try (PreparedStatement announce = db.prepareStatement("select pg_notify('ref_platform_credential', ?)")) {
                announce.setString(1, platform);
                announce.execute();
            }
            db.commit();
        }
        awaitRefused(token);
    }

    @Test
    void whatChangedWhileTheListenerWasDisconnectedIsLoadedWhenItReconnects() throws Throwable {
        String platform = UUID.randomUUID().toString();
        String token = "ref-c-" + UUID.randomUUID();
        apply(snapshot(platform, 1, PlatformStatus.ACTIVE, token));
        assertThat(versions(token).statusCode()).isEqualTo(200);

        try (Connection db = db()) {
            suspendBehindTheGatewaysBack(db, platform);
            assertThat(versions(token).statusCode()).isEqualTo(200);
            try (PreparedStatement cut = db.prepareStatement("select count(pg_terminate_backend(pid))"
                    + " from pg_stat_activity where datname = current_database() and query ilike 'listen%'")) {
                cut.execute();
            }
        }
        awaitRefused(token);
    }

    private static void suspendBehindTheGatewaysBack(Connection db, String platform) throws SQLException {
        try (PreparedStatement update = db.prepareStatement("update ocpi_gateway.platform_credential"
                + " set platform_status = 'SUSPENDED' where platform_id = ?")) {
            update.setString(1, platform);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    private static void awaitRefused(String token) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(() -> versions(token).statusCode() == 401);
        assertThat(versions(token).asString()).contains("suspended");
    }

    private void apply(PlatformChanged snapshot) throws Throwable {
        onVertx(() -> Panache.withTransaction(() -> directory.apply(snapshot)));
    }

    private static <T> T onVertx(Supplier<io.smallrye.mutiny.Uni<T>> work) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(work);
    }

    private static PlatformChanged snapshot(String platform, long revision, PlatformStatus status, String tokenC) {
        return new PlatformChanged(platform, "Reference data test", status, revision, false,
                List.of(new PlatformChanged.Party("NL", "R" + platform.substring(0, 2).toUpperCase(), "CPO", "R")),
                List.of(new IssuedCredential(TokenHeader.sha256(tokenC), "C", null)), Instant.now());
    }

    private static Response versions(String token) {
        return given().header("Authorization", TokenHeader.encode(token)).get("/ocpi/versions");
    }

    private static Connection db() throws SQLException {
        return DriverManager.getConnection(LocalInfraResource.jdbcUrl(), LocalInfraResource.username(),
                LocalInfraResource.password());
    }
}
