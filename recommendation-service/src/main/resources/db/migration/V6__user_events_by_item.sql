-- The events of one item, read when the item is linked to a category it was not in before: events that arrived
-- before their item count toward its categories once it arrives (late binding).
create index user_event_by_item on user_event (item_id);
