package io.chargeclear.rating;

import io.chargeclear.kit.agreement.AgreementBookContract;
import io.chargeclear.testkit.LocalInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Rating's agreement book (where the hub fee of a CDR comes from) follows hub.agreement.v1, over real Kafka and PostgreSQL. */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, scope = TestResourceScope.GLOBAL)
class AgreementBookTest extends AgreementBookContract {

    @Override
    protected String schema() {
        return "cdr_rating";
    }
}
