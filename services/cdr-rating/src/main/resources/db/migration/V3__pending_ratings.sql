-- A CDR whose location, tariff, agreement or credited CDR has not reached rating yet waits PENDING for a bounded
-- grace (chargeclear.rating.pending-grace) instead of being flagged at once: the topics carry no order between
-- them, so a CDR often overtakes the reference data pushed just before it (docs/adr/0022). Nothing is published
-- for a PENDING CDR; pending_since is when it started waiting, the grace runs from there.
alter table cdr_rating drop constraint cdr_rating_status_check;
alter table cdr_rating add constraint cdr_rating_status_check check (status in ('PENDING', 'RATED', 'FLAGGED'));
alter table cdr_rating add column pending_since timestamptz;
alter table cdr_rating add constraint cdr_rating_pending_since check ((status = 'PENDING') = (pending_since is not null));
-- the sweep's expired PENDING CDRs, oldest first
create index cdr_rating_pending on cdr_rating (pending_since) where status = 'PENDING';

-- What a waiting CDR (PENDING, or FLAGGED for a reason a later event can fix) waits for, so a reference event rates
-- only the CDRs waiting for that object. The object is the CDR's CPO's (country_code, party_id) plus ref_id:
--   LOCATION          ref_id = the location id
--   TARIFF            ref_id = the tariff id
--   AGREEMENT         ref_id = the eMSP as 'CC*PID'
--   CREDIT_REFERENCE  ref_id = the id of the CDR a credit CDR reverses
-- due: the object arrived and the CDR was not rated in that event's transaction yet (more waited than one event
-- rates, or the row was locked); the sweep rates it. checked_at: when the CDR was last evaluated, so the sweep can
-- look again at flagged CDRs nothing has re-rated for a while.
create table cdr_rating_wait (
    country_code  varchar(2)   not null,
    party_id      varchar(3)   not null,
    cdr_id        varchar(39)  not null,
    kind          varchar(16)  not null check (kind in ('LOCATION', 'TARIFF', 'AGREEMENT', 'CREDIT_REFERENCE')),
    ref_id        varchar(39)  not null,
    due           boolean      not null default false,
    checked_at    timestamptz  not null,
    primary key (country_code, party_id, cdr_id, kind, ref_id),
    foreign key (country_code, party_id, cdr_id) references cdr_rating (country_code, party_id, cdr_id)
        on delete cascade
);
create index cdr_rating_wait_object on cdr_rating_wait (kind, country_code, party_id, ref_id);
create index cdr_rating_wait_due on cdr_rating_wait (country_code, party_id, cdr_id) where due;
create index cdr_rating_wait_checked on cdr_rating_wait (checked_at);

-- Flagged CDRs of the time before this migration that wait for something: recorded as due, so the first sweep
-- rates them once and records what each still waits for.
insert into cdr_rating_wait (country_code, party_id, cdr_id, kind, ref_id, due, checked_at)
select country_code, party_id, cdr_id, 'LOCATION', '*', true, now()
from cdr_rating
where status = 'FLAGGED'
  and (reasons like '%UNKNOWN_TARIFF%' or reasons like '%UNKNOWN_LOCATION%' or reasons like '%NO_AGREEMENT%'
       or reasons like '%UNKNOWN_CREDIT_REFERENCE%');
