-- The item-to-item model: for each item, its most similar items by who engaged with both (weighted cosine over
-- the whole engagement history, see ItemSimilarity). Replaced as a whole by each training run, in one transaction,
-- so readers always see one complete model.
create table item_neighbour (
    item_id       uuid             not null,
    neighbour_id  uuid             not null,
    similarity    double precision not null,
    primary key (item_id, neighbour_id)
);

-- One row: what the model in item_neighbour was trained on, and what training cost.
create table item_similarity_model (
    id              boolean primary key default true check (id),
    trained_at      timestamptz not null,
    users           integer     not null,
    items           integer     not null,
    engagements     bigint      not null,
    neighbours      bigint      not null,
    duration_ms     bigint      not null,
    memory_bytes    bigint      not null
);
