-- The hashes of the tokens the hub issued to each platform, from hub.party.v1: how the gateway knows who
-- calls it without asking the registry. The tokens themselves are never stored here.
create table platform_credential (
    token_hash      varchar(64)  primary key,
    platform_id     varchar(64)  not null,
    kind            varchar(1)   not null check (kind in ('A', 'C')),
    platform_status varchar(16)  not null,
    expires_at      timestamptz
);
create index platform_credential_platform on platform_credential (platform_id);
