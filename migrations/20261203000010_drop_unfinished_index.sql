-- messages_unfinished (the first schema) indexed the states a message passes through in flight,
-- so every message the log writer stores paid an entry on insert and its removal on acceptance,
-- for one query at start-up: the messages a crash left Queued or Submitted. The State filter's
-- index (messages_page_state, 20261203000004) leads with the state and holds the id, so that
-- query reads it just as well. Forward-only.
DROP INDEX messages_unfinished;
