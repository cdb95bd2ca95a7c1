package io.chargeclear.tracking;

import io.chargeclear.kit.admin.AdminErrorsContract;
import io.chargeclear.testkit.LocalInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import java.util.List;

import static io.chargeclear.kit.admin.AdminErrorsContract.WrongBody.post;

/** Tracking's operator API names the field and what belongs there when the clock's body has the wrong shape. */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, scope = TestResourceScope.GLOBAL)
class AdminErrorsTest extends AdminErrorsContract {

    private static final String CLOCK = "/admin/tracking/clock";

    @Override
    protected List<WrongBody> wrongBodies() {
        return List.of(
                post(CLOCK, "{\"advance\": {\"hours\": 25}}", "advance", "must be a string"),
                post(CLOCK, "{\"advance\": [\"PT25H\"]}", "advance", "must be a string"),
                post(CLOCK, "{\"back\": {\"hours\": 25}}", "back", "must be a string"),
                post(CLOCK, "[\"PT25H\"]", "the body", "must be an object {advance, back}"));
    }

    @Override
    protected List<Bodiless> bodilessPosts() {
        // the clock says what it needs; the SLA scan is left out, as it would fire what is due
        return List.of(new Bodiless(CLOCK, 400));
    }
}
