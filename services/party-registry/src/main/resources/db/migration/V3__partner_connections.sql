-- The partner side of a completed OCPI credentials handshake (docs/adr/0007-credentials-handshake-registry-side.md):
-- the version and endpoints the partner offers and the token B the hub uses to call it. Token B is stored
-- encrypted (AES-256-GCM, Base64 of iv || ciphertext || tag), never in clear. One row per connected platform;
-- the partner's OCPI DELETE credentials removes it.
create table partner_connection (
    platform_id        varchar(64)   primary key references platform (id),
    version            varchar(16)   not null,
    versions_url       varchar(2048) not null,
    -- JSON array of {identifier, role, url}
    endpoints          text          not null,
    token_b_ciphertext text          not null,
    connected_at       timestamptz   not null,
    updated_at         timestamptz   not null
);
