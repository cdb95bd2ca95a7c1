-- Plug & Charge: the EMAID provider ids (e.g. NLTNM) each eMSP holds, so an authorization of a contract id that
-- starts with one is routed to that eMSP (docs/adr/0029-plug-and-charge.md). A provider id belongs to one live
-- party at a time: the primary key enforces it, and unregistering a platform deletes its rows.
create table emaid_provider (
    provider_id  varchar(5)  primary key check (provider_id ~ '^[A-Z]{2}[A-Z0-9]{3}$'),
    platform_id  varchar(64) not null references platform (id),
    country_code varchar(2)  not null,
    party_id     varchar(3)  not null,
    role         varchar(8)  not null check (role = 'EMSP'),
    foreign key (platform_id, country_code, party_id, role)
        references platform_party (platform_id, country_code, party_id, role)
);
create index emaid_provider_party on emaid_provider (platform_id, country_code, party_id);

-- Payment terminals: a party of role OTHER may be a payment terminal provider (OCPI 2.3.0 payments module).
alter table platform_party add column payment_terminal_provider boolean not null default false;
alter table platform_party add constraint platform_party_terminal_provider_is_other
    check (not payment_terminal_provider or role = 'OTHER');
