-- The hub's own invoice reconciliation records (docs/adr/0032-invoice-reconciliation.md, "The hub's own records"):
-- settlement issues one or more per statement from the hub's party; the gateway keeps each as a hub-owned
-- ocpi_object whose recipient is the statement's eMSP and sends a copy to its CPO. The copy's party may read the record
-- on the Sender interface as the recipient may, so it is kept beside the recipient. Null for every other object.
alter table ocpi_object add column copy_country_code varchar(2);
alter table ocpi_object add column copy_party_id varchar(3);
create index ocpi_object_copy on ocpi_object (module, copy_country_code, copy_party_id)
    where copy_country_code is not null;
