package io.chargeclear.settlement;

import io.chargeclear.testkit.LocalInfraResource;
import io.chargeclear.testkit.PartyDirectoryContract;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** This service's party directory follows hub.party.v1 idempotently, over real Kafka and PostgreSQL. */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, scope = TestResourceScope.GLOBAL)
class PartyDirectoryTest extends PartyDirectoryContract {

    @Override
    protected String schema() {
        return "settlement";
    }
}
