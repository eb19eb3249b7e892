-- When each delta was written (just before its transaction commits), and the latest such time folded into a counter:
-- a counter whose latest delta is older than the settle time has no increment in flight, so a reconciliation can
-- tell a real difference between Redis and the record from increments still on their way.
alter table item_count_delta add column created_at timestamptz not null default clock_timestamp();
alter table item_count add column last_delta_at timestamptz;
