package io.chargeclear.rating.domain;

/**
 * Whether a tariff's prices include taxes (OCPI 2.3.0 §mod_tariffs "TaxIncluded", field {@code tax_included},
 * mandatory in 2.3.0). An OCPI 2.2.1 tariff has no such field: the engine gets {@code null} for it and rates it as it
 * always did, prices excluding VAT and a component without {@code vat} untaxed (docs/adr/0026-taxes-in-rating.md).
 */
public enum TaxIncluded {

    /** Prices are before taxes; a component's {@code vat} gives the tax, and without it the tariff states none. */
    NO,
    /** Prices include taxes; a component's {@code vat} says which part is tax, and without it the split is unknown. */
    YES,
    /** No taxes apply: prices are before and after taxes at once. */
    NOT_APPLICABLE;

    /** The value of an OCPI 2.3.0 {@code tax_included} field ({@code YES}, {@code NO}, {@code N/A}). */
    public static TaxIncluded fromOcpi(String value) {
        return switch (value) {
            case "NO" -> NO;
            case "YES" -> YES;
            case "N/A" -> NOT_APPLICABLE;
            default -> throw new IllegalArgumentException("tax_included must be YES, NO or N/A, was " + value);
        };
    }
}
