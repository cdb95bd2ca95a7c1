-- What the gateway needs to call a connected partner: the endpoints it published in its 2.2.1 version details
-- and the token it gave the hub (token B), sealed with AES-256-GCM. Written by the credentials handshake the
-- gateway itself performs (ADR 0008).
create table partner_connection (
    platform_id    varchar(64) primary key,
    version        varchar(8)  not null,
    endpoints      text        not null,
    token_b_sealed text        not null,
    plain_tokens   boolean     not null,
    connected_at   timestamptz not null
);

-- The hub's current copy of every location, tariff, token, session and CDR it routed, per owner. seq is the
-- creation order: OCPI GET lists are served oldest first and paged on it (keyset), so new objects only ever
-- change the last page.
create table ocpi_object (
    seq                    bigserial    primary key,
    module                 varchar(16)  not null,
    country_code           varchar(2)   not null,
    party_id               varchar(3)   not null,
    object_id              varchar(64)  not null,
    token_type             varchar(16)  not null default '',
    body                   text         not null,
    last_updated           timestamptz  not null,
    recipient_country_code varchar(2),
    recipient_party_id     varchar(3),
    sender_platform        varchar(64)  not null,
    received_at            timestamptz  not null,
    unique (module, country_code, party_id, object_id, token_type)
);
create index ocpi_object_module_seq on ocpi_object (module, seq);
create index ocpi_object_module_id on ocpi_object (module, object_id);

-- The per-receiver delivery queue: jobs arrive from ocpi.delivery.v1 (keyed by receiver platform) and are
-- delivered strictly in seq order per receiver. PENDING jobs wait; DELIVERED and FAILED are history.
create table delivery_job (
    seq               bigserial    primary key,
    delivery_id       uuid         not null unique,
    receiver_platform varchar(64)  not null,
    module            varchar(32),
    interface_role    varchar(8),
    path              text,
    url               text,
    method            varchar(8)   not null,
    headers           text         not null,
    body              text,
    object_key        varchar(255),
    status            varchar(12)  not null check (status in ('PENDING', 'DELIVERED', 'FAILED')),
    attempts          int          not null default 0,
    last_error        text,
    requested_at      timestamptz  not null,
    finished_at       timestamptz
);
create index delivery_job_pending on delivery_job (receiver_platform, seq) where status = 'PENDING';

-- One row per receiver: its backoff after consecutive failures and the lease of the gateway replica
-- delivering to it, so one receiver is served by one replica at a time, in order.
create table delivery_receiver (
    platform_id          varchar(64) primary key,
    next_attempt_at      timestamptz not null,
    consecutive_failures int         not null default 0,
    last_error           text,
    leased_by            varchar(64),
    leased_until         timestamptz
);

-- Commands and charging-profile requests in flight: the eMSP's own response_url, replaced by a hub URL
-- carrying the id, so the CPO's asynchronous result finds its way back.
create table relayed_request (
    id                   uuid         primary key,
    module               varchar(16)  not null,
    command              varchar(32)  not null,
    emsp_country_code    varchar(2)   not null,
    emsp_party_id        varchar(3)   not null,
    emsp_platform        varchar(64)  not null,
    cpo_country_code     varchar(2)   not null,
    cpo_party_id         varchar(3)   not null,
    response_url         text         not null,
    correlation_id       varchar(255),
    created_at           timestamptz  not null,
    result_at            timestamptz
);

-- Agreements and the standard terms, from hub.agreement.v1: who may roam with whom, per module.
create table agreement_view (
    agreement_id      varchar(64)  primary key,
    status            varchar(8)   not null,
    revision          bigint       not null,
    cpo_country_code  varchar(2)   not null,
    cpo_party_id      varchar(3)   not null,
    emsp_country_code varchar(2)   not null,
    emsp_party_id     varchar(3)   not null,
    valid_from        timestamptz  not null,
    valid_until       timestamptz,
    modules           text         not null
);
create index agreement_view_cpo on agreement_view (cpo_country_code, cpo_party_id);
create index agreement_view_emsp on agreement_view (emsp_country_code, emsp_party_id);

create table standard_terms_view (
    id       smallint    primary key check (id = 1),
    mode     varchar(24) not null,
    revision bigint      not null,
    modules  text        not null
);
