-- The hashes of the tokens the hub issued to each platform, kept from hub.party.v1 by the services that
-- authenticate partners: the table behind io.chargeclear.kit.directory.PlatformCredential, so it lives with it.
-- The gateway (V1, V2), tracking (V2) and settlement (V3) created it in their own migrations before it moved here.
-- Their databases already have it, and on a fresh database their own migration still runs after this one (0.16
-- sorts before 1), so they set the placeholder platform_credential_ddl to "service" and this migration leaves the
-- table to them; a service without such a migration leaves the kit's default, "kit", and gets the table here.
-- Either way the columns are the same (ADR 0018). The credential lookups (by token hash, by platform) are the
-- primary key and platform_credential_platform.
do $$
begin
    if '${platform_credential_ddl}' = 'kit' then
        create table if not exists platform_credential (
            token_hash      varchar(64)  primary key,
            platform_id     varchar(64)  not null,
            kind            varchar(1)   not null check (kind in ('A', 'C')),
            platform_status varchar(16)  not null,
            plain_tokens    boolean      not null default false,
            expires_at      timestamptz
        );
        create index if not exists platform_credential_platform on platform_credential (platform_id);
    end if;
end $$;
