package io.chargeclear.gateway.routing;

import io.chargeclear.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;

/**
 * The gateway's budgets of in-flight work (docs/adr/0023-gateway-overload.md). Each is one SmallRye Fault Tolerance
 * bulkhead shared by every method that names it in {@code @ApplyGuard}: at most {@code max-in-flight} requests are
 * worked on, {@code max-waiting} more wait for a place, and the next is refused at once with a
 * {@code BulkheadException}, which {@link io.chargeclear.gateway.ocpi.OcpiExceptionMappers} answers with HTTP 503,
 * {@code Retry-After} and OCPI 3000. A refused request was never started, so it changed nothing.
 *
 * <p>Two budgets, so a flood of pushed sessions and CDRs cannot take the places of real-time authorizations and
 * commands, where a driver is waiting at the charger.
 */
public class WorkBudgets {

    // @Singleton, not a normal scope: @ApplyGuard needs the Guard instance itself, not a client proxy

    /** PUT/PATCH/POST/DELETE of pushed objects ({@link PushService#accept}). */
    public static final String PUSH = "ocpi-push-budget";
    /** Real-time authorization, commands, charging profiles and preferences, and their results. */
    public static final String REALTIME = "ocpi-realtime-budget";

    @Produces
    @Singleton
    @Identifier(PUSH)
    Guard push(GatewayConfig config, MeterRegistry metrics) {
        return budget("push", config.overload().push(), metrics);
    }

    @Produces
    @Singleton
    @Identifier(REALTIME)
    Guard realtime(GatewayConfig config, MeterRegistry metrics) {
        return budget("realtime", config.overload().realtime(), metrics);
    }

    private static Guard budget(String name, GatewayConfig.Budget budget, MeterRegistry metrics) {
        Counter refused = metrics.counter("chargeclear.overload.refused", "budget", name);
        return Guard.create()
                .withDescription("gateway " + name + " budget")
                .withBulkhead()
                .limit(budget.maxInFlight())
                .queueSize(budget.maxWaiting())
                .onRejected(refused::increment)
                .done()
                // the guarded work runs where it was called: Hibernate Reactive needs the request's Vert.x context
                .withThreadOffload(false)
                .build();
    }
}
