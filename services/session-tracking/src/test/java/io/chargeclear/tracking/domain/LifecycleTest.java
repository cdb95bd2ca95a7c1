package io.chargeclear.tracking.domain;

import io.chargeclear.model.event.SessionTracked.State;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The lifecycle state follows from what is known of a session, not from the order it was learnt in. */
class LifecycleTest {

    @ParameterizedTest(name = "{0}, stuck={1}, cdr={2} -> {3}")
    @CsvSource(nullValues = "null", value = {
            "PENDING, false, false, PENDING",
            "RESERVATION, false, false, RESERVATION",
            "ACTIVE, false, false, ACTIVE",
            "ACTIVE, true, false, STALE",
            "COMPLETED, false, false, AWAITING_CDR",
            "COMPLETED, true, false, AWAITING_CDR",
            "INVALID, false, false, INVALID",
            "null, false, false, PENDING",
            // a CDR closes the session whatever the CPO's updates say, before or after it
            "null, false, true, CDR_RECEIVED",
            "ACTIVE, false, true, CDR_RECEIVED",
            "ACTIVE, true, true, CDR_RECEIVED",
            "COMPLETED, false, true, CDR_RECEIVED",
            "PENDING, false, true, CDR_RECEIVED",
    })
    void theStateFollowsTheFacts(String ocpiStatus, boolean stuck, boolean cdrReceived, State expected) {
        assertThat(Lifecycle.state(ocpiStatus, stuck, cdrReceived)).isEqualTo(expected);
    }
}
