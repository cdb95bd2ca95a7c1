-- Tax lines (docs/adr/0028-tax-lines-in-settlement.md): every journal entry keeps the tax lines of the rating it
-- books, as the rating gave them (name, percentage, amount, in the entry's currency); a reversal keeps the lines of
-- the entry it reverses, negated. A statement keeps its taxes summed per tax name and percentage, rounded once.
-- Both are insert-only, like the journal and the statements. Entries booked before this migration have no lines.
create table journal_tax_line (
    entry_id   uuid    not null references journal_entry (id),
    line_no    int     not null check (line_no >= 0),
    name       text    not null check (name <> ''),
    percentage numeric,
    amount     numeric not null,
    primary key (entry_id, line_no)
);

create table statement_tax_line (
    statement_id uuid   not null references settlement_statement (id),
    line_no      int    not null check (line_no >= 0),
    name         text   not null check (name <> ''),
    percentage   numeric,
    amount_minor bigint not null,
    primary key (statement_id, line_no)
);

create trigger journal_tax_line_insert_only before update or delete or truncate on journal_tax_line
    for each statement execute function ledger_insert_only();
create trigger statement_tax_line_insert_only before update or delete or truncate on statement_tax_line
    for each statement execute function ledger_insert_only();
