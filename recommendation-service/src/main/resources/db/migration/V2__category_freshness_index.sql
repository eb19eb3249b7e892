-- Candidates per category are the freshest items of that category: keep the item's freshness beside its
-- category link, so "top N of category C" is an index range scan instead of ranking the whole catalog.
alter table catalog_item_category add column fresh_at timestamptz;
update catalog_item_category ic set fresh_at = i.fresh_at from catalog_item i where i.id = ic.item_id;
create index catalog_item_category_fresh on catalog_item_category (category_id, fresh_at desc nulls last, item_id);
