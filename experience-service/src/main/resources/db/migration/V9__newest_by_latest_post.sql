-- "Newest" follows freshness as readers mean it: a newsletter is as new as the later of its creation and its latest
-- post (CatalogRepository orders by greatest(created_at, latest_post_at), which skips nulls). The index serves that
-- order for the fresh section and the category lists, and replaces the one on coalesce(created_at, latest_post_at),
-- which no query uses any more. The id column serves the tie-break of the same order.
create index catalog_item_live_freshness on catalog_item (greatest(created_at, latest_post_at) desc nulls last, id)
    where not deleted;
drop index catalog_item_live_recency;
