package io.chargeclear.model.event;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every event type ChargeClear emits: its CloudEvents {@code type}, the topic it travels on and its payload
 * record. A consumer looks the type header up here to know what the JSON value holds.
 */
public enum EventType {
    PLATFORM_REGISTERED("hub.platform.registered.v1", Topics.PARTY, PlatformChanged.class),
    PLATFORM_SUSPENDED("hub.platform.suspended.v1", Topics.PARTY, PlatformChanged.class),
    PLATFORM_REACTIVATED("hub.platform.reactivated.v1", Topics.PARTY, PlatformChanged.class),
    PLATFORM_UNREGISTERED("hub.platform.unregistered.v1", Topics.PARTY, PlatformChanged.class),
    /** The partner completed the OCPI credentials registration: token A gave way to token C. */
    PLATFORM_CONNECTED("hub.platform.connected.v1", Topics.PARTY, PlatformChanged.class),
    /** Tokens changed without a new connection: OCPI credentials PUT, or the operator issued a new token A. */
    PLATFORM_CREDENTIALS_UPDATED("hub.platform.credentials-updated.v1", Topics.PARTY, PlatformChanged.class),
    /** The partner unregistered (OCPI credentials DELETE); the platform stays registered with the operator. */
    PLATFORM_DISCONNECTED("hub.platform.disconnected.v1", Topics.PARTY, PlatformChanged.class),
    /** The operator changed a party's attributes, e.g. the EMAID provider ids an eMSP holds. */
    PLATFORM_PARTY_UPDATED("hub.platform.party-updated.v1", Topics.PARTY, PlatformChanged.class),
    AGREEMENT_CREATED("hub.agreement.created.v1", Topics.AGREEMENT, AgreementChanged.class),
    AGREEMENT_ENDED("hub.agreement.ended.v1", Topics.AGREEMENT, AgreementChanged.class),
    STANDARD_TERMS_CHANGED("hub.agreement.standard-terms-changed.v1", Topics.AGREEMENT,
            AgreementChanged.StandardTermsChanged.class),
    LOCATION_CHANGED("ocpi.location.changed.v1", Topics.OCPI_LOCATION, OcpiObjectChanged.class),
    TARIFF_CHANGED("ocpi.tariff.changed.v1", Topics.OCPI_TARIFF, OcpiObjectChanged.class),
    /** The CPO deleted the tariff (OCPI 2.2.1 tariffs Receiver DELETE); {@code object} is null. */
    TARIFF_DELETED("ocpi.tariff.deleted.v1", Topics.OCPI_TARIFF, OcpiObjectChanged.class),
    TOKEN_CHANGED("ocpi.token.changed.v1", Topics.OCPI_TOKEN, OcpiObjectChanged.class),
    SESSION_CHANGED("ocpi.session.changed.v1", Topics.OCPI_SESSION, OcpiObjectChanged.class),
    CDR_RECEIVED("ocpi.cdr.received.v1", Topics.OCPI_CDR, OcpiObjectChanged.class),
    /** An eMSP's command (or charging-profile request) reached its CPO, with the CPO's synchronous answer. */
    COMMAND_REQUESTED("ocpi.command.requested.v1", Topics.OCPI_COMMAND, CommandExchanged.class),
    /** The CPO posted the asynchronous result of a command; the hub relays it to the eMSP. */
    COMMAND_RESULT_RECEIVED("ocpi.command.result-received.v1", Topics.OCPI_COMMAND, CommandExchanged.class),
    AUTHORIZATION_DECIDED("ocpi.authorization.decided.v1", Topics.OCPI_AUTHORIZATION, AuthorizationDecided.class),
    /** A payment terminal provider created or changed a terminal, or a CPO assigned it (OCPI 2.3.0 payments). */
    TERMINAL_CHANGED("ocpi.terminal.changed.v1", Topics.OCPI_PAYMENT, OcpiObjectChanged.class),
    /**
     * A payment terminal provider confirmed what it captured for a terminal-paid session (OCPI 2.3.0 payments
     * FinancialAdviceConfirmation), {@code object.total_costs} in the 2.3.0 Price shape whatever shape it came in.
     */
    FINANCIAL_ADVICE_CONFIRMED("ocpi.financial-advice-confirmation.received.v1", Topics.OCPI_PAYMENT,
            OcpiObjectChanged.class),
    /** A CPO or an eMSP issued or corrected an invoice reconciliation record (OCPI 2.3.0 ed2 invoicereconciliation). */
    INVOICE_RECONCILIATION_CHANGED("ocpi.invoice-reconciliation.changed.v1", Topics.OCPI_INVOICE_RECONCILIATION,
            OcpiObjectChanged.class),
    /** The issuer deleted a record it found wrong; {@code object} is null. */
    INVOICE_RECONCILIATION_DELETED("ocpi.invoice-reconciliation.deleted.v1", Topics.OCPI_INVOICE_RECONCILIATION,
            OcpiObjectChanged.class),
    /** Session tracking moved a session to another lifecycle state (the session's whole tracked view). */
    SESSION_TRACKED("tracking.session.changed.v1", Topics.TRACKING_SESSION, SessionTracked.class),
    /** Session tracking found a missed service level or contradicting session data. */
    SLA_BREACHED("tracking.sla-breach.detected.v1", Topics.TRACKING_SLA_BREACH, SlaBreached.class),
    /** The hub re-rated a CDR and it stands (or an operator accepted it): amounts owed, per party. */
    CDR_RATED("rating.cdr-rated.v1", Topics.RATING_CDR_RATED, CdrRated.class),
    /** The hub could not let a CDR stand; it waits for what it misses or for an operator. */
    CDR_FLAGGED("rating.cdr-flagged.v1", Topics.RATING_CDR_FLAGGED, CdrFlagged.class),
    /** One balanced journal entry of the clearing house's ledger (a CDR booked, or an entry reversed). */
    LEDGER_POSTED("settlement.posting.posted.v1", Topics.SETTLEMENT_POSTING, LedgerPosted.class),
    /** A settlement run's gross statement of one CPO–eMSP pair in one currency. */
    STATEMENT_ISSUED("settlement.statement.issued.v1", Topics.SETTLEMENT_STATEMENT, StatementIssued.class),
    /** A settlement run's net position of one party in one currency, with its payment instruction. */
    NET_POSITION_DETERMINED("settlement.net-position.determined.v1", Topics.SETTLEMENT_NET_POSITION,
            NetPositionDetermined.class),
    /**
     * An OCPI 2.3.0 invoice reconciliation record the hub issues for one of a run's statements (or one part of a
     * large one), which the gateway delivers to the statement's eMSP and CPO.
     */
    INVOICE_RECORD_ISSUED("settlement.invoice-record.issued.v1", Topics.SETTLEMENT_INVOICE_RECORD,
            InvoiceRecordIssued.class),
    /** Internal to the gateway: a push owed to one partner platform (the per-receiver delivery queue). */
    DELIVERY_REQUESTED("ocpi.delivery.requested.v1", Topics.OCPI_DELIVERY, DeliveryRequested.class);

    private final String type;
    private final String topic;
    private final Class<?> payloadType;

    EventType(String type, String topic, Class<?> payloadType) {
        this.type = type;
        this.topic = topic;
        this.payloadType = payloadType;
    }

    public String type() {
        return type;
    }

    public String topic() {
        return topic;
    }

    public Class<?> payloadType() {
        return payloadType;
    }

    public static Optional<EventType> fromType(String type) {
        return Arrays.stream(values()).filter(t -> t.type.equals(type)).findFirst();
    }
}
