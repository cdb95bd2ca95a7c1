package io.chargeclear.gateway.ocpi;

import io.chargeclear.model.ocpi.OcpiDateTimeDeserializer;
import io.chargeclear.model.ocpi.OcpiStatus;
import jakarta.ws.rs.core.Response;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The paging and date filter of an OCPI "GET list" on a Sender interface (OCPI 2.2.1 §transport_and_format
 * "Pagination"): the four query parameters read and checked once, and the response headers derived from them.
 * Every list module uses it, so it knows nothing of JAX-RS resources or persistence: parse the raw query
 * strings with {@link #parse}, query with {@link #offset()}, {@link #limit()}, {@link #dateFrom()} (inclusive)
 * and {@link #dateTo()} (exclusive) over {@code last_updated} in a stable, oldest-first order, then answer
 * {@link #headers}.
 *
 * @param offset   index of the first object of the page, 0 when not asked for
 * @param limit    page size: the requested one capped at the server maximum, the maximum when not asked for
 * @param dateFrom only objects with {@code last_updated} at or after it; null for no lower bound
 * @param dateTo   only objects with {@code last_updated} before it; null for no upper bound
 */
public record Pagination(int offset, int limit, Instant dateFrom, Instant dateTo) {

    public static final String OFFSET = "offset";
    public static final String LIMIT = "limit";
    public static final String DATE_FROM = "date_from";
    public static final String DATE_TO = "date_to";

    public static final String LINK = "Link";
    public static final String TOTAL_COUNT = "X-Total-Count";
    public static final String X_LIMIT = "X-Limit";

    public Pagination {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset must be >= 0 and limit >= 1");
        }
    }

    /**
     * Reads the query parameters as the client sent them (null when absent). A {@code limit} above
     * {@code maxLimit} is served as {@code maxLimit}: the server may return fewer objects than asked for.
     *
     * @throws OcpiException HTTP 400 with OCPI 2001 naming the parameter: a negative or non-numeric offset, a
     *                       limit below 1 or non-numeric, or a date that is not an OCPI DateTime
     */
    public static Pagination parse(String offset, String limit, String dateFrom, String dateTo, int maxLimit) {
        if (maxLimit < 1) {
            throw new IllegalArgumentException("the server's maximum page size must be >= 1, not " + maxLimit);
        }
        int from = present(offset) ? integer(OFFSET, offset, 0) : 0;
        int size = present(limit) ? Math.min(integer(LIMIT, limit, 1), maxLimit) : maxLimit;
        return new Pagination(from, size, dateTime(DATE_FROM, dateFrom), dateTime(DATE_TO, dateTo));
    }

    /** Index of the last object of this page, for range queries; never overflows. */
    public int lastIndex() {
        return (int) Math.min(Integer.MAX_VALUE, (long) offset + limit - 1);
    }

    /**
     * The URL of the next page: {@code listUrl} with the same date filters and limit and the offset moved on by
     * one page; empty when this page reaches the end of the {@code total} matching objects.
     */
    public Optional<String> nextUrl(String listUrl, long total) {
        long next = (long) offset + limit;
        if (next >= total || next > Integer.MAX_VALUE) {
            return Optional.empty();
        }
        List<String> query = new ArrayList<>();
        if (dateFrom != null) {
            query.add(DATE_FROM + "=" + encode(dateFrom.toString()));
        }
        if (dateTo != null) {
            query.add(DATE_TO + "=" + encode(dateTo.toString()));
        }
        query.add(OFFSET + "=" + next);
        query.add(LIMIT + "=" + limit);
        return Optional.of(listUrl + (listUrl.contains("?") ? "&" : "?") + String.join("&", query));
    }

    /**
     * The response headers of this page: {@code X-Total-Count} (objects matching the date filters, regardless
     * of offset and limit), {@code X-Limit} (the server maximum, even on a shorter page) and, unless this is the
     * last page, {@code Link: <next url>; rel="next"}.
     */
    public Map<String, String> headers(String listUrl, long total, int maxLimit) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(TOTAL_COUNT, Long.toString(total));
        headers.put(X_LIMIT, Integer.toString(maxLimit));
        nextUrl(listUrl, total).ifPresent(url -> headers.put(LINK, "<" + url + ">; rel=\"next\""));
        return headers;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static int integer(String name, String value, int min) {
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min) {
                return parsed;
            }
        } catch (NumberFormatException notAnInteger) {
            // reported below, like an out-of-range number
        }
        throw invalid(name, "must be an integer of at least " + min + ", got '" + value + "'");
    }

    private static Instant dateTime(String name, String value) {
        if (!present(value)) {
            return null;
        }
        try {
            return OcpiDateTimeDeserializer.parse(value);
        } catch (DateTimeException e) {
            throw invalid(name, "must be an OCPI DateTime (RFC 3339 UTC, e.g. 2015-06-29T20:39:09Z), got '"
                    + value + "'");
        }
    }

    private static OcpiException invalid(String name, String problem) {
        return new OcpiException(Response.Status.BAD_REQUEST, OcpiStatus.INVALID_OR_MISSING_PARAMETERS,
                "invalid query parameter '" + name + "': " + problem);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
