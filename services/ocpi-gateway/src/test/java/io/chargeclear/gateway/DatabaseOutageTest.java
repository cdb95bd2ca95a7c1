package io.chargeclear.gateway;

import io.chargeclear.testkit.LocalInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * While the gateway's database cannot be reached (its connections terminated and new ones refused), partners get a
 * retryable refusal, never a 500: HTTP 503 with Retry-After and an OCPI 3000 envelope saying to retry later under
 * /ocpi, a 503 JSON error on the operator API; once the database takes connections again, the same requests are
 * answered as usual without restarting anything.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, scope = TestResourceScope.GLOBAL)
class DatabaseOutageTest {

    @Test
    void whileTheDatabaseIsUnreachableRequestsGetARetryableRefusalAndThenAnswersAgain() throws SQLException {
        String token = "Token " + Base64.getEncoder().encodeToString(("unknown-" + UUID.randomUUID()).getBytes());
        try (Connection db = DriverManager.getConnection(LocalInfraResource.jdbcUrl(), LocalInfraResource.username(),
                LocalInfraResource.password()); Statement sql = db.createStatement()) {
            String database = db.getCatalog();
            try {
                sql.execute("alter database " + database + " connection limit 0");
                sql.execute("select pg_terminate_backend(pid) from pg_stat_activity"
                        + " where application_name = 'vertx-pg-client'");

                Response ocpi = given().header("Authorization", token).get("/ocpi/2.2.1/sender/locations");
                assertThat(ocpi.statusCode()).as(ocpi.asString()).isEqualTo(503);
                assertThat(ocpi.header("Retry-After")).isNotBlank();
                assertThat(ocpi.jsonPath().getInt("status_code")).isBetween(3000, 3999);
                assertThat(ocpi.jsonPath().getString("status_message")).contains("retry later");
                assertThat(ocpi.jsonPath().getString("timestamp")).isNotBlank();

                Response admin = given().header("Authorization", "Bearer chargeclear-dev-admin")
                        .get("/admin/dead-letters");
                assertThat(admin.statusCode()).as(admin.asString()).isEqualTo(503);
                assertThat(admin.jsonPath().getString("message")).contains("retry later");
            } finally {
                sql.execute("alter database " + database + " connection limit -1");
            }
        }
        Response back = given().header("Authorization", token).get("/ocpi/2.2.1/sender/locations");
        assertThat(back.statusCode()).as(back.asString()).isEqualTo(401);
        assertThat(given().header("Authorization", "Bearer chargeclear-dev-admin").get("/admin/dead-letters")
                .statusCode()).isEqualTo(200);
    }
}
