create table newsletter (
    id             uuid primary key,
    name           varchar(200)  not null,
    description    varchar(2000) not null,
    url            varchar(500)  not null,
    created_at     timestamptz   not null,
    updated_at     timestamptz   not null,
    latest_post_at timestamptz,
    version        bigint        not null
);
create index newsletter_name_idx on newsletter (name, id);

create table newsletter_category (
    newsletter_id uuid not null references newsletter (id) on delete cascade,
    category_id   uuid not null references category (id) on delete cascade,
    primary key (newsletter_id, category_id)
);
create index newsletter_category_by_category_idx on newsletter_category (category_id, newsletter_id);

create table post (
    id            uuid primary key,
    newsletter_id uuid          not null references newsletter (id) on delete cascade,
    title         varchar(300)  not null,
    summary       varchar(4000) not null,
    url           varchar(500)  not null,
    published_at  timestamptz   not null,
    version       bigint        not null
);
create index post_by_newsletter_idx on post (newsletter_id, published_at desc, id);

-- One row per user and item. Items are not foreign keys: a deleted item keeps the user's history, and
-- "continue reading" skips it.
create table reading_progress (
    user_id      uuid        not null,
    item_id      uuid        not null,
    item_type    varchar(16) not null check (item_type in ('newsletter', 'post')),
    progress     smallint    not null check (progress between 0 and 100),
    completed    boolean     not null,
    last_read_at timestamptz not null,
    primary key (user_id, item_id)
);
create index reading_progress_unfinished_idx on reading_progress (user_id, last_read_at desc, item_id) where not completed;
