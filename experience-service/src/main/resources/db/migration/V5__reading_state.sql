-- The caller's reading, projected from reading.progress.recorded: continue_reading and the items a user completed
-- come from here, so a home page does not call the reading service. One row per user and item, the latest event wins.
create table reading_state (
    user_id      uuid        not null,
    item_id      uuid        not null,
    progress     int         not null,
    completed    boolean     not null,
    last_read_at timestamptz not null,
    primary key (user_id, item_id)
);
-- the unfinished items of a user, most recently read first (continue_reading)
create index reading_state_unfinished on reading_state (user_id, last_read_at desc) where not completed;
