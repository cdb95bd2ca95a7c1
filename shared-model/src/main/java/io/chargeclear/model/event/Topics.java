package io.chargeclear.model.event;

/**
 * The topic catalogue (docs/events/README.md is the source of truth; a test keeps the two in step).
 * The version suffix changes only on an incompatible payload change.
 */
public final class Topics {
    public static final String PARTY = "hub.party.v1";
    public static final String AGREEMENT = "hub.agreement.v1";
    public static final String OCPI_LOCATION = "ocpi.location.v1";
    public static final String OCPI_TARIFF = "ocpi.tariff.v1";
    public static final String OCPI_TOKEN = "ocpi.token.v1";
    public static final String OCPI_SESSION = "ocpi.session.v1";
    public static final String OCPI_CDR = "ocpi.cdr.v1";
    public static final String OCPI_COMMAND = "ocpi.command.v1";
    public static final String OCPI_AUTHORIZATION = "ocpi.authorization.v1";
    public static final String OCPI_PAYMENT = "ocpi.payment.v1";
    public static final String OCPI_INVOICE_RECONCILIATION = "ocpi.invoice-reconciliation.v1";
    public static final String OCPI_DELIVERY = "ocpi.delivery.v1";
    public static final String TRACKING_SESSION = "tracking.session.v1";
    public static final String TRACKING_SLA_BREACH = "tracking.sla-breach.v1";
    public static final String RATING_CDR_RATED = "rating.cdr-rated.v1";
    public static final String RATING_CDR_FLAGGED = "rating.cdr-flagged.v1";
    public static final String SETTLEMENT_POSTING = "settlement.posting.v1";
    public static final String SETTLEMENT_STATEMENT = "settlement.statement.v1";
    public static final String SETTLEMENT_NET_POSITION = "settlement.net-position.v1";
    public static final String SETTLEMENT_INVOICE_RECORD = "settlement.invoice-record.v1";

    private Topics() {
    }
}
