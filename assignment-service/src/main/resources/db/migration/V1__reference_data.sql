-- Reference data assignment-service owns: dispatch groups, contractors, jobs and the groups a job belongs to.
CREATE TABLE dispatch_group (
    id          text PRIMARY KEY,
    name        text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE contractor (
    id            text PRIMARY KEY,
    display_name  text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE job (
    id           text PRIMARY KEY,
    title        text NOT NULL,
    job_type     text NOT NULL,
    street       text NOT NULL,
    city         text NOT NULL,
    postal_code  text NOT NULL,
    region       text,
    country      text NOT NULL,
    time_zone    text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE job_dispatch_group (
    job_id    text NOT NULL REFERENCES job (id),
    group_id  text NOT NULL REFERENCES dispatch_group (id),
    PRIMARY KEY (job_id, group_id)
);
