package io.chargeclear.gateway;

import io.chargeclear.kit.agreement.AgreementBookContract;
import io.chargeclear.testkit.LocalInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The gateway's agreement book (what the routing gate reads) follows hub.agreement.v1, over real Kafka and PostgreSQL. */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, scope = TestResourceScope.GLOBAL)
class AgreementBookTest extends AgreementBookContract {

    @Override
    protected String schema() {
        return "ocpi_gateway";
    }
}
