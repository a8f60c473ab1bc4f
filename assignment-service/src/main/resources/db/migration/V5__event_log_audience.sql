-- Who may read an EventLog entry: the dispatchers of the event's groups and its contractor. Kept beside the
-- payload so the API checks it without knowing each event type's JSON; filled in for the rows already there.
ALTER TABLE event_log ADD COLUMN dispatch_groups text[] NOT NULL DEFAULT '{}';
ALTER TABLE event_log ADD COLUMN contractor_id text;

UPDATE event_log
SET dispatch_groups = ARRAY(SELECT jsonb_array_elements_text(payload -> 'job' -> 'dispatchGroups')),
    contractor_id = payload ->> 'contractorId';
