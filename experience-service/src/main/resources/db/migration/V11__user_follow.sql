-- Explicit preferences: the categories and newsletters a user follows. A row stays when the user unfollows
-- (following = false) so its version keeps growing across follow, unfollow and follow again: each change is one
-- experience.follow.changed event with that version, and a consumer keeps the highest version it saw.
create table user_follow (
    user_id     uuid        not null,
    target_kind varchar(20) not null,
    target_id   uuid        not null,
    following   boolean     not null,
    version     bigint      not null,
    changed_at  timestamptz not null,
    primary key (user_id, target_kind, target_id)
);

-- The home page's followed section reads the newest posts of each followed newsletter: a range scan per newsletter.
create index catalog_item_newsletter_newest_posts on catalog_item (newsletter_id, created_at desc)
    where item_type = 'post' and not deleted;
