package io.chargeclear.rating.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.chargeclear.kit.agreement.Agreement;
import io.chargeclear.kit.agreement.AgreementBook;
import io.chargeclear.model.event.AgreementChanged.HubFee;
import io.chargeclear.model.event.OcpiParty;
import io.chargeclear.model.ocpi.OcpiJson;
import io.chargeclear.model.ocpi.cdrs.CDR;
import io.chargeclear.model.ocpi.cdrs.ChargingPeriod;
import io.chargeclear.model.ocpi.tariffs.Tariff;
import io.chargeclear.rating.domain.CdrPricer;
import io.chargeclear.rating.domain.TaxIncluded;
import io.chargeclear.rating.persistence.LocationView;
import io.chargeclear.rating.persistence.TariffVersion;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What rating a CDR needs besides the CDR, from this service's views (docs/adr/0009): the tariff version in effect
 * at session start, the location's time zone, and the fee terms between the CPO and the eMSP (from the service kit's
 * agreement book, docs/adr/0017). Runs in the caller's session.
 */
@ApplicationScoped
public class RatingLookups {

    private static final Logger LOG = Logger.getLogger(RatingLookups.class);

    private final AgreementBook book;

    public RatingLookups(AgreementBook book) {
        this.book = book;
    }

    /** A tariff version chosen for a CDR; {@code taxIncluded} is null for an OCPI 2.2.1 tariff. */
    public record ChosenTariff(Tariff tariff, Instant version, TaxIncluded taxIncluded) {
    }

    /**
     * The tariff rating looked for and what it found.
     *
     * @param tariffId the id looked for; null when neither the CDR, its location nor its embedded tariffs name one
     * @param chosen   the version in effect; null when no usable version of that tariff is known
     */
    public record TariffLookup(String tariffId, ChosenTariff chosen) {
    }

    /**
     * The CDR's tariff: the id its charging periods name, else the tariff ids of its connector at the stored
     * location, else the first tariff the CDR embeds. Of that tariff's versions, a per-receiver version pushed to
     * the CDR's eMSP wins over the one for everyone; of those, the newest with {@code last_updated} at or before
     * session start, or the oldest if the hub learned the tariff only later. A deleted tariff is no tariff.
     */
    public Uni<TariffLookup> tariff(CDR cdr) {
        return LocationView.<LocationView>findById(new LocationView.Key(cdr.countryCode(), cdr.partyId(),
                        cdr.cdrLocation().id()))
                .flatMap(location -> {
                    List<String> ids = tariffIds(cdr, location);
                    if (ids.isEmpty()) {
                        return Uni.createFrom().item(new TariffLookup(null, null));
                    }
                    return TariffVersion.<TariffVersion>list("countryCode = ?1 and partyId = ?2 and tariffId = ?3",
                                    cdr.countryCode(), cdr.partyId(), ids.get(0))
                            .map(versions -> new TariffLookup(ids.get(0),
                                    choose(versions, emspKey(cdr), cdr.startDateTime())));
                });
    }

    /** The location's time zone, or null when the hub does not know the location. */
    public Uni<ZoneId> timeZone(CDR cdr) {
        return LocationView.<LocationView>findById(new LocationView.Key(cdr.countryCode(), cdr.partyId(),
                        cdr.cdrLocation().id()))
                .map(location -> {
                    if (location == null) {
                        return null;
                    }
                    try {
                        return ZoneId.of(location.timeZone);
                    } catch (DateTimeException e) {
                        return null;
                    }
                });
    }

    /**
     * The fee in effect at session start: the pair's agreement in effect then (an agreement ended later still
     * governs the session), else open-market standard terms, else null. Read from memory.
     */
    public Uni<CdrPricer.Fee> fee(CDR cdr) {
        OcpiParty cpo = new OcpiParty(cdr.countryCode(), cdr.partyId());
        OcpiParty emsp = new OcpiParty(cdr.cdrToken().countryCode(), cdr.cdrToken().partyId());
        CdrPricer.Fee fee = book.inEffect(cpo, emsp, cdr.startDateTime())
                .map(RatingLookups::fee)
                .orElseGet(() -> book.standardTerms()
                        .filter(terms -> terms.openMarket())
                        .map(terms -> fee(null, terms.hubFee()))
                        .orElse(null));
        return Uni.createFrom().item(fee);
    }

    private static CdrPricer.Fee fee(Agreement agreement) {
        return fee(agreement.agreementId(), agreement.hubFee());
    }

    private static CdrPricer.Fee fee(String agreementId, HubFee hubFee) {
        return new CdrPricer.Fee(agreementId, hubFee == null ? null : hubFee.percent(),
                hubFee == null ? List.of() : hubFee.perSession());
    }

    static String emspKey(CDR cdr) {
        return cdr.cdrToken().countryCode() + "*" + cdr.cdrToken().partyId();
    }

    private static List<String> tariffIds(CDR cdr, LocationView location) {
        List<String> ids = new ArrayList<>(cdr.chargingPeriods() == null ? List.of() : cdr.chargingPeriods().stream()
                .map(ChargingPeriod::tariffId).filter(Objects::nonNull).distinct().toList());
        if (ids.isEmpty() && location != null) {
            JsonNode body = read(location.body);
            for (JsonNode evse : body.path("evses")) {
                if (!evse.path("uid").asText().equalsIgnoreCase(cdr.cdrLocation().evseUid())) {
                    continue;
                }
                for (JsonNode connector : evse.path("connectors")) {
                    if (connector.path("id").asText().equalsIgnoreCase(cdr.cdrLocation().connectorId())) {
                        connector.path("tariff_ids").forEach(id -> ids.add(id.asText()));
                    }
                }
            }
        }
        if (ids.isEmpty() && cdr.tariffs() != null) {
            cdr.tariffs().stream().map(Tariff::id).forEach(ids::add);
        }
        return ids;
    }

    static ChosenTariff choose(List<TariffVersion> versions, String emsp, Instant start) {
        List<TariffVersion> forEmsp = versions.stream().filter(v -> v.recipient.equals(emsp)).toList();
        List<TariffVersion> candidates = forEmsp.isEmpty()
                ? versions.stream().filter(v -> v.recipient.isEmpty()).toList()
                : forEmsp;
        Comparator<TariffVersion> byVersion = Comparator.comparing((TariffVersion v) -> v.lastUpdated)
                .thenComparing(v -> v.receivedAt);
        TariffVersion chosen = candidates.stream().filter(v -> !v.lastUpdated.isAfter(start)).max(byVersion)
                .orElseGet(() -> candidates.stream().min(byVersion).orElse(null));
        if (chosen == null || chosen.deleted) {
            return null;
        }
        try {
            OcpiShapes.ReadTariff read = OcpiShapes.tariff(chosen.body);
            return new ChosenTariff(read.tariff(), chosen.lastUpdated, read.taxIncluded());
        } catch (IOException e) {
            // the gateway validated it; if it still cannot be read, the CDR waits as if the tariff were unknown
            LOG.errorf(e, "tariff version %s of %s*%s*%s is not a readable tariff", chosen.id, chosen.countryCode,
                    chosen.partyId, chosen.tariffId);
            return null;
        }
    }

    private static JsonNode read(String json) {
        try {
            return OcpiJson.mapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("stored location is not readable", e);
        }
    }
}
