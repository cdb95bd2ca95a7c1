-- Platforms and the parties the operator approved for each. A party (country_code, party_id, role) can
-- be claimed by one live platform only: the partial unique index enforces it.
create table platform (
    id         varchar(64)  primary key,
    name       varchar(100) not null,
    status     varchar(16)  not null check (status in ('ACTIVE', 'SUSPENDED', 'UNREGISTERED')),
    revision   bigint       not null check (revision > 0),
    created_at timestamptz  not null,
    updated_at timestamptz  not null
);

create table platform_party (
    platform_id  varchar(64)  not null references platform (id),
    country_code varchar(2)   not null check (country_code ~ '^[A-Z]{2}$'),
    party_id     varchar(3)   not null check (party_id ~ '^[A-Z0-9]{3}$'),
    role         varchar(8)   not null check (role in ('CPO', 'EMSP', 'NSP', 'OTHER')),
    name         varchar(100) not null,
    live         boolean      not null default true,
    primary key (platform_id, country_code, party_id, role)
);
create unique index platform_party_one_live_claim on platform_party (country_code, party_id, role) where live;

-- Tokens the hub issued to a platform, stored as SHA-256 hashes only.
create table platform_token (
    token_hash  varchar(64) primary key,
    platform_id varchar(64) not null references platform (id),
    kind        varchar(1)  not null check (kind in ('A', 'C')),
    issued_at   timestamptz not null,
    revoked_at  timestamptz
);
create index platform_token_platform on platform_token (platform_id);
