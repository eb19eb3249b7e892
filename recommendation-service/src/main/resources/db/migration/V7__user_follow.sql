-- The categories and newsletters each user follows, from experience.follow.changed. A row keeps the highest version
-- of its user and target that arrived (an unfollow stays as following = false), so a late older event changes nothing.
create table user_follow (
    user_id     uuid        not null,
    target_kind varchar(20) not null,
    target_id   uuid        not null,
    following   boolean     not null,
    version     bigint      not null,
    changed_at  timestamptz not null,
    primary key (user_id, target_kind, target_id)
);
