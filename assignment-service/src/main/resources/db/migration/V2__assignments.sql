CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE assignment (
    id             uuid PRIMARY KEY,
    job_id         text NOT NULL REFERENCES job (id),
    contractor_id  text NOT NULL REFERENCES contractor (id),
    slot_start     timestamptz NOT NULL,
    slot_end       timestamptz NOT NULL,
    time_zone      text NOT NULL,
    assigned_by    text NOT NULL,
    status         text NOT NULL DEFAULT 'ACTIVE',
    event_id       uuid NOT NULL,
    created_at     timestamptz NOT NULL,
    CONSTRAINT slot_not_inverted CHECK (slot_end > slot_start)
);

-- A job has at most one active assignment: the database decides under concurrency, not the application.
CREATE UNIQUE INDEX assignment_one_active_per_job ON assignment (job_id) WHERE status = 'ACTIVE';

-- A contractor is never booked on two overlapping active slots.
ALTER TABLE assignment ADD CONSTRAINT assignment_no_double_booking
    EXCLUDE USING gist (contractor_id WITH =, tstzrange(slot_start, slot_end) WITH &&) WHERE (status = 'ACTIVE');

CREATE INDEX assignment_by_job ON assignment (job_id, created_at);
