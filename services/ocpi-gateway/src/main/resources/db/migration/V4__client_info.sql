-- HubClientInfo (OCPI 2.2.1 §mod_hub_client_info): where the hub probes a connected platform (its versions
-- URL), since when it has not answered (OFFLINE), and when it last answered anything.
alter table partner_connection add column versions_url text;
alter table partner_connection add column offline_since timestamptz;
alter table partner_connection add column last_contact_at timestamptz;

-- The ConnectionStatus last pushed to the other platforms for each party, so a push goes out only on a change.
create table client_info_announced (
    country_code varchar(2)  not null,
    party_id     varchar(3)  not null,
    role         varchar(8)  not null,
    status       varchar(16) not null,
    announced_at timestamptz not null,
    primary key (country_code, party_id, role)
);
