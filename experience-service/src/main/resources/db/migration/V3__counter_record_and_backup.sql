-- The record of the popularity counters: what the stored interactions add up to, per item and counter.
-- Each interaction transaction appends one delta row per item and counter it touches (no row is shared between
-- concurrent transactions); the counter jobs fold the deltas into item_count in one statement.
create table item_count (
    item_id uuid        not null,
    counter varchar(20) not null,
    value   bigint      not null,
    primary key (item_id, counter)
);
create table item_count_delta (
    id      bigserial   primary key,
    item_id uuid        not null,
    counter varchar(20) not null,
    delta   bigint      not null
);
insert into item_count (item_id, counter, value)
select item_id, case interaction_type when 'view' then 'views' when 'click' then 'clicks'
                                      when 'open' then 'opens' else 'dismisses' end, count(*)
from interaction
where interaction_type in ('view', 'click', 'open', 'dismiss')
group by 1, 2;

-- Backup of the Redis counters: the last value that passed validation, when it was taken, and the rate the counter
-- grew at between the two snapshots before (what a spike is measured against).
create table counter_snapshot (
    item_id         uuid             not null,
    counter         varchar(20)      not null,
    value           bigint           not null,
    taken_at        timestamptz      not null,
    rate_per_second double precision not null,
    primary key (item_id, counter)
);

-- Reports of the reconciliations (scheduled or run by an admin).
create table counter_reconciliation (
    id          uuid        primary key,
    started_at  timestamptz not null,
    finished_at timestamptz not null,
    trigger     varchar(20) not null,
    report      jsonb       not null
);
create index counter_reconciliation_recent on counter_reconciliation (started_at desc);
