-- Roaming agreements and the hub's standard terms (docs/adr/0005-agreements-and-standard-terms.md).
-- An agreement binds a CPO party to an eMSP party for a window of time [valid_from, valid_until); null
-- valid_until means open-ended. Parties are named by their OCPI identity (the role follows from the column),
-- not by platform: a party keeps its agreements if it moves to another platform. Overlap of ACTIVE
-- agreements of one pair is checked by the service under a lock on the CPO party's row.
create table agreement (
    id                                 varchar(64)    primary key,
    status                             varchar(8)     not null check (status in ('ACTIVE', 'ENDED')),
    cpo_country_code                   varchar(2)     not null check (cpo_country_code ~ '^[A-Z]{2}$'),
    cpo_party_id                       varchar(3)     not null check (cpo_party_id ~ '^[A-Z0-9]{3}$'),
    emsp_country_code                  varchar(2)     not null check (emsp_country_code ~ '^[A-Z]{2}$'),
    emsp_party_id                      varchar(3)     not null check (emsp_party_id ~ '^[A-Z0-9]{3}$'),
    valid_from                         timestamptz    not null,
    valid_until                        timestamptz,
    -- OCPI functional module ids, comma separated, in a fixed order
    modules                            varchar(200)   not null check (modules ~
        '^(cdrs|chargingprofiles|commands|locations|sessions|tariffs|tokens)(,(cdrs|chargingprofiles|commands|locations|sessions|tariffs|tokens))*$'),
    hub_fee_percent                    numeric(7, 4)  check (hub_fee_percent between 0 and 100),
    hub_fee_per_session_amount         numeric(18, 6) check (hub_fee_per_session_amount >= 0),
    hub_fee_per_session_currency       varchar(3)     check (hub_fee_per_session_currency ~ '^[A-Z]{3}$'),
    sla_cdr_within_hours               integer        not null check (sla_cdr_within_hours between 1 and 8760),
    sla_authorization_answer_within_ms integer        not null check (sla_authorization_answer_within_ms between 1 and 60000),
    dispute_window_days                integer        not null check (dispute_window_days between 1 and 730),
    revision                           bigint         not null check (revision > 0),
    created_at                         timestamptz    not null,
    updated_at                         timestamptz    not null,
    ended_at                           timestamptz,
    -- money is amount and currency together, or neither
    constraint agreement_fee_money_whole check ((hub_fee_per_session_amount is null) = (hub_fee_per_session_currency is null)),
    constraint agreement_has_fee check (hub_fee_percent is not null or hub_fee_per_session_amount is not null),
    -- an agreement ended before it started keeps an empty window [valid_from, valid_from)
    constraint agreement_window_order check (valid_until is null or valid_until > valid_from
        or (status = 'ENDED' and valid_until = valid_from)),
    constraint agreement_ended_at check ((status = 'ENDED') = (ended_at is not null))
);
create index agreement_active_pair on agreement (cpo_country_code, cpo_party_id, emsp_country_code, emsp_party_id)
    where status = 'ACTIVE';
create index agreement_emsp on agreement (emsp_country_code, emsp_party_id);

-- The hub's standard terms: one row. They govern pairs without an agreement in effect when mode is
-- OPEN_MARKET; AGREEMENT_REQUIRED (the default) lets no such pair roam.
create table standard_terms (
    id                                 smallint       primary key check (id = 1),
    mode                               varchar(20)    not null check (mode in ('AGREEMENT_REQUIRED', 'OPEN_MARKET')),
    modules                            varchar(200)   not null check (modules ~
        '^(cdrs|chargingprofiles|commands|locations|sessions|tariffs|tokens)(,(cdrs|chargingprofiles|commands|locations|sessions|tariffs|tokens))*$'),
    hub_fee_percent                    numeric(7, 4)  check (hub_fee_percent between 0 and 100),
    hub_fee_per_session_amount         numeric(18, 6) check (hub_fee_per_session_amount >= 0),
    hub_fee_per_session_currency       varchar(3)     check (hub_fee_per_session_currency ~ '^[A-Z]{3}$'),
    sla_cdr_within_hours               integer        not null check (sla_cdr_within_hours between 1 and 8760),
    sla_authorization_answer_within_ms integer        not null check (sla_authorization_answer_within_ms between 1 and 60000),
    dispute_window_days                integer        not null check (dispute_window_days between 1 and 730),
    revision                           bigint         not null check (revision > 0),
    updated_at                         timestamptz    not null,
    constraint standard_terms_fee_money_whole check ((hub_fee_per_session_amount is null) = (hub_fee_per_session_currency is null)),
    constraint standard_terms_has_fee check (hub_fee_percent is not null or hub_fee_per_session_amount is not null)
);

insert into standard_terms (id, mode, modules, hub_fee_percent, hub_fee_per_session_amount,
                            hub_fee_per_session_currency, sla_cdr_within_hours, sla_authorization_answer_within_ms,
                            dispute_window_days, revision, updated_at)
values (1, 'AGREEMENT_REQUIRED', 'cdrs,chargingprofiles,commands,locations,sessions,tariffs,tokens', 0, null, null,
        48, 5000, 30, 1, date_trunc('milliseconds', now()));

-- Publish the seeded terms like every later change, so consumers find them on hub.agreement.v1 from the start.
insert into outbox_event (id, topic, aggregate_id, type, source, subject, occurred_at, payload)
select gen_random_uuid(), 'hub.agreement.v1', 'standard-terms', 'hub.agreement.standard-terms-changed.v1',
       '/chargeclear/party-registry', 'standard-terms', t.updated_at,
       json_build_object(
           'mode', t.mode,
           'revision', t.revision,
           'modules', string_to_array(t.modules, ','),
           'hub_fee', json_build_object('percent', '0', 'per_session', null),
           'sla', json_build_object('cdr_within_hours', t.sla_cdr_within_hours,
                                    'authorization_answer_within_ms', t.sla_authorization_answer_within_ms),
           'dispute_window_days', t.dispute_window_days,
           'changed_at', to_char(t.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text
from standard_terms t;
