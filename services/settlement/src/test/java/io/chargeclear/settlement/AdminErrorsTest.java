package io.chargeclear.settlement;

import io.chargeclear.kit.admin.AdminErrorsContract;
import io.chargeclear.testkit.LocalInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import java.util.List;
import java.util.UUID;

import static io.chargeclear.kit.admin.AdminErrorsContract.WrongBody.post;

/**
 * Settlement's operator API names the field and what belongs there when a body has the wrong shape or type. A bare
 * POST of the period due is in {@link SettlementRunFlowTest}, where running a period is expected.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, scope = TestResourceScope.GLOBAL)
class AdminErrorsTest extends AdminErrorsContract {

    private static final String RUNS = "/admin/settlement/runs";
    private static final String DISPUTES = "/admin/settlement/disputes";
    private static final String RESOLVE = DISPUTES + "/" + UUID.randomUUID() + "/resolve";
    private static final String PARTY = "{country_code, party_id}";

    @Override
    protected List<WrongBody> wrongBodies() {
        return List.of(
                post(RUNS, "{\"period_start\": {\"date\": \"2026-11-24\"}}", "period_start", "must be a string"),
                post(RUNS, "[\"2026-11-24T00:00:00Z\", \"2026-11-25T00:00:00Z\"]", "the body",
                        "must be an object {period_start, period_end}"),
                post(DISPUTES, "{\"cpo\": \"NL*DC1\", \"cdr_id\": \"CDR-1\"}", "cpo", "must be an object " + PARTY),
                post(DISPUTES, "{\"opened_by\": [\"DE\", \"EMS\"]}", "opened_by", "must be an object " + PARTY),
                post(DISPUTES, "{\"cpo\": {\"country_code\": [\"NL\"], \"party_id\": \"DC1\"}}", "cpo.country_code",
                        "must be a string"),
                post(DISPUTES, "{\"cdr_id\": {\"id\": \"CDR-1\"}}", "cdr_id", "must be a string"),
                post(DISPUTES, "{\"reason\": [\"double\", \"billed\"]}", "reason", "must be a string"),
                post(RESOLVE, "{\"resolution\": [\"ACCEPTED\"]}", "resolution", "must be a string"),
                post(RESOLVE, "{\"resolution\": \"ACCEPTED\", \"note\": {\"text\": \"ok\"}}", "note",
                        "must be a string"));
    }

    @Override
    protected List<Bodiless> bodilessPosts() {
        return List.of(new Bodiless(DISPUTES, 400), new Bodiless(RESOLVE, 400));
    }
}
