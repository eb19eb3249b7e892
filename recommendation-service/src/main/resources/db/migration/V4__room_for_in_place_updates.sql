-- Ingestion updates the same feature rows again and again (co-engagement weights, per-user item state, user
-- counters, category affinity, item counters). With full pages every update writes the new row version to
-- another page and a new entry into every index of the table. Leaving 30 % of each page free lets PostgreSQL
-- keep the new version on the same page and, where no indexed column changed, skip the index writes (HOT
-- updates). Applies to pages written from now on.
alter table item_co_engagement set (fillfactor = 70);
alter table user_item_state set (fillfactor = 70);
alter table user_feature set (fillfactor = 70);
alter table user_category_affinity set (fillfactor = 70);
alter table item_feature set (fillfactor = 70);
