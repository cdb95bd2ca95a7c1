-- The hub's own OCPI 2.3.0 invoice reconciliation records (docs/adr/0032-invoice-reconciliation.md, "The hub's own
-- records"): one or more per statement, written in the run's transaction with their settlement.invoice-record.v1
-- events. The statement is the invoice (invoice_id = the statement id); a record lists at most a configured number of
-- its CDR ids (chargeclear.settlement.invoice-records.cdrs-per-record), each CiString(36). Insert-only, like the run.
create table invoice_record (
    id                  varchar(36) primary key,
    statement_id        uuid        not null references settlement_statement (id),
    run_id              uuid        not null references settlement_run (id),
    part                int         not null,
    parts               int         not null,
    issuer_country_code varchar(2)  not null,
    issuer_party_id     varchar(3)  not null,
    -- JSON arrays of strings: the ids the record lists (at least one), and on part 1 the statement's ids longer than
    -- 36 characters, which no record can list
    cdr_ids             text        not null check (cdr_ids like '["%'),
    omitted_cdr_ids     text        not null check (omitted_cdr_ids like '[%' and (part = 1 or omitted_cdr_ids = '[]')),
    last_updated        timestamptz not null,
    check (part between 1 and parts),
    unique (statement_id, part)
);
create index invoice_record_run on invoice_record (run_id);

create trigger invoice_record_insert_only before update or delete or truncate on invoice_record
    for each statement execute function ledger_insert_only();
