-- OCPI 2.2.1 and 2.3.0 side by side (ADR 0024): what version each stored object and each queued body is written in,
-- so the hub renders it for each receiver's version when it sends or serves it. Null in rows written before: 2.2.1.
alter table ocpi_object add column source_version varchar(8);
alter table delivery_job add column body_version varchar(8);

-- A job whose object the receiver's version cannot carry (an inclusive-tax tariff towards 2.2.1) is withheld, not
-- failed: the receiver did nothing wrong and a retry would withhold it again.
alter table delivery_job drop constraint delivery_job_status_check;
alter table delivery_job add constraint delivery_job_status_check
    check (status in ('PENDING', 'DELIVERED', 'FAILED', 'DROPPED', 'WITHHELD'));

-- What receivers on another version did not get, per receiver platform and loss code, for the operator.
create table version_loss (
    platform_id  varchar(64)  not null,
    code         varchar(48)  not null,
    count        bigint       not null,
    last_detail  text,
    last_at      timestamptz  not null,
    primary key (platform_id, code)
);
