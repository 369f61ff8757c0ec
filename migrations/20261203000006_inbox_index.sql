-- The Messages page's direction index (20261203000004) held every message, so every message
-- the log writer stores paid for it, while only the Inbox (MO, a small share of traffic) needs
-- an index of its own: MT is nearly every row, so an MT filter reads the creation-order index
-- and checks the column. The Inbox's queries repeat this WHERE word for word (console-core
-- db::message_pages), which is how SQLite knows the partial index holds every row they want.
-- Forward-only.
DROP INDEX messages_page_direction;
CREATE INDEX messages_page_inbox ON messages (created_at, id) WHERE direction = 'MO';
