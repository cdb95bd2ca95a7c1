-- Platforms on OCPI 2.1.1/2.2 send and expect tokens without Base64; only they may present a plain token.
alter table platform_credential add column plain_tokens boolean not null default false;
