-- What the hub found when it checked an invoice reconciliation record against what it routed: one row per record and
-- CDR and kind (UNKNOWN_CDR, NOT_DELIVERED_TO_COUNTERPARTY, ON_ANOTHER_RECORD, CREDITED, TERMINAL_PAID). Recomputed
-- whenever the issuer sends the record again; removed with the record. A report, never a reason to refuse.
create table reconciliation_discrepancy (
    issuer_country_code       varchar(2)   not null,
    issuer_party_id           varchar(3)   not null,
    record_id                 varchar(64)  not null,
    counterparty_country_code varchar(2)   not null,
    counterparty_party_id     varchar(3)   not null,
    invoice_id                varchar(255) not null,
    cdr_id                    varchar(64)  not null,
    kind                      varchar(32)  not null,
    detail                    text         not null,
    detected_at               timestamptz  not null,
    primary key (issuer_country_code, issuer_party_id, record_id, cdr_id, kind)
);
create index reconciliation_discrepancy_detected on reconciliation_discrepancy (detected_at);
