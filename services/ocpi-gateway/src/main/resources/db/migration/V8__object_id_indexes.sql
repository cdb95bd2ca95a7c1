-- Lookups of a stored OCPI object by id compare ids case-insensitively (OCPI 2.2.1 CiString): ObjectStore filters
-- on lower(object_id) = lower(?), which the plain (module, object_id) index and the unique constraint cannot serve,
-- so every real-time authorization by token uid and every GET or PATCH of one object scanned the module's rows.
-- These functional indexes hold exactly the expressions the queries use (docs/adr/0019-no-commit-on-the-request-path.md).

-- open routing by id (Authorizations: the token's owner), whoever owns the object
create index ocpi_object_module_lower_id on ocpi_object (module, lower(object_id));

-- one owner's object (GET/PUT/PATCH of one object; findForUpdate locks it)
create index ocpi_object_owner_lower_id on ocpi_object (module, country_code, party_id, lower(object_id), token_type);
