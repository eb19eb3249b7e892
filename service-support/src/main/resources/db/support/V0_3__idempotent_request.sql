-- Requests made with an Idempotency-Key: the key is claimed in the transaction of the request's writes, and the
-- answer is stored in it too, so a retry with the same key finds either nothing (the first attempt rolled back:
-- the retry runs) or the first attempt's answer (the retry writes nothing and answers the same). A retry racing the
-- first waits for it on the primary key. Keys are kept for a day.
create table idempotent_request (
    scope         varchar(200) not null,
    idempotency_key varchar(255) not null,
    request_hash  varchar(64)  not null,
    response      text,
    created_at    timestamptz  not null default now(),
    primary key (scope, idempotency_key)
);
create index idempotent_request_created on idempotent_request (created_at);
