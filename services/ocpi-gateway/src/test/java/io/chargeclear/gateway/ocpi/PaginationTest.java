package io.chargeclear.gateway.ocpi;

import io.chargeclear.model.ocpi.OcpiStatus;
import jakarta.ws.rs.core.Response;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class PaginationTest {

    private static final String URL = "https://hub.example.com/ocpi/2.2.1/hubclientinfo";

    @Test
    void absentParametersMeanTheWholeListFromTheStartInPagesOfTheServerMaximum() {
        assertThat(Pagination.parse(null, null, null, null, 100))
                .isEqualTo(new Pagination(0, 100, null, null));
        assertThat(Pagination.parse("", " ", "", null, 100))
                .isEqualTo(new Pagination(0, 100, null, null));
    }

    @Test
    void aLimitAboveTheMaximumIsServedAsTheMaximum() {
        assertThat(Pagination.parse("5", "1000", null, null, 100).limit()).isEqualTo(100);
        assertThat(Pagination.parse("5", "7", null, null, 100)).isEqualTo(new Pagination(5, 7, null, null));
    }

    @Test
    void datesAreOcpiDateTimesWithTheZoneOptional() {
        Pagination p = Pagination.parse(null, null, "2024-01-01T00:00:00Z", "2024-01-02T00:00:00", 10);
        assertThat(p.dateFrom()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(p.dateTo()).isEqualTo(Instant.parse("2024-01-02T00:00:00Z"));
    }

    @Test
    void badParametersAre400With2001NamingTheParameter() {
        assertInvalid(() -> Pagination.parse("-1", null, null, null, 10), "'offset'");
        assertInvalid(() -> Pagination.parse("abc", null, null, null, 10), "'offset'");
        assertInvalid(() -> Pagination.parse("99999999999", null, null, null, 10), "'offset'");
        assertInvalid(() -> Pagination.parse(null, "0", null, null, 10), "'limit'");
        assertInvalid(() -> Pagination.parse(null, "-3", null, null, 10), "'limit'");
        assertInvalid(() -> Pagination.parse(null, "ten", null, null, 10), "'limit'");
        assertInvalid(() -> Pagination.parse(null, null, "yesterday", null, 10), "'date_from'");
        assertInvalid(() -> Pagination.parse(null, null, null, "2024-13-01T00:00:00Z", 10), "'date_to'");
    }

    @Test
    void headersCarryTheTotalTheServerMaximumAndTheNextPageWithTheSameFilters() {
        Pagination p = new Pagination(0, 2, Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-02-01T10:00:00Z"));
        assertThat(p.headers(URL, 5, 100)).containsExactly(
                entry(Pagination.TOTAL_COUNT, "5"),
                entry(Pagination.X_LIMIT, "100"),
                entry(Pagination.LINK, "<" + URL
                        + "?date_from=2024-01-01T00%3A00%3A00Z&date_to=2024-02-01T10%3A00%3A00Z&offset=2&limit=2>;"
                        + " rel=\"next\""));
    }

    @Test
    void theLastPageHasNoLink() {
        assertThat(new Pagination(4, 2, null, null).headers(URL, 5, 100))
                .containsOnlyKeys(Pagination.TOTAL_COUNT, Pagination.X_LIMIT);
        assertThat(new Pagination(3, 2, null, null).nextUrl(URL, 5)).isEmpty();
        assertThat(new Pagination(2, 2, null, null).nextUrl(URL, 5)).hasValue(URL + "?offset=4&limit=2");
        assertThat(new Pagination(0, 10, null, null).nextUrl(URL, 0)).isEmpty();
    }

    @Test
    void theLastIndexNeverOverflows() {
        assertThat(new Pagination(10, 5, null, null).lastIndex()).isEqualTo(14);
        assertThat(new Pagination(Integer.MAX_VALUE, 100, null, null).lastIndex()).isEqualTo(Integer.MAX_VALUE);
        assertThat(new Pagination(Integer.MAX_VALUE, 100, null, null).nextUrl(URL, Long.MAX_VALUE)).isEmpty();
    }

    private static void assertInvalid(ThrowingCallable parse, String name) {
        assertThatThrownBy(parse).isInstanceOfSatisfying(OcpiException.class, e -> {
            assertThat(e.http()).isEqualTo(Response.Status.BAD_REQUEST);
            assertThat(e.status()).isEqualTo(OcpiStatus.INVALID_OR_MISSING_PARAMETERS);
            assertThat(e.getMessage()).contains(name);
        });
    }
}
