-- Records a consumer could not apply (a permanent failure: unreadable payload, a value the database or the
-- domain refuses). Parked in their own transaction so the channel moves on; the operator retries or discards
-- them (docs/operations/dead-letters.md). The inbox row of a parked event is written only when a retry applies it.
create table dead_letter (
    id              uuid primary key,
    consumer        varchar(128) not null,
    event_id        varchar(255) not null,
    event_type      varchar(128),
    -- what is needed to apply the record again: its CloudEvent attributes, key and payload
    ce_source       text,
    ce_subject      text,
    ce_time         text,
    topic           varchar(255) not null,
    kafka_partition integer      not null,
    kafka_offset    bigint       not null,
    record_key      text,
    payload         text,
    error_class     varchar(255) not null,
    error_message   text         not null,
    first_failed_at timestamptz  not null,
    last_failed_at  timestamptz  not null,
    attempts        integer      not null check (attempts >= 1),
    status          varchar(16)  not null check (status in ('PARKED', 'RETRIED', 'DISCARDED')),
    resolved_at     timestamptz,
    unique (consumer, event_id)
);
create index dead_letter_status on dead_letter (status, last_failed_at desc);
