package io.chargeclear.settlement.config;

import io.chargeclear.settlement.domain.SettlementCalendar;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.ZoneId;

/** How the hub settles: {@code chargeclear.settlement.*}. */
@ConfigMapping(prefix = "chargeclear.settlement")
public interface SettlementConfig {

    /** Length of a settlement period: DAILY, WEEKLY (Monday to Monday) or MONTHLY. */
    @WithDefault("MONTHLY")
    SettlementCalendar.Length period();

    /** The hub's time zone: periods start at midnight there. */
    @WithDefault("UTC")
    ZoneId timeZone();

    /** Dispute window when neither the CDR's agreement nor the hub's standard terms are known yet. */
    @WithDefault("P30D")
    Duration defaultDisputeWindow();

    /**
     * The hub's own OCPI party, the issuer of the invoice reconciliation records of its statements: the same as the
     * gateway's {@code hub_party_id} (both read {@code CHARGECLEAR_HUB_COUNTRY_CODE} and
     * {@code CHARGECLEAR_HUB_PARTY_ID}).
     */
    Hub hub();

    /** The invoice reconciliation records the hub issues for its statements. */
    InvoiceRecords invoiceRecords();

    interface Hub {
        /** ISO 3166-1 alpha-2 country code of the hub's party. */
        @WithDefault("NL")
        String countryCode();

        /** The hub's party id (three characters). */
        @WithDefault("CCH")
        String partyId();
    }

    interface InvoiceRecords {
        /**
         * The most CDR ids one record lists (1 to 5,000); a statement with more is issued as several records. Changing
         * it changes the records of later runs only.
         */
        @WithDefault("1000")
        int cdrsPerRecord();
    }

    default SettlementCalendar calendar() {
        return new SettlementCalendar(period(), timeZone());
    }
}
