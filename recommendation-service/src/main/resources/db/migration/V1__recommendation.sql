-- Local projection of the reading service's catalog (from reading.catalog.changed). Rows are never removed:
-- a deleted item or category stays as a tombstone carrying its version, so a replayed older event cannot
-- resurrect it.
create table catalog_category (
    id       uuid primary key,
    slug     text    not null,
    name     text    not null,
    version  bigint  not null,
    deleted  boolean not null default false
);

create table catalog_item (
    id             uuid primary key,
    item_type      varchar(20) not null,
    newsletter_id  uuid,
    title          text,
    -- posts: published_at; newsletters: latest_post_at, else created_at
    fresh_at       timestamptz,
    version        bigint  not null,
    deleted        boolean not null default false
);
create index catalog_item_fresh on catalog_item (fresh_at desc) where not deleted;
create index catalog_item_newsletter on catalog_item (newsletter_id);

create table catalog_item_category (
    item_id      uuid not null,
    category_id  uuid not null,
    primary key (item_id, category_id)
);
create index catalog_item_category_by_category on catalog_item_category (category_id, item_id);

-- What users did, in the recommendation service's vocabulary (click, open, read, complete, dismiss).
-- The id is the id of the event it came from: one user event per source event.
create table user_event (
    id           uuid primary key,
    user_id      uuid        not null,
    event_type   varchar(20) not null,
    item_id      uuid        not null,
    item_type    varchar(20) not null,
    app_section  text,
    session_id   text,
    metadata     jsonb       not null,
    occurred_at  timestamptz not null,
    recorded_at  timestamptz not null default now()
);
create index user_event_by_user on user_event (user_id, occurred_at desc);

create table user_feature (
    user_id     uuid primary key,
    events      bigint      not null,
    updated_at  timestamptz not null
);

-- Category affinity with exponential time decay: the weight is valid as of as_of; its value at t is
-- weight * 0.5 ^ ((t - as_of) / half_life). Adding a delta that happened at t' rescales both to the later
-- time, so the result does not depend on the order in which events arrive.
create table user_category_affinity (
    user_id      uuid             not null,
    category_id  uuid             not null,
    weight       double precision not null,
    as_of        timestamptz      not null,
    primary key (user_id, category_id)
);

create table user_item_state (
    user_id              uuid        not null,
    item_id              uuid        not null,
    item_type            varchar(20) not null,
    interactions         integer     not null,
    -- first click/open/read/complete; null while the item was only seen or dismissed
    engaged_at           timestamptz,
    last_interaction_at  timestamptz not null,
    progress             integer     not null default 0,
    completed            boolean     not null default false,
    dismissed            boolean     not null default false,
    primary key (user_id, item_id)
);
create index user_item_state_engaged on user_item_state (user_id, engaged_at desc) where engaged_at is not null;

create table item_feature (
    item_id            uuid primary key,
    views              bigint           not null,
    clicks             bigint           not null,
    opens              bigint           not null,
    reads              bigint           not null,
    completes          bigint           not null,
    dismisses          bigint           not null,
    popularity         double precision not null,
    popularity_as_of   timestamptz      not null
);

-- "Users who engaged with item_id also engaged with other_item_id": one per user and pair.
create table item_co_engagement (
    item_id        uuid             not null,
    other_item_id  uuid             not null,
    weight         double precision not null,
    primary key (item_id, other_item_id)
);
