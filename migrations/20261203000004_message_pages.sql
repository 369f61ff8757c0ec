-- Indexes for the Messages and Inbox pages' paged listing (console-core db::message_pages):
-- keyset pages in (created_at, id) order, optionally narrowed by one filter column. Every index
-- ends in (created_at, id) so a page is one index range read in order: a seek past the cursor,
-- then LIMIT rows, with no sort and no OFFSET, however deep into a million rows. Forward-only.

-- Unfiltered pages. `id` breaks ties between messages created in the same millisecond (a bulk
-- send makes many), so a cursor names exactly one place. Supersedes messages_created, which
-- lacked the tie-breaker (a page boundary inside a tie would need a sort of the whole tie).
CREATE INDEX messages_page_created ON messages (created_at, id);
DROP INDEX messages_created;

-- The Profile filter. Supersedes messages_profile (profile counts before a delete and the
-- trace's profile filter use this one just as well); dropped so that the page indexes add as
-- little as possible to every insert and state update.
CREATE INDEX messages_page_profile ON messages (profile_id, created_at, id);
DROP INDEX messages_profile;

-- The Inbox (direction = 'MO') and the direction filter.
CREATE INDEX messages_page_direction ON messages (direction, created_at, id);

-- The State filter ("everything Undeliverable since Monday").
CREATE INDEX messages_page_state ON messages (state, created_at, id);

-- The Error filter. Partial: most messages have no error, so the index stays small.
CREATE INDEX messages_page_error ON messages (error_code, created_at, id) WHERE error_code IS NOT NULL;
