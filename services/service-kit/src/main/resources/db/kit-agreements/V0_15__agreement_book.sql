-- Only in services that keep the agreement book (flyway location db/kit-agreements,
-- build property chargeclear.agreement-book.enabled=true). docs/adr/0017-one-agreement-book.md

-- Every agreement snapshot from hub.agreement.v1 (kind AGREEMENT, keyed by agreement id) and the hub's standard
-- terms (kind STANDARD_TERMS, the one row keyed 'standard-terms'). A row only moves forward by revision: the
-- book's upsert changes it only when the incoming revision is newer. Amounts are exact (unconstrained numeric keeps
-- every digit the event carried); modules are comma-separated OCPI module ids.
create table agreement_book (
    terms_id                       varchar(64) primary key,
    kind                           varchar(16) not null check (kind in ('AGREEMENT', 'STANDARD_TERMS')),
    revision                       bigint      not null check (revision >= 0),
    status                         varchar(8)  check (status in ('ACTIVE', 'ENDED')),
    mode                           varchar(24) check (mode in ('AGREEMENT_REQUIRED', 'OPEN_MARKET')),
    cpo_country_code               varchar(2),
    cpo_party_id                   varchar(3),
    emsp_country_code              varchar(2),
    emsp_party_id                  varchar(3),
    valid_from                     timestamptz,
    valid_until                    timestamptz,
    ended_at                       timestamptz,
    modules                        text        not null,
    fee_percent                    numeric     check (fee_percent between 0 and 100),
    fee_per_session                numeric,
    fee_currency                   varchar(3),
    cdr_within_hours               int,
    authorization_answer_within_ms int,
    dispute_window_days            int         not null check (dispute_window_days >= 0),
    changed_at                     timestamptz,
    check ((fee_per_session is null) = (fee_currency is null)),
    check (kind <> 'AGREEMENT' or (status is not null and mode is null and cpo_country_code is not null
        and cpo_party_id is not null and emsp_country_code is not null and emsp_party_id is not null
        and valid_from is not null)),
    check (kind <> 'STANDARD_TERMS' or (terms_id = 'standard-terms' and mode is not null and status is null
        and cpo_country_code is null and emsp_country_code is null))
);
