-- Published rows are deleted once they are older than the retention (EventLogRetention): the long-term history is
-- the Iceberg archive, fed from Kafka. This index finds the expired rows in published_at order without a table scan;
-- unpublished rows (the relay's queue) stay out of it.
-- A plain CREATE INDEX blocks writes (POSTs) while it builds. On a large table, build it beforehand with
-- CREATE INDEX CONCURRENTLY and the same definition: IF NOT EXISTS then makes this statement a no-op.
CREATE INDEX IF NOT EXISTS event_log_published_at ON event_log (published_at) WHERE published_at IS NOT NULL;

-- V3's note on this index says "commit order", which the relay does not promise. V3 stays byte-identical (Flyway
-- checksums applied migrations), so the correction lives here, in the catalog.
COMMENT ON INDEX event_log_unpublished IS
    'The relay''s work queue: unpublished rows in insert (seq) order, which is not commit order across concurrent transactions.';
