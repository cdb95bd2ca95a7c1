package io.chargeclear.model.ocpi.strict;

/**
 * One reason an OCPI body is refused: the field by its JSON path (e.g. {@code charging_periods[0].dimensions[1].volume})
 * and what is wrong with it.
 */
public record Violation(String field, String problem) {

    @Override
    public String toString() {
        return "field '" + (field.isEmpty() ? "(body)" : field) + "' " + problem;
    }
}
