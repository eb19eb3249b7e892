-- Transactional outbox: written in the same transaction as the change it announces; the relay publishes rows in
-- seq order and deletes them once Kafka has acknowledged them.
create table outbox_event (
    seq         bigserial primary key,
    event_id    uuid         not null unique,
    topic       varchar(200) not null,
    record_key  varchar(200) not null,
    event_type  varchar(100) not null,
    payload     text         not null,
    created_at  timestamptz  not null
);
