-- The clearing house's journal: insert-only, double-entry, integer minor units. Each entry is balanced
-- (debits = credits, one currency per entry), checked by the database at commit; a correction is a new entry.
create table journal_entry (
    id                 uuid         primary key,
    idempotency_key    varchar(200) not null unique,
    cpo_country_code   varchar(2)   not null,
    cpo_party_id       varchar(3)   not null,
    cdr_id             varchar(39)  not null,
    emsp_country_code  varchar(2)   not null,
    emsp_party_id      varchar(3)   not null,
    purpose            varchar(12)  not null check (purpose in ('CDR', 'REVERSAL')),
    rating_revision    int          not null check (rating_revision > 0),
    currency           varchar(3)   not null check (currency ~ '^[A-Z]{3}$'),
    session_end        timestamptz  not null,
    posted_at          timestamptz  not null
);
create index journal_entry_cdr on journal_entry (cpo_country_code, cpo_party_id, cdr_id);

create table journal_line (
    id           bigserial   primary key,
    entry_id     uuid        not null references journal_entry (id),
    account      varchar(64) not null,
    party        varchar(8),
    side         varchar(6)  not null check (side in ('DEBIT', 'CREDIT')),
    amount_minor bigint      not null check (amount_minor > 0)
);
create index journal_line_account on journal_line (account);
create index journal_line_entry on journal_line (entry_id);

create function ledger_insert_only() returns trigger language plpgsql as $$
begin
    raise exception 'the journal is insert-only: % on % is not allowed; post a reversing entry instead',
        tg_op, tg_table_name;
end
$$;
create trigger journal_entry_insert_only before update or delete or truncate on journal_entry
    for each statement execute function ledger_insert_only();
create trigger journal_line_insert_only before update or delete or truncate on journal_line
    for each statement execute function ledger_insert_only();

create function ledger_entry_balanced() returns trigger language plpgsql
    set search_path from current as $$
declare
    debits  bigint;
    credits bigint;
begin
    select coalesce(sum(amount_minor) filter (where side = 'DEBIT'), 0),
           coalesce(sum(amount_minor) filter (where side = 'CREDIT'), 0)
      into debits, credits
      from journal_line where entry_id = new.entry_id;
    if debits <> credits then
        raise exception 'journal entry % is not balanced: debits % <> credits %', new.entry_id, debits, credits;
    end if;
    return null;
end
$$;
create constraint trigger journal_line_balanced after insert on journal_line
    deferrable initially deferred for each row execute function ledger_entry_balanced();

-- What the ledger booked for each CDR: the rating revision and its amounts, to tell a replay (nothing to do)
-- from a re-rating (reverse, then book the new amounts).
create table booked_rating (
    cpo_country_code     varchar(2)  not null,
    cpo_party_id         varchar(3)  not null,
    cdr_id               varchar(39) not null,
    rating_revision      int         not null,
    currency             varchar(3)  not null,
    emsp_payable_minor   bigint      not null,
    cpo_receivable_minor bigint      not null,
    hub_fee_minor        bigint      not null,
    entry_id             uuid,
    primary key (cpo_country_code, cpo_party_id, cdr_id)
);
