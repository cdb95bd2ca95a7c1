-- Every version of every tariff the hub routed (from ocpi.tariff.v1), so a CDR is rated with the version in
-- effect at its session start. recipient is set for a tariff pushed to one eMSP only (a per-receiver tariff);
-- '' for a tariff pushed to everyone. A DELETE is kept as a version with deleted = true.
create table tariff_version (
    id                     bigserial    primary key,
    country_code           varchar(2)   not null,
    party_id               varchar(3)   not null,
    tariff_id              varchar(36)  not null,
    recipient              varchar(8)   not null default '',
    last_updated           timestamptz  not null,
    deleted                boolean      not null,
    body                   text,
    received_at            timestamptz  not null,
    unique (country_code, party_id, tariff_id, recipient, last_updated, deleted)
);
create index tariff_version_lookup on tariff_version (country_code, party_id, tariff_id);

-- The locations' time zones and connectors' tariffs (from ocpi.location.v1): a CDR's location names neither.
create table location_view (
    country_code varchar(2)   not null,
    party_id     varchar(3)   not null,
    location_id  varchar(36)  not null,
    time_zone    varchar(64)  not null,
    body         text         not null,
    last_updated timestamptz  not null,
    primary key (country_code, party_id, location_id)
);

-- Agreements and standard terms with their fees (from hub.agreement.v1).
create table agreement_terms (
    agreement_id         varchar(64)    primary key,
    status               varchar(8)     not null,
    revision             bigint         not null,
    cpo_country_code     varchar(2)     not null,
    cpo_party_id         varchar(3)     not null,
    emsp_country_code    varchar(2)     not null,
    emsp_party_id        varchar(3)     not null,
    valid_from           timestamptz    not null,
    valid_until          timestamptz,
    ended_at             timestamptz,
    fee_percent          numeric(7, 4),
    fee_per_session      numeric(18, 6),
    fee_currency         varchar(3)
);
create index agreement_terms_pair on agreement_terms (cpo_country_code, cpo_party_id, emsp_country_code, emsp_party_id);

create table standard_terms (
    id              smallint       primary key check (id = 1),
    mode            varchar(24)    not null,
    revision        bigint         not null,
    fee_percent     numeric(7, 4),
    fee_per_session numeric(18, 6),
    fee_currency    varchar(3)
);

-- The current rating of every CDR; its revisions went out as rating.cdr-rated.v1 / rating.cdr-flagged.v1.
create table cdr_rating (
    country_code        varchar(2)     not null,
    party_id            varchar(3)     not null,
    cdr_id              varchar(39)    not null,
    emsp_country_code   varchar(2)     not null,
    emsp_party_id       varchar(3)     not null,
    status              varchar(8)     not null check (status in ('RATED', 'FLAGGED')),
    reasons             text           not null,
    details             text           not null,
    revision            int            not null,
    cdr                 text           not null,
    currency            varchar(3)     not null,
    tariff_id           varchar(36),
    tariff_version      timestamptz,
    agreement_id        varchar(64),
    total_excl_vat      numeric(18, 6),
    total_incl_vat      numeric(18, 6),
    cpo_total_excl_vat  numeric(18, 6)  not null,
    cpo_total_incl_vat  numeric(18, 6),
    hub_fee             numeric(18, 6),
    emsp_payable        numeric(18, 6),
    cpo_receivable      numeric(18, 6),
    breakdown           text,
    reverses            varchar(39),
    operator_override   boolean        not null,
    rated_at            timestamptz    not null,
    primary key (country_code, party_id, cdr_id)
);
create index cdr_rating_flagged on cdr_rating (country_code, party_id) where status = 'FLAGGED';
