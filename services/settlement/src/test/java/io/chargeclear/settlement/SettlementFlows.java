package io.chargeclear.settlement;

import io.chargeclear.model.ocpi.TokenHeader;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;

/**
 * What the settlement flow tests share: runs are global and follow each other, so a test settles the day after the
 * last run ({@link #nextDay}) and reads only its own parties, named with {@link #letters} ({@code NL*S} + two letters).
 */
final class SettlementFlows {

    static final Instant FIRST_DAY = Instant.parse("2026-01-01T00:00:00Z");
    private static final AtomicInteger NEXT = new AtomicInteger(ThreadLocalRandom.current().nextInt(26 * 26));

    private SettlementFlows() {
    }

    /** The day after the last run's period, or {@link #FIRST_DAY} before any run. */
    static Instant nextDay() {
        List<String> ends = admin().get("/admin/settlement/runs").then().statusCode(200).extract().path("period_end");
        return ends.isEmpty() ? FIRST_DAY : Instant.parse(ends.get(ends.size() - 1));
    }

    static Response run(Instant start, Instant end) {
        return admin().body(Map.of("period_start", start.toString(), "period_end", end.toString()))
                .post("/admin/settlement/runs");
    }

    /** The run of the day starting at {@code day}. */
    static Response run(Instant day) {
        return run(day, day.plus(1, ChronoUnit.DAYS));
    }

    /** A Groovy GPath condition: the party object at {@code path} is {@code party} ({@code CC*PID}). */
    static String is(String path, String party) {
        return "(" + path + ".country_code == '" + party.substring(0, 2) + "' && " + path + ".party_id == '"
                + pid(party) + "')";
    }

    static String pid(String party) {
        return party.substring(3);
    }

    /** The amount of the money object {@code field} of {@code holder}, as a number. */
    static BigDecimal amount(Map<String, Object> holder, String field) {
        return new BigDecimal(amountText(holder, field));
    }

    /** The amount of the money object {@code field} of {@code holder}, exactly as the API writes it. */
    @SuppressWarnings("unchecked")
    static String amountText(Map<String, Object> holder, String field) {
        return (String) ((Map<String, Object>) holder.get(field)).get("amount");
    }

    static RequestSpecification asPlatform(String tokenC) {
        return given().header("Authorization", TokenHeader.encode(tokenC)).contentType("application/json");
    }

    static RequestSpecification admin() {
        return given().header("Authorization", "Bearer chargeclear-dev-admin").contentType("application/json");
    }

    /** Two letters, different for each call of the run (up to 676), to name a test's parties. */
    static String letters() {
        int n = NEXT.getAndIncrement() % (26 * 26);
        return "" + (char) ('A' + n / 26) + (char) ('A' + n % 26);
    }
}
