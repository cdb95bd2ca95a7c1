package io.chargeclear.testkit;

import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** No annotation here: the GLOBAL-scoped resource declared on LocalInfraResourceTest applies to this class too. */
@QuarkusTest
class GlobalScopeTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafkaBootstrap;

    @Test
    void globalResourceAppliesToEveryQuarkusTest() {
        assertEquals(LocalInfraResource.kafkaBootstrap(), kafkaBootstrap);
    }
}
