package io.chargeclear.registry;

import io.chargeclear.kit.admin.AdminErrorsContract;
import io.chargeclear.testkit.LocalInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import java.util.List;

import static io.chargeclear.kit.admin.AdminErrorsContract.WrongBody.post;
import static io.chargeclear.kit.admin.AdminErrorsContract.WrongBody.put;

/** The registry's operator API names the field and what belongs there when a body has the wrong shape or type. */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, scope = TestResourceScope.GLOBAL)
class AdminErrorsTest extends AdminErrorsContract {

    private static final String PLATFORMS = "/admin/platforms";
    private static final String CONNECTION = "/admin/platforms/no-such-platform/connection";
    private static final String EMAID_PROVIDERS = "/admin/platforms/no-such-platform/parties/NL/TNM/emaid-provider-ids";
    private static final String AGREEMENTS = "/admin/agreements";
    private static final String STANDARD_TERMS = "/admin/agreements/standard-terms";
    private static final String PARTY = "{country_code, party_id}";

    @Override
    protected List<WrongBody> wrongBodies() {
        return List.of(
                post(PLATFORMS, "{\"name\": \"Acme\", \"parties\": {\"country_code\": \"NL\"}}", "parties",
                        "must be a list"),
                post(PLATFORMS, "{\"name\": \"Acme\", \"parties\": [\"NL*AC1\"]}", "parties[0]",
                        "must be an object {country_code, party_id, role, name, emaid_provider_ids,"
                                + " payment_terminal_provider}"),
                post(PLATFORMS, "{\"name\": \"Acme\", \"parties\": [{\"emaid_provider_ids\": \"NLTNM\"}]}",
                        "parties[0].emaid_provider_ids", "must be a list"),
                post(PLATFORMS, "{\"name\": \"Acme\", \"parties\": [{\"payment_terminal_provider\": \"yes\"}]}",
                        "parties[0].payment_terminal_provider", "must be true or false"),
                put(EMAID_PROVIDERS, "{\"emaid_provider_ids\": \"NLTNM\"}", "emaid_provider_ids", "must be a list"),
                put(EMAID_PROVIDERS, "{\"emaid_provider_ids\": [[\"NLTNM\"]]}", "emaid_provider_ids[0]",
                        "must be a string"),
                post(PLATFORMS, "{\"name\": \"Acme\", \"parties\": [{\"country_code\": [\"NL\"]}]}",
                        "parties[0].country_code", "must be a string"),
                post(PLATFORMS, "{\"name\": {\"short\": \"Acme\"}, \"parties\": []}", "name", "must be a string"),
                post(PLATFORMS, "{\"name\": \"Acme\", \"plain_tokens\": \"maybe\"}", "plain_tokens",
                        "must be true or false"),
                post(PLATFORMS, "[\"Acme\"]", "the body", "must be an object {name, parties, plain_tokens}"),
                post(CONNECTION, "{\"endpoints\": {\"identifier\": \"cdrs\"}}", "endpoints", "must be a list"),
                post(CONNECTION, "{\"roles\": [{\"role\": {\"name\": \"CPO\"}}]}", "roles[0].role",
                        "must be a string"),
                post(CONNECTION, "{\"grace_seconds\": \"a minute\"}", "grace_seconds", "must be a whole number"),
                post(AGREEMENTS, "{\"cpo\": \"NL*DC1\"}", "cpo", "must be an object " + PARTY),
                post(AGREEMENTS, "{\"emsp\": [\"DE\", \"EMS\"]}", "emsp", "must be an object " + PARTY),
                post(AGREEMENTS, "{\"hub_fee\": {\"per_session\": [{\"amount\": \"0.10\", \"currency\": \"EUR\"},"
                        + " {\"amount\": \"0.10\", \"currency\": [\"CAD\"]}]}}", "hub_fee.per_session[1].currency",
                        "must be a string"),
                post(AGREEMENTS, "{\"hub_fee\": \"2.5%\"}", "hub_fee", "must be an object {percent, per_session}"),
                post(AGREEMENTS, "{\"modules\": \"cdrs\"}", "modules", "must be a list"),
                post(AGREEMENTS, "{\"sla\": {\"cdr_within_hours\": \"two days\"}}", "sla.cdr_within_hours",
                        "must be a whole number"),
                post(AGREEMENTS, "{\"dispute_window_days\": {\"days\": 30}}", "dispute_window_days",
                        "must be a whole number"),
                put(STANDARD_TERMS, "{\"mode\": [\"OPEN_MARKET\"]}", "mode", "must be a string"),
                put(STANDARD_TERMS, "{\"hub_fee\": [\"2.5\"]}", "hub_fee", "must be an object"),
                put(STANDARD_TERMS, "{\"hub_fee\": {\"percent\": {\"value\": 2.5}}}", "hub_fee.percent",
                        "must be a string"),
                put(STANDARD_TERMS, "{\"sla\": \"48h\"}", "sla",
                        "must be an object {cdr_within_hours, authorization_answer_within_ms}"));
    }

    @Override
    protected List<Bodiless> bodilessPosts() {
        return List.of(new Bodiless(PLATFORMS, 400), new Bodiless(AGREEMENTS, 400),
                new Bodiless("/admin/platforms/no-such-platform/suspend", 404),
                new Bodiless("/admin/platforms/no-such-platform/token-a", 404));
    }
}
