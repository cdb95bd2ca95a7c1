-- The hashes of the tokens the hub issued to each platform, from hub.party.v1: how the party API knows which
-- platform calls it (and so which parties' sessions it may follow). The tokens themselves are never stored.
-- Platforms known before this table existed appear here at their next change on hub.party.v1.
create table platform_credential (
    token_hash      varchar(64)  primary key,
    platform_id     varchar(64)  not null,
    kind            varchar(1)   not null check (kind in ('A', 'C')),
    platform_status varchar(16)  not null,
    plain_tokens    boolean      not null default false,
    expires_at      timestamptz
);
create index platform_credential_platform on platform_credential (platform_id);
