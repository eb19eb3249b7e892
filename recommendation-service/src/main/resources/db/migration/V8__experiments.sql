-- A/B experiments of the ranking: each variant has a share of the users and ranking-weight overrides, stored as
-- JSON ([{"name", "share", "ranking": {"affinity_weight": 0.5, ...}}]) so a weight added to the ranking later is one
-- more name, not a migration. An ended experiment keeps its winner, whose overrides then rank for everyone.
create table experiment (
    name        text primary key,
    variants    jsonb       not null,
    status      varchar(10) not null check (status in ('running', 'ended')),
    winner      text,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    check (status = 'ended' or winner is null)
);
-- at most one experiment runs at a time: two would each override the one ranking every user gets
create unique index experiment_one_running on experiment ((true)) where status = 'running';
