-- Local copy of the catalog, built from reading.catalog.changed. A row is applied only when the event's version is
-- newer than the row's; a delete keeps the row as a tombstone (deleted = true) so an older upsert never resurrects it.
create table catalog_item (
    id             uuid primary key,
    item_type      varchar(20)  not null,
    newsletter_id  uuid,
    title          varchar(500),
    description    text,
    url            varchar(2000),
    newsletter_name varchar(500),
    category_ids   uuid[]       not null default '{}',
    category_slugs text[]       not null default '{}',
    created_at     timestamptz,
    latest_post_at timestamptz,
    version        bigint       not null,
    deleted        boolean      not null default false
);
create index catalog_item_live_recency on catalog_item (coalesce(created_at, latest_post_at) desc nulls last) where not deleted;
create index catalog_item_categories on catalog_item using gin (category_ids) where not deleted;
create index catalog_item_newsletter on catalog_item (newsletter_id) where item_type = 'post';

create table catalog_category (
    id      uuid primary key,
    slug    varchar(200),
    name    varchar(500),
    version bigint  not null,
    deleted boolean not null default false
);
