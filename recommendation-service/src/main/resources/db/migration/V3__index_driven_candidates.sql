-- Every part of the candidate pool (FeatureReads.CANDIDATES) is read by an index range scan that stops at its
-- limit, and the pool's rows are looked up by key: the cost follows the pool (a few hundred items), not the catalog.

-- A deleted item keeps its catalog_item row (the tombstone and its version) but loses its category links, so
-- "items of category C" needs no look-up of each item to skip the deleted ones.
delete from catalog_item_category ic using catalog_item i where i.id = ic.item_id and i.deleted;

-- Covered by catalog_item_category_fresh (category_id leads it): one index less to maintain per catalog change.
drop index catalog_item_category_by_category;

-- The freshest items are read "order by fresh_at desc nulls last, id"; the old index (fresh_at desc) sorts nulls
-- first, so it could not serve that order and every request sorted the whole catalog.
drop index catalog_item_fresh;
create index catalog_item_fresh on catalog_item (fresh_at desc nulls last, id) where not deleted;

-- Popularity halves every half-life h, so its value changes with time but the order of two items does not:
-- p * 0.5^((now - t) / h) ranks like ln(p) + t * ln(2) / h, which does not depend on now. That rank is stored and
-- indexed, so "the most popular items" is an index range scan instead of decaying and sorting every item. It is
-- null for items whose popularity is not positive (never among the popular ones). The half-life the ranks were
-- computed with is kept, so a changed setting recomputes them (PopularityRanks).
create table feature_setting (
    name   text primary key,
    value  double precision not null
);
insert into feature_setting (name, value) values ('popularity_rank_half_life_seconds', 72 * 3600);

alter table item_feature add column popularity_rank double precision;
update item_feature set popularity_rank =
    case when popularity > 0 then ln(popularity) + extract(epoch from popularity_as_of)::float8 * ln(2) / (72 * 3600) end;
create index item_feature_popularity_rank on item_feature (popularity_rank desc, item_id) where popularity_rank is not null;
