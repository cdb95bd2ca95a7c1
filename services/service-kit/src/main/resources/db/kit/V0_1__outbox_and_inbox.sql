-- Shared by every service; runs in the service's own schema (quarkus.flyway.schemas).

-- Transactional outbox: written in the same transaction as the state change, relayed to Kafka by
-- Debezium's EventRouter (docs/adr/0001-outbox-via-debezium.md). Rows are the events' history; they are
-- never updated.
create table outbox_event (
    id           uuid primary key,
    topic        varchar(128) not null,
    aggregate_id varchar(255) not null,
    type         varchar(128) not null,
    source       varchar(255) not null,
    subject      varchar(255),
    occurred_at  timestamptz  not null,
    payload      text         not null
);
create index outbox_event_occurred_at on outbox_event (occurred_at);

-- Idempotent consumption: an event id is recorded in the same transaction as its effect.
create table inbox_event (
    consumer     varchar(128) not null,
    event_id     varchar(255) not null,
    event_type   varchar(128) not null,
    processed_at timestamptz  not null default now(),
    primary key (consumer, event_id)
);
