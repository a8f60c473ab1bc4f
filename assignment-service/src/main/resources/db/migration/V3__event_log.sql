-- The EventLog: every event, written in the assignment's transaction (transactional outbox), then relayed to
-- Kafka in seq order and finally annotated with where notification-streams routed it.
CREATE TABLE event_log (
    seq                bigserial UNIQUE NOT NULL,
    event_id           uuid PRIMARY KEY,
    event_type         text NOT NULL,
    aggregate_id       text NOT NULL,
    payload            jsonb NOT NULL,
    created_at         timestamptz NOT NULL,
    published_at       timestamptz,
    kafka_topic        text,
    kafka_partition    integer,
    kafka_offset       bigint,
    attempts           integer NOT NULL DEFAULT 0,
    last_error         text,
    routed_groups      text[],
    routed_contractor  text,
    routed_at          timestamptz
);

-- The relay's work queue: unpublished rows in commit order.
CREATE INDEX event_log_unpublished ON event_log (seq) WHERE published_at IS NULL;

-- Idempotent creation: a retried request with the same key gets the stored response.
CREATE TABLE idempotency_key (
    key           text PRIMARY KEY,
    request_hash  text NOT NULL,
    status        integer NOT NULL,
    body          text NOT NULL,
    location      text,
    created_at    timestamptz NOT NULL DEFAULT now()
);
