-- Co-engagement is symmetric ("users who engaged with X also engaged with Y" counts the same users both ways), and
-- was stored twice, once per direction, with equal weights: half the rows ingestion wrote, the largest share of its
-- database time. One row per unordered pair now (item_id < other_item_id in uuid order); reads look both ways.
delete from item_co_engagement where item_id > other_item_id;
alter table item_co_engagement add constraint item_co_engagement_one_row_per_pair check (item_id < other_item_id);
-- the primary key serves "pairs whose first item is X"; this one "pairs whose second item is X"
create index item_co_engagement_by_other on item_co_engagement (other_item_id, item_id);
