package io.chargeclear.model.ocpi.locations;

/**
 * Category of environmental impact.
 * <p>
 * OCPI 2.2.1 §mod_locations "EnvironmentalImpactCategory enum".
 */
public enum EnvironmentalImpactCategory {
    NUCLEAR_WASTE,
    CARBON_DIOXIDE
}
