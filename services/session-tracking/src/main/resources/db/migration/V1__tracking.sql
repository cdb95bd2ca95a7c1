-- Session tracking (docs/adr/0012-session-tracking.md). Every session is keyed by its owner (the CPO) and id.

-- One row per session: where it stands and what the hub knows of it.
create table tracked_session (
    id                      bigserial    primary key,
    country_code            varchar(2)   not null,
    party_id                varchar(3)   not null,
    session_id              varchar(36)  not null,
    emsp_country_code       varchar(2),
    emsp_party_id           varchar(3),
    state                   varchar(16)  not null,
    ocpi_status             varchar(16),
    -- the owner's last_updated of the newest session update applied (older ones go to the timeline only)
    session_last_updated    timestamptz,
    authorization_reference varchar(36),
    token_uid               varchar(36),
    location_id             varchar(36),
    start_date_time         timestamptz,
    end_date_time           timestamptz,
    kwh                     numeric(14, 4),
    currency                varchar(3),
    total_cost_excl_vat     numeric(14, 4),
    -- the period the list is filtered by: the session's start, or when the hub first saw it
    started_at              timestamptz  not null,
    first_seen_at           timestamptz  not null,
    -- tracking's clock when the last session update was consumed (the stuck watch counts from here)
    last_update_seen_at     timestamptz,
    stuck                   boolean      not null default false,
    cdr_received            boolean      not null default false,
    -- 0 until the first state is announced on tracking.session.v1
    revision                int          not null default 0,
    unique (country_code, party_id, session_id)
);
create index tracked_session_emsp on tracked_session (emsp_country_code, emsp_party_id, started_at);
create index tracked_session_started on tracked_session (started_at);
create index tracked_session_reference on tracked_session (country_code, party_id, authorization_reference);
create index tracked_session_token on tracked_session (country_code, party_id, token_uid);

-- Every lifecycle transition, insert-only.
create table session_transition (
    id           bigserial   primary key,
    country_code varchar(2)  not null,
    party_id     varchar(3)  not null,
    session_id   varchar(36) not null,
    from_state   varchar(16),
    to_state     varchar(16) not null,
    cause        varchar(64) not null,
    at           timestamptz not null
);
create index session_transition_session on session_transition (country_code, party_id, session_id, id);

-- Every distinct session update the CPO pushed; a redelivered or re-sent update is one row.
create table session_update (
    id           bigserial      primary key,
    country_code varchar(2)     not null,
    party_id     varchar(3)     not null,
    session_id   varchar(36)    not null,
    last_updated timestamptz    not null,
    status       varchar(16)    not null,
    kwh          numeric(14, 4),
    operation    varchar(8)     not null,
    received_at  timestamptz,
    unique (country_code, party_id, session_id, last_updated, status)
);

-- Commands relayed by the hub, kept until (and after) they are tied to a session.
create table tracked_command (
    command_id              varchar(64)  primary key,
    command                 varchar(32)  not null,
    cpo_country_code        varchar(2)   not null,
    cpo_party_id            varchar(3)   not null,
    emsp_country_code       varchar(2)   not null,
    emsp_party_id           varchar(3)   not null,
    token_uid               varchar(36),
    authorization_reference varchar(36),
    location_id             varchar(36),
    -- STOP_SESSION names its session; START_SESSION gets one when the session shows up
    session_id              varchar(36),
    requested_at            timestamptz,
    response_result         varchar(32),
    hub_status              int,
    timeout_seconds         int,
    result                  varchar(32),
    result_at               timestamptz
);
create index tracked_command_session on tracked_command (cpo_country_code, cpo_party_id, session_id);
create index tracked_command_reference on tracked_command (cpo_country_code, cpo_party_id, authorization_reference);
create index tracked_command_token on tracked_command (cpo_country_code, cpo_party_id, token_uid);

-- Real-time authorizations, tied to a session by authorization_reference (or the token).
create table tracked_authorization (
    authorization_id        varchar(64)  primary key,
    cpo_country_code        varchar(2)   not null,
    cpo_party_id            varchar(3)   not null,
    emsp_country_code       varchar(2),
    emsp_party_id           varchar(3),
    token_uid               varchar(36)  not null,
    authorization_reference varchar(36),
    allowed                 varchar(16),
    ocpi_status             int          not null,
    latency_ms              bigint,
    decided_at              timestamptz  not null,
    session_id              varchar(36)
);
create index tracked_authorization_session on tracked_authorization (cpo_country_code, cpo_party_id, session_id);
create index tracked_authorization_reference on tracked_authorization (cpo_country_code, cpo_party_id, authorization_reference);

-- CDRs by owner and id, with the session they close.
create table tracked_cdr (
    id                  bigserial      primary key,
    country_code        varchar(2)     not null,
    party_id            varchar(3)     not null,
    cdr_id              varchar(39)    not null,
    session_id          varchar(36)    not null,
    credit              boolean        not null,
    credit_reference_id varchar(39),
    total_energy        numeric(14, 4),
    currency            varchar(3),
    total_cost_excl_vat numeric(14, 4),
    end_date_time       timestamptz,
    last_updated        timestamptz    not null,
    received_at         timestamptz,
    seen_at             timestamptz    not null,
    unique (country_code, party_id, cdr_id)
);
create index tracked_cdr_session on tracked_cdr (country_code, party_id, session_id);

-- SLA timers: one per subject and kind; the scan fires due ones exactly once (fired_at) unless cancelled.
create table sla_timer (
    id           bigserial    primary key,
    subject      varchar(128) not null,
    kind         varchar(32)  not null,
    country_code varchar(2)   not null,
    party_id     varchar(3)   not null,
    session_id   varchar(36),
    command_id   varchar(64),
    due_at       timestamptz  not null,
    -- the terms the due time came from, for the breach's detail
    basis        varchar(255) not null,
    fired_at     timestamptz,
    cancelled_at timestamptz,
    unique (subject, kind)
);
create index sla_timer_due on sla_timer (due_at) where fired_at is null and cancelled_at is null;

-- Breaches: at most one per subject (session key, or command id) and kind.
create table sla_breach (
    breach_id         uuid         primary key,
    subject           varchar(128) not null,
    kind              varchar(32)  not null,
    country_code      varchar(2)   not null,
    party_id          varchar(3)   not null,
    session_id        varchar(36),
    emsp_country_code varchar(2),
    emsp_party_id     varchar(3),
    command_id        varchar(64),
    authorization_id  varchar(64),
    cdr_id            varchar(39),
    due_at            timestamptz,
    detected_at       timestamptz  not null,
    detail            text         not null,
    unique (subject, kind)
);
create index sla_breach_detected on sla_breach (detected_at);
create index sla_breach_session on sla_breach (country_code, party_id, session_id);

-- The SLA terms tracking watches, from hub.agreement.v1.
create table agreement_sla (
    agreement_id      varchar(64) primary key,
    revision          bigint      not null,
    status            varchar(16) not null,
    cpo_country_code  varchar(2)  not null,
    cpo_party_id      varchar(3)  not null,
    emsp_country_code varchar(2)  not null,
    emsp_party_id     varchar(3)  not null,
    valid_from        timestamptz not null,
    valid_until       timestamptz,
    ended_at          timestamptz,
    cdr_within_hours  int,
    authorization_answer_within_ms int
);
create index agreement_sla_pair on agreement_sla (cpo_country_code, cpo_party_id, emsp_country_code, emsp_party_id);

create table standard_sla (
    id               smallint    primary key,
    revision         bigint      not null,
    mode             varchar(32) not null,
    cdr_within_hours int,
    authorization_answer_within_ms int
);
