package io.chargeclear.gateway.metrics;

import io.chargeclear.gateway.api.ObjectivesResource;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The gateway's figures per party against its objectives, read from the meters in memory. */
@ApplicationScoped
public class GatewayObjectives {

    private final RtaMetrics rta;
    private final DeliveryQueueMetrics deliveries;
    private final ObjectivesResource.Thresholds thresholds;

    public GatewayObjectives(RtaMetrics rta, DeliveryQueueMetrics deliveries,
                             @ConfigProperty(name = "chargeclear.objectives.rta-p99", defaultValue = "500ms")
                             Duration rtaP99,
                             @ConfigProperty(name = "chargeclear.objectives.rta-timeout-share", defaultValue = "0.01")
                             double rtaTimeoutShare,
                             @ConfigProperty(name = "chargeclear.objectives.delivery-oldest-pending",
                                     defaultValue = "5m") Duration deliveryOldest) {
        this.rta = rta;
        this.deliveries = deliveries;
        this.thresholds = new ObjectivesResource.Thresholds(rtaP99.toMillis(), rtaTimeoutShare,
                deliveryOldest.toSeconds());
    }

    public ObjectivesResource.View now() {
        Map<String, RtaMetrics.Meters> authorizations = rta.all();
        Map<String, DeliveryQueueMetrics.Queue> queues = new java.util.HashMap<>();
        deliveries.queues().values().forEach(queue -> queues.put(queue.party, queue));
        TreeSet<String> parties = new TreeSet<>(authorizations.keySet());
        parties.addAll(queues.keySet());
        parties.remove(OcpiRequestMetrics.UNKNOWN);
        List<ObjectivesResource.Party> rows = new ArrayList<>();
        for (String party : parties) {
            RtaMetrics.Meters meters = authorizations.get(party);
            Long count = meters == null ? null : meters.duration().count();
            Long timeouts = meters == null ? null : (long) meters.timeouts().count();
            DeliveryQueueMetrics.Queue queue = queues.get(party);
            rows.add(new ObjectivesResource.Party(party, count,
                    meters == null ? null : Objectives.p99Millis(meters.duration()),
                    timeouts, count == null || count == 0 ? null : (double) timeouts / count,
                    queue == null ? null : (long) queue.pending(),
                    queue == null ? null : queue.oldestAgeSeconds(),
                    queue == null ? null : queue.up(),
                    deliveryP99(party)));
        }
        return new ObjectivesResource.View(thresholds, rows);
    }

    /** The slowest module's p99, queued to delivered, of the receiver's recent deliveries. */
    private Double deliveryP99(String party) {
        Double worst = null;
        for (Map.Entry<String, Timer> latency : deliveries.latencies().entrySet()) {
            if (latency.getKey().startsWith(party + "|")) {
                Double p99 = Objectives.p99Millis(latency.getValue());
                if (p99 != null && (worst == null || p99 > worst)) {
                    worst = p99;
                }
            }
        }
        return worst;
    }
}
