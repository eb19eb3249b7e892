-- Clients queue interactions offline and send them later: occurred_at is when the user did it (the client's time,
-- within bounds), received_at when this service received it. Rows stored before this migration were timed on
-- receipt, so their occurred_at is their receipt: received_at stays null for them rather than rewriting the table.
alter table interaction add column received_at timestamptz;
