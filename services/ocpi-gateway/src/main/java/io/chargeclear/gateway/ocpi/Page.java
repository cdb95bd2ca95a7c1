package io.chargeclear.gateway.ocpi;

import java.util.List;

/**
 * One page of an OCPI "GET list" (OCPI 2.2.1 §transport_and_format "Pagination"): the objects of the page and
 * how many match the date filters across all pages, which {@link Pagination#headers} turns into
 * {@code X-Total-Count} and the {@code Link} to the next page.
 *
 * @param <T>   the object type, e.g. {@code ClientInfo}
 * @param items the objects from the requested offset, at most the page's limit
 * @param total the number of objects matching the filters, ignoring offset and limit
 */
public record Page<T>(List<T> items, long total) {

    public Page {
        items = List.copyOf(items);
    }
}
