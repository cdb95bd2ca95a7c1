-- Terminal-paid sessions (docs/adr/0030-terminal-paid-sessions-in-settlement.md). A driver paid such a session with
-- a card at a payment terminal; no eMSP owes anything for it, so the ledger books no money for it. What settlement
-- keeps instead is information for the CPO's statement: the financial advice confirmations (FAC) of the payment
-- terminal providers, and the CDRs found to be terminal-paid.

-- The newest copy of every FAC (OCPI 2.3.0 payments), keyed like its ocpi.payment.v1 record. captured is
-- before_taxes + the sum of the taxes, exact, in currency.
create table financial_advice_confirmation (
    ptp_country_code        varchar(2)  not null,
    ptp_party_id            varchar(3)  not null,
    confirmation_id         varchar(36) not null,
    cpo_country_code        varchar(2)  not null,
    cpo_party_id            varchar(3)  not null,
    authorization_reference varchar(36) not null,
    currency                varchar(3)  not null,
    before_taxes            numeric     not null,
    captured                numeric     not null,
    capture_status_code     text        not null
        check (capture_status_code in ('SUCCESS', 'PARTIAL_SUCCESS', 'FAILED')),
    capture_status_message  text,
    eft_data                text,
    last_updated            timestamptz not null,
    received_at             timestamptz not null,
    primary key (ptp_country_code, ptp_party_id, confirmation_id)
);
create index financial_advice_confirmation_session
    on financial_advice_confirmation (cpo_country_code, cpo_party_id, authorization_reference);
create index financial_advice_confirmation_updated on financial_advice_confirmation (last_updated);

-- The CDRs settlement classified DIRECT_PAID, at the newest rating revision it applied, with the CDR's total
-- including taxes (the hub's rating) to compare with what the terminal captured.
create table terminal_paid_cdr (
    cpo_country_code        varchar(2)  not null,
    cpo_party_id            varchar(3)  not null,
    cdr_id                  varchar(39) not null,
    rating_revision         int         not null,
    receiver_country_code   varchar(2)  not null,
    receiver_party_id       varchar(3)  not null,
    authorization_reference varchar(36),
    invoice_reference_id    varchar(39),
    session_end             timestamptz not null,
    currency                varchar(3)  not null,
    total_incl_taxes        numeric     not null,
    classified_by           text        not null
        check (classified_by in ('PAYMENT_TERMINAL_PROVIDER', 'FINANCIAL_ADVICE_CONFIRMATION')),
    primary key (cpo_country_code, cpo_party_id, cdr_id)
);
create index terminal_paid_cdr_session
    on terminal_paid_cdr (cpo_country_code, cpo_party_id, authorization_reference);
create index terminal_paid_cdr_end on terminal_paid_cdr (session_end);

-- A FAC may arrive after its CDR was booked for an eMSP: the booking is found by the CDR's payment keys.
alter table booked_rating add column authorization_reference varchar(36);
alter table booked_rating add column invoice_reference_id varchar(39);
create index booked_rating_session on booked_rating (cpo_country_code, cpo_party_id, authorization_reference)
    where authorization_reference is not null;
