-- Only in services that keep a party directory (flyway location db/kit-directory).

-- This service's view of the party registry, fed from hub.party.v1.
create table party_directory (
    country_code  varchar(2)   not null,
    party_id      varchar(3)   not null,
    role          varchar(8)   not null,
    name          varchar(100),
    platform_id   varchar(64)  not null,
    platform_name varchar(100) not null,
    status        varchar(16)  not null,
    revision      bigint       not null,
    updated_at    timestamptz  not null,
    primary key (country_code, party_id, role)
);
create index party_directory_platform on party_directory (platform_id);

create table platform_revision (
    platform_id varchar(64) primary key,
    revision    bigint      not null
);
