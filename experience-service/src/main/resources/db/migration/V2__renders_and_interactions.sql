-- Every served page: what was shown to whom, where, so interactions can be tied to it.
create table render (
    id          uuid primary key,
    user_id     uuid         not null,
    page        varchar(50)  not null,
    session_id  varchar(100),
    rendered_at timestamptz  not null
);
create index render_user on render (user_id, rendered_at desc);

create table render_item (
    render_id    uuid        not null references render (id) on delete cascade,
    item_id      uuid        not null,
    section_type varchar(50) not null,
    position     int         not null,
    primary key (render_id, item_id)
);

create table interaction (
    id               uuid primary key,
    user_id          uuid         not null,
    render_id        uuid         references render (id) on delete set null,
    item_id          uuid         not null,
    item_type        varchar(20)  not null,
    interaction_type varchar(30)  not null,
    section_type     varchar(50),
    position         int,
    dwell_time_ms    bigint,
    session_id       varchar(100),
    app_section      varchar(50)  not null,
    occurred_at      timestamptz  not null
);
create index interaction_user on interaction (user_id, occurred_at desc);
create index interaction_item on interaction (item_id);
