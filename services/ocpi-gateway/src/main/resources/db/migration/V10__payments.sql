-- OCPI 2.3.0 payments: the hub keeps payment terminals and financial advice confirmations as routed objects
-- (modules 'terminals' and 'financial-advice-confirmations'), so the module name needs more room.
alter table ocpi_object alter column module type varchar(32);

-- A confirmation that names no CPO goes to the CPO whose sessions to the provider carry its authorization_reference.
create index ocpi_object_authorization_reference on ocpi_object
    (recipient_country_code, recipient_party_id, ((body::jsonb ->> 'authorization_reference')))
    where module in ('sessions', 'cdrs');
