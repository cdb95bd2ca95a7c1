package io.chargeclear.kit.agreement;

import io.chargeclear.model.event.AgreementChanged.Mode;
import io.chargeclear.model.event.OcpiParty;
import io.chargeclear.model.money.Money;
import io.chargeclear.testkit.KafkaTestClient;
import io.chargeclear.testkit.LocalInfraResource;
import io.quarkus.arc.Arc;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What every service with the kit's agreement book must answer from {@code hub.agreement.v1}
 * (docs/adr/0017-one-agreement-book.md): the agreement in effect for a pair at a moment (window, end), the
 * standard terms, counterparts per module, and snapshots that only move forward by revision. A service's test class
 * extends this with {@code @QuarkusTest} and the {@link LocalInfraResource}; the events go to the real broker as the
 * registry's outbox relay writes them, and the answers are read from the service's own book.
 * <p>
 * The standard terms are global, so the contract leaves them as a service without any would behave: agreement
 * required, no modules, fee or SLA, and a 30-day dispute window (the services' configured default).
 */
public abstract class AgreementBookContract {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String TOPIC = "hub.agreement.v1";
    private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant ENDED = Instant.parse("2026-06-01T00:00:00Z");
    private static final Instant UNTIL = Instant.parse("2026-03-01T00:00:00Z");
    /** The fee as events written before the per-currency list carry it. */
    private static final String FEE_AS_ONE_OBJECT =
            "{\"percent\": \"2.5\", \"per_session\": {\"amount\": \"0.10\", \"currency\": \"EUR\"}}";
    private static final String FEE_IN_TWO_CURRENCIES = "{\"percent\": \"2.5\", \"per_session\": ["
            + "{\"amount\": \"0.10\", \"currency\": \"EUR\"}, {\"amount\": \"0.125\", \"currency\": \"CAD\"}]}";

    private final OcpiParty cpo = party("NL");
    private final OcpiParty emsp = party("DE");
    private final OcpiParty otherEmsp = party("BE");

    /** The schema the service under test owns, e.g. {@code ocpi_gateway}. */
    protected abstract String schema();

    @Test
    void answersFromTheNewestSnapshotsWithTheOneInEffectRule() {
        AgreementBook book = Arc.container().instance(AgreementBook.class).get();
        String ended = UUID.randomUUID().toString();
        String windowed = UUID.randomUUID().toString();
        long terms = System.currentTimeMillis();
        try (KafkaTestClient kafka = new KafkaTestClient(LocalInfraResource.kafkaBootstrap())) {
            String created = agreement(kafka, UUID.randomUUID().toString(), "hub.agreement.created.v1", ended, 1,
                    "ACTIVE", cpo, emsp, null, null, "[\"sessions\", \"cdrs\"]", 14);
            agreement(kafka, UUID.randomUUID().toString(), "hub.agreement.ended.v1", ended, 3, "ENDED", cpo, emsp,
                    null, ENDED, "[\"sessions\", \"cdrs\"]", 21, FEE_IN_TWO_CURRENCIES);
            // late and replayed snapshots: an older revision, and the first event delivered again
            agreement(kafka, UUID.randomUUID().toString(), "hub.agreement.created.v1", ended, 2, "ACTIVE", cpo, emsp,
                    null, null, "[\"tariffs\"]", 7);
            agreement(kafka, created, "hub.agreement.created.v1", ended, 1, "ACTIVE", cpo, emsp, null, null,
                    "[\"sessions\", \"cdrs\"]", 14);
            agreement(kafka, UUID.randomUUID().toString(), "hub.agreement.created.v1", windowed, 1, "ACTIVE", cpo,
                    otherEmsp, UNTIL, null, "[\"sessions\"]", 14);
            standardTerms(kafka, terms, "OPEN_MARKET", "[\"locations\"]",
                    "{\"percent\": \"1.25\", \"per_session\": null}", "{\"cdr_within_hours\": 24,"
                            + " \"authorization_answer_within_ms\": 2000}", 10);

            await("the book holds the newest snapshots").atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> {
                        assertThat(book.agreement(ended)).hasValueSatisfying(a -> assertThat(a.revision()).isEqualTo(3));
                        assertThat(book.agreement(windowed)).isPresent();
                        assertThat(book.standardTerms()).hasValueSatisfying(t -> assertThat(t.revision()).isEqualTo(terms));
                    });
            // the stale revision 2 arrived after revision 3 and changed nothing
            Agreement a = book.agreement(ended).orElseThrow();
            assertThat(a.modules()).containsExactlyInAnyOrder("sessions", "cdrs");
            assertThat(a.disputeWindowDays()).isEqualTo(21);
            assertThat(a.endedAt()).isEqualTo(ENDED);
            assertThat(a.hubFee().percent()).isEqualByComparingTo("2.5");
            assertThat(a.hubFee().perSession()).as("one per-session fee per currency, exact")
                    .containsExactly(Money.of("0.10", "EUR"), Money.of("0.125", "CAD"));
            // a snapshot written before the list, with one object, reads as a list of one
            assertThat(book.agreement(windowed).orElseThrow().hubFee().perSession())
                    .containsExactly(Money.of("0.10", "EUR"));
            assertThat(a.sla().cdrWithinHours()).isEqualTo(48);

            // an ended agreement governs what happened before its end, and nothing from then on
            assertThat(book.inEffect(cpo, emsp, ENDED.minusSeconds(1))).map(Agreement::agreementId).contains(ended);
            assertThat(book.inEffect(cpo, emsp, ENDED)).isEmpty();
            assertThat(book.inEffect(cpo, emsp, FROM.minusSeconds(1))).as("before its window").isEmpty();
            assertThat(book.inEffect(emsp, cpo, FROM)).as("the roles are not interchangeable").isEmpty();
            // valid_until is exclusive
            assertThat(book.inEffect(cpo, otherEmsp, UNTIL.minusSeconds(1))).map(Agreement::agreementId)
                    .contains(windowed);
            assertThat(book.inEffect(cpo, otherEmsp, UNTIL)).isEmpty();

            assertThat(book.standardTerms().orElseThrow().mode()).isEqualTo(Mode.OPEN_MARKET);
            assertThat(book.standardTerms().orElseThrow().hubFee().percent()).isEqualByComparingTo("1.25");
            assertThat(book.standardTerms().orElseThrow().hubFee().perSession()).as("null reads as none").isEmpty();
            Counterparts early = book.counterparts(cpo, "sessions", UNTIL.minusSeconds(1));
            assertThat(early.everyone()).isFalse();
            assertThat(early.parties()).containsExactlyInAnyOrder(cpo, emsp, otherEmsp);
            assertThat(book.counterparts(emsp, "cdrs", UNTIL.minusSeconds(1)).parties())
                    .containsExactlyInAnyOrder(emsp, cpo);
            assertThat(book.counterparts(cpo, "sessions", ENDED).parties()).containsExactly(cpo);
            assertThat(book.counterparts(cpo, "locations", ENDED).everyone()).as("open market covers locations").isTrue();

            standardTerms(kafka, terms + 1, "AGREEMENT_REQUIRED", "[]", "null", "null", 30);
            await("the standard terms closed again").atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(book.standardTerms())
                            .hasValueSatisfying(t -> assertThat(t.revision()).isEqualTo(terms + 1)));
            assertThat(book.counterparts(cpo, "locations", ENDED).everyone()).isFalse();
        }
    }

    /**
     * Another replica's consumer commits a snapshot and announces it in the same transaction; this replica's book
     * must follow through {@code ReferenceChanges}, without consuming anything itself.
     */
    @Test
    void aChangeCommittedByAnotherReplicaReachesTheBookThroughItsAnnouncement() throws SQLException {
        AgreementBook book = Arc.container().instance(AgreementBook.class).get();
        String id = UUID.randomUUID().toString();
        OcpiParty cpo = party("FR");
        OcpiParty emsp = party("IT");
        try (Connection db = DriverManager.getConnection(LocalInfraResource.jdbcUrl(), LocalInfraResource.username(),
                LocalInfraResource.password())) {
            db.setAutoCommit(false);
            try (PreparedStatement insert = db.prepareStatement("insert into " + schema() + ".agreement_book"
                    + " (terms_id, kind, revision, status, cpo_country_code, cpo_party_id, emsp_country_code,"
                    + " emsp_party_id, valid_from, modules, dispute_window_days)"
                    + " values (?, 'AGREEMENT', 5, 'ACTIVE', ?, ?, ?, ?, ?, 'sessions', 9)");
                 PreparedStatement announce = db.prepareStatement("select pg_notify('agreement_book', ?)")) {
                insert.setString(1, id);
                insert.setString(2, cpo.countryCode());
                insert.setString(3, cpo.partyId());
                insert.setString(4, emsp.countryCode());
                insert.setString(5, emsp.partyId());
                insert.setObject(6, FROM.atOffset(java.time.ZoneOffset.UTC));
                insert.executeUpdate();
                announce.setString(1, id);
                announce.execute();
            }
            assertThat(book.agreement(id)).as("nothing is announced before the commit").isEmpty();
            db.commit();
        }
        await("the announced agreement is reloaded").atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(book.agreement(id)).hasValueSatisfying(a -> {
                    assertThat(a.revision()).isEqualTo(5);
                    assertThat(a.disputeWindowDays()).isEqualTo(9);
                }));
        assertThat(book.inEffect(cpo, emsp, FROM)).map(Agreement::agreementId).contains(id);
    }

    private static OcpiParty party(String country) {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            id.append((char) ('A' + random.nextInt(26)));
        }
        return new OcpiParty(country, id.toString());
    }

    private static String agreement(KafkaTestClient kafka, String eventId, String type, String id, long revision,
                                    String status, OcpiParty cpo, OcpiParty emsp, Instant validUntil, Instant endedAt,
                                    String modules, int disputeWindowDays) {
        return agreement(kafka, eventId, type, id, revision, status, cpo, emsp, validUntil, endedAt, modules,
                disputeWindowDays, FEE_AS_ONE_OBJECT);
    }

    private static String agreement(KafkaTestClient kafka, String eventId, String type, String id, long revision,
                                    String status, OcpiParty cpo, OcpiParty emsp, Instant validUntil, Instant endedAt,
                                    String modules, int disputeWindowDays, String hubFee) {
        String payload = """
                {"agreement_id": "%s", "status": "%s", "revision": %d,
                 "cpo": {"country_code": "%s", "party_id": "%s"}, "emsp": {"country_code": "%s", "party_id": "%s"},
                 "valid_from": "%s", "valid_until": %s, "modules": %s,
                 "hub_fee": %s,
                 "sla": {"cdr_within_hours": 48, "authorization_answer_within_ms": 5000},
                 "dispute_window_days": %d, "ended_at": %s, "changed_at": "2026-01-01T00:00:00Z"}"""
                .formatted(id, status, revision, cpo.countryCode(), cpo.partyId(), emsp.countryCode(),
                        emsp.partyId(), FROM, quoted(validUntil), modules, hubFee, disputeWindowDays, quoted(endedAt));
        return send(kafka, eventId, type, id, payload);
    }

    private static void standardTerms(KafkaTestClient kafka, long revision, String mode, String modules, String fee,
                                      String sla, int disputeWindowDays) {
        String payload = """
                {"mode": "%s", "revision": %d, "modules": %s, "hub_fee": %s, "sla": %s,
                 "dispute_window_days": %d, "changed_at": "2026-01-01T00:00:00Z"}"""
                .formatted(mode, revision, modules, fee, sla, disputeWindowDays);
        send(kafka, UUID.randomUUID().toString(), "hub.agreement.standard-terms-changed.v1", "standard-terms", payload);
    }

    private static String send(KafkaTestClient kafka, String eventId, String type, String key, String payload) {
        kafka.produce(TOPIC, key, Map.of("ce_id", eventId, "ce_type", type, "ce_source", "/chargeclear/party-registry",
                "ce_specversion", "1.0", "ce_subject", key, "ce_time", "2026-01-01T00:00:00Z",
                "content-type", "application/json"), payload);
        return eventId;
    }

    private static String quoted(Instant instant) {
        return instant == null ? "null" : "\"" + instant + "\"";
    }
}
