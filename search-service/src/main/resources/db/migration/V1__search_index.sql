-- Search index of newsletters and posts, fed by the catalog events of the reading service.
create extension if not exists pg_trgm;

-- One row per catalog item ever seen. A delete keeps the row as a tombstone (deleted = true) with the version of
-- the delete, so a stale upsert that arrives later cannot resurrect the document.
create table search_document (
    id              uuid         primary key,
    type            varchar(20)  not null check (type in ('newsletter', 'post')),
    -- a post's newsletter; a newsletter's own id
    newsletter_id   uuid         not null,
    title           text,
    -- description of a newsletter, summary of a post
    body            text,
    newsletter_name text,
    url             text,
    -- [{"id", "slug", "name"}], as the event carried them (a post carries its newsletter's)
    categories      jsonb        not null default '[]',
    -- freshness: a post's publication, a newsletter's latest post (else its last update)
    fresh_at        timestamptz,
    version         bigint       not null,
    deleted         boolean      not null default false,
    indexed_at      timestamptz  not null,
    -- the title as a query is normalised (lower-case words separated by single spaces), for the exact-title boost
    title_key       text generated always as (
        trim(regexp_replace(lower(coalesce(title, '')), '[^[:alnum:]]+', ' ', 'g'))) stored,
    -- weights: A title/name, B description/summary, C the newsletter of a post; English stemming
    search_vector   tsvector generated always as (
        setweight(to_tsvector('english', coalesce(title, '')), 'A')
        || setweight(to_tsvector('english', coalesce(body, '')), 'B')
        || setweight(to_tsvector('english', coalesce(newsletter_name, '')), 'C')) stored
);

create index search_document_vector on search_document using gin (search_vector) where not deleted;
create index search_document_newsletter_vector on search_document using gin (search_vector)
    where not deleted and type = 'newsletter';
create index search_document_categories on search_document using gin (categories jsonb_path_ops) where not deleted;
create index search_document_by_newsletter on search_document (newsletter_id) where type = 'post';

-- Categories, for their versions and to carry renames into the documents.
create table search_category (
    id       uuid         primary key,
    slug     varchar(200),
    name     varchar(200),
    version  bigint       not null,
    deleted  boolean      not null default false
);

-- Every word the index has seen (titles and descriptions), for typo correction of query words by trigram
-- similarity: "tecnology" finds "technology" here, and the corrected word is then searched in full text.
create table search_term (
    word text primary key
);
create index search_term_trigram on search_term using gin (word gin_trgm_ops);

-- Durable indexing failures: written in the same transaction that marks the event processed, so the Kafka
-- offset never moves past a failed document without this row. One row per item: its latest failed event.
create table index_failure (
    item_id          uuid         primary key,
    item_type        varchar(20)  not null,
    newsletter_id    uuid,
    event_id         uuid         not null,
    event_type       varchar(100) not null,
    event_version    bigint       not null,
    -- the whole envelope as JSON: the retrier applies exactly this event again
    event            text         not null,
    attempts         int          not null,
    last_error       text         not null,
    first_failed_at  timestamptz  not null,
    last_attempt_at  timestamptz  not null,
    next_attempt_at  timestamptz,
    status           varchar(10)  not null check (status in ('pending', 'dead'))
);
create index index_failure_due on index_failure (next_attempt_at) where status = 'pending';
create index index_failure_by_newsletter on index_failure (newsletter_id);
create index search_document_title_key on search_document (title_key) where not deleted;
