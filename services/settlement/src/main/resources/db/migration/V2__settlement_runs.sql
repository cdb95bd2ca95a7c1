-- Settlement runs (docs/adr/0011-settlement-runs.md): what each journal entry carries for statements, the runs
-- with their statements and net positions (insert-only, like the journal), and disputes.

-- Facts of the booked CDR that statements report. Entries booked before this migration carry none (energy 0).
alter table journal_entry add column energy_kwh numeric(14, 4);
alter table journal_entry add column reverses_cdr_id varchar(39);
alter table journal_entry add column agreement_id varchar(64);
alter table booked_rating add column energy_kwh numeric(14, 4);

-- One run per period; periods follow each other without gaps or overlaps.
create table settlement_run (
    id            uuid         primary key,
    period_start  timestamptz  not null unique,
    period_end    timestamptz  not null unique,
    period_length varchar(8)   not null check (period_length in ('DAILY', 'WEEKLY', 'MONTHLY')),
    time_zone     varchar(64)  not null,
    entry_count   int          not null check (entry_count >= 0),
    ran_at        timestamptz  not null,
    check (period_end > period_start)
);

create table settlement_statement (
    id                   uuid          primary key,
    run_id               uuid          not null references settlement_run (id),
    cpo_country_code     varchar(2)    not null,
    cpo_party_id         varchar(3)    not null,
    emsp_country_code    varchar(2)    not null,
    emsp_party_id        varchar(3)    not null,
    currency             varchar(3)    not null check (currency ~ '^[A-Z]{3}$'),
    cdr_count            int           not null check (cdr_count >= 0),
    entry_count          int           not null check (entry_count > 0),
    late_entry_count     int           not null check (late_entry_count between 0 and entry_count),
    energy_kwh           numeric(18, 4) not null,
    emsp_payable_minor   bigint        not null,
    cpo_receivable_minor bigint        not null,
    hub_fee_minor        bigint        not null,
    check (emsp_payable_minor = cpo_receivable_minor + hub_fee_minor),
    unique (run_id, cpo_country_code, cpo_party_id, emsp_country_code, emsp_party_id, currency)
);
create index settlement_statement_cpo on settlement_statement (cpo_country_code, cpo_party_id);
create index settlement_statement_emsp on settlement_statement (emsp_country_code, emsp_party_id);

-- Every journal entry is settled at most once (the primary key), in one statement.
create table settled_entry (
    entry_id     uuid    primary key references journal_entry (id),
    run_id       uuid    not null references settlement_run (id),
    statement_id uuid    not null references settlement_statement (id),
    late         boolean not null
);
create index settled_entry_statement on settled_entry (statement_id);

create table net_position (
    id               uuid        primary key,
    run_id           uuid        not null references settlement_run (id),
    party_country_code varchar(2) not null,
    party_id         varchar(3)  not null,
    currency         varchar(3)  not null,
    receivable_minor bigint      not null,
    payable_minor    bigint      not null,
    net_minor        bigint      not null,
    direction        varchar(16) not null check (direction in ('HUB_PAYS_PARTY', 'PARTY_PAYS_HUB', 'NONE')),
    check (net_minor = receivable_minor - payable_minor),
    unique (run_id, party_country_code, party_id, currency)
);

create trigger settlement_run_insert_only before update or delete or truncate on settlement_run
    for each statement execute function ledger_insert_only();
create trigger settlement_statement_insert_only before update or delete or truncate on settlement_statement
    for each statement execute function ledger_insert_only();
create trigger settled_entry_insert_only before update or delete or truncate on settled_entry
    for each statement execute function ledger_insert_only();
create trigger net_position_insert_only before update or delete or truncate on net_position
    for each statement execute function ledger_insert_only();

-- Disputes hold a CDR (and any credit CDR that reverses it) out of settlement until resolved.
create table dispute (
    id                     uuid         primary key,
    cpo_country_code       varchar(2)   not null,
    cpo_party_id           varchar(3)   not null,
    cdr_id                 varchar(39)  not null,
    opened_by_country_code varchar(2)   not null,
    opened_by_party_id     varchar(3)   not null,
    reason                 varchar(1000) not null,
    opened_at              timestamptz  not null,
    status                 varchar(8)   not null check (status in ('OPEN', 'RESOLVED')),
    resolution             varchar(10)  check (resolution in ('ACCEPTED', 'CORRECTED', 'REJECTED')),
    resolution_note        varchar(1000),
    resolved_at            timestamptz,
    check ((status = 'OPEN') = (resolution is null))
);
create unique index dispute_one_open_per_cdr on dispute (cpo_country_code, cpo_party_id, cdr_id) where status = 'OPEN';
create index journal_entry_reverses on journal_entry (cpo_country_code, cpo_party_id, reverses_cdr_id);
create index journal_entry_session_end on journal_entry (session_end);

-- The dispute window of each agreement and of the hub's standard terms, from hub.agreement.v1.
create table dispute_window (
    terms_id    varchar(64) primary key,
    days        int         not null check (days >= 0),
    revision    bigint      not null
);
