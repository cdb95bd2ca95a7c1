-- The parties' Plug & Charge and payment terminal attributes from hub.party.v1 (docs/adr/0029-plug-and-charge.md):
-- the EMAID provider ids an eMSP holds, comma-separated in normal form (e.g. 'NLTNM,NLTN2'; '' for none), and
-- whether a party of role OTHER is a payment terminal provider.
alter table party_directory add column emaid_provider_ids varchar(1000) not null default '';
alter table party_directory add column payment_terminal_provider boolean not null default false;
