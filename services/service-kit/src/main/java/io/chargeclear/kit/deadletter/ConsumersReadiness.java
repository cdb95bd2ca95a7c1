package io.chargeclear.kit.deadletter;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.Map;

/**
 * Readiness data on the consumers: how many records are parked (in total and per consumer) and which consumers are
 * retrying a record now, with their last error. Always UP: a parked record waits for the operator and a retrying
 * consumer waits for the infrastructure (whose own checks say whether it is there); neither is a reason to take the
 * pod out of service, and a restart would change nothing. Reads only memory, so it answers while the database is down.
 */
@Readiness
@ApplicationScoped
public class ConsumersReadiness implements HealthCheck {

    private final ConsumerMonitor monitor;

    public ConsumersReadiness(ConsumerMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("consumers").up()
                .withData("parked", monitor.parkedCount());
        monitor.parkedByConsumer().forEach((consumer, count) -> builder.withData("parked." + consumer, count));
        Map<String, ConsumerMonitor.Retrying> retrying = monitor.retrying();
        builder.withData("retrying", retrying.size());
        retrying.forEach((consumer, r) -> builder.withData("retrying." + consumer,
                r.attempts() + " attempts since " + r.since() + " on event " + r.eventId() + ": " + r.lastError()));
        return builder.build();
    }
}
