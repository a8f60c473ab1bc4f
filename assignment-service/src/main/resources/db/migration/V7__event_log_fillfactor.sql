-- Each row is updated twice after its insert: when it is published and when its routing is recorded. The routing
-- update changes no indexed column, so Postgres can write the new version on the same page without touching the
-- indexes (a HOT update) if the page has room: leave a fifth of each new page free for it.
ALTER TABLE event_log SET (fillfactor = 80);
