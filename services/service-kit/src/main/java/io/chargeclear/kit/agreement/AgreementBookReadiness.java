package io.chargeclear.kit.agreement;

import io.chargeclear.kit.messaging.ReplayProgress;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.util.Map;

/**
 * Not ready until the agreement book's consumer group has read {@code hub.agreement.v1} up to where it ended when the
 * service started. Matters once: after the upgrade that brings the book, its table starts empty and a new group
 * replays the compacted topic; a replica that took traffic before would refuse routes for want of an agreement and
 * rate or settle without the agreement's terms. A restart with a filled table passes at once (its group has
 * committed offsets at the end). Once caught up it stays UP: later agreements are ordinary traffic.
 */
@Readiness
@ApplicationScoped
@IfBuildProperty(name = "chargeclear.agreement-book.enabled", stringValue = "true")
public class AgreementBookReadiness implements HealthCheck {

    private final ReplayProgress progress;

    public AgreementBookReadiness(@Identifier("default-kafka-broker") Map<String, Object> kafka,
                                  @ConfigProperty(name = "mp.messaging.incoming.agreement-events-in.topic") String topic,
                                  @ConfigProperty(name = "mp.messaging.incoming.agreement-events-in.group.id") String group) {
        this.progress = new ReplayProgress(kafka, topic, group);
    }

    @Override
    public HealthCheckResponse call() {
        ReplayProgress.State state = progress.check();
        return HealthCheckResponse.named("agreement-book").status(state.caughtUp())
                .withData("replay", state.detail())
                .build();
    }
}
