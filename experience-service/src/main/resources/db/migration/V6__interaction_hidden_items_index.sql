-- Every home page reads the user's dismissed and completed items: a partial index holds only those interactions, so
-- the read does not walk all of a heavy user's views and clicks, and the index costs nothing on their inserts.
create index interaction_user_hidden on interaction (user_id, item_id)
    where interaction_type in ('dismiss', 'complete');
