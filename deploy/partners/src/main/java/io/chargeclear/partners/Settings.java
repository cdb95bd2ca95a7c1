package io.chargeclear.partners;

import java.util.Map;
import java.util.Optional;

/**
 * Where the hub runs and how to reach its operator API, read from the environment with the local hub's defaults,
 * so the demo works against {@code scripts/hub up} without any setting and against another hub with six.
 *
 * @param gatewayUrl  the OCPI gateway's base URL ({@code CHARGECLEAR_GATEWAY_URL})
 * @param registryUrl the party registry's base URL ({@code CHARGECLEAR_REGISTRY_URL})
 * @param ratingUrl   cdr-rating's base URL ({@code CHARGECLEAR_RATING_URL})
 * @param settlementUrl settlement's base URL ({@code CHARGECLEAR_SETTLEMENT_URL})
 * @param trackingUrl session tracking's base URL ({@code CHARGECLEAR_TRACKING_URL})
 * @param adminToken  the operator API's bearer token ({@code CHARGECLEAR_ADMIN_TOKEN})
 * @param partnersEnvFile where {@code --stay} writes the partners' token C headers as shell variables
 *                    ({@code CHARGECLEAR_PARTNERS_ENV}; {@code scripts/partners} sets it), or null for nowhere
 */
public record Settings(String gatewayUrl, String registryUrl, String ratingUrl, String settlementUrl,
                       String trackingUrl, String adminToken, String partnersEnvFile) {

    /** The settings from {@code environment}, falling back to the local hub's defaults. */
    public static Settings from(Map<String, String> environment) {
        return new Settings(
                withoutTrailingSlash(environment.getOrDefault("CHARGECLEAR_GATEWAY_URL", "http://localhost:8080")),
                withoutTrailingSlash(environment.getOrDefault("CHARGECLEAR_REGISTRY_URL", "http://localhost:8081")),
                withoutTrailingSlash(environment.getOrDefault("CHARGECLEAR_RATING_URL", "http://localhost:8083")),
                withoutTrailingSlash(environment.getOrDefault("CHARGECLEAR_SETTLEMENT_URL", "http://localhost:8084")),
                withoutTrailingSlash(environment.getOrDefault("CHARGECLEAR_TRACKING_URL", "http://localhost:8082")),
                environment.getOrDefault("CHARGECLEAR_ADMIN_TOKEN", "chargeclear-dev-admin"),
                environment.get("CHARGECLEAR_PARTNERS_ENV"));
    }

    /** The file {@code --stay} writes the partners' variables to, if any. */
    public Optional<String> partnersEnv() {
        return Optional.ofNullable(partnersEnvFile).filter(file -> !file.isBlank());
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
