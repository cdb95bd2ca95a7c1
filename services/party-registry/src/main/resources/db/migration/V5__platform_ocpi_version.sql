-- The OCPI version a platform registered on (the version of the credentials endpoint it called: 2.2.1 or 2.3.0),
-- shared by all its parties (docs/adr/0025-ocpi-version-per-platform.md). Null while the platform is not connected.
-- Every platform connected before this migration registered on 2.2.1, the only version the hub spoke.
alter table platform add column ocpi_version text
    constraint platform_ocpi_version_format check (ocpi_version ~ '^[0-9]+\.[0-9]+(\.[0-9]+)?$');
update platform set ocpi_version = c.version from partner_connection c where c.platform_id = platform.id;
