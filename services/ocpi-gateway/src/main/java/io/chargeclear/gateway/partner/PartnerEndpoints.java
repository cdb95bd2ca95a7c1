package io.chargeclear.gateway.partner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.chargeclear.model.ocpi.OcpiJson;
import io.chargeclear.model.ocpi.versions.Endpoint;
import io.chargeclear.model.ocpi.versions.InterfaceRole;
import io.chargeclear.model.ocpi.versions.ModuleID;

import java.util.List;
import java.util.Optional;

/** The 2.2.1 endpoints a partner published: where the hub calls it for a module and interface role. */
public record PartnerEndpoints(List<Endpoint> endpoints) {

    public static PartnerEndpoints parse(String json) {
        try {
            return new PartnerEndpoints(OcpiJson.mapper().readValue(json, new TypeReference<List<Endpoint>>() { }));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored partner endpoints are not readable", e);
        }
    }

    public static String write(List<Endpoint> endpoints) {
        try {
            return OcpiJson.mapper().writeValueAsString(endpoints);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write partner endpoints", e);
        }
    }

    public Optional<String> url(String module, InterfaceRole role) {
        return endpoints.stream()
                .filter(e -> e.identifier().name().equalsIgnoreCase(module) && e.role() == role)
                .map(Endpoint::url)
                .findFirst();
    }

    public boolean has(ModuleID module, InterfaceRole role) {
        return url(module.name(), role).isPresent();
    }

    /**
     * {@code base} and {@code suffix} joined by exactly one slash (OCPI writes {@code {url}{token_uid}/authorize},
     * assuming endpoint URLs end with a slash; partners publish them both ways). A suffix starting with {@code ?}
     * or empty is appended as is.
     */
    public static String join(String base, String suffix) {
        if (suffix == null || suffix.isEmpty() || suffix.startsWith("?")) {
            return base + (suffix == null ? "" : suffix);
        }
        String left = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        String right = suffix.startsWith("/") ? suffix.substring(1) : suffix;
        return left + "/" + right;
    }
}
