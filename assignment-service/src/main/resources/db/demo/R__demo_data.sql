-- Demo reference data for the local stack (dev profile only): the README's example request works at once.
INSERT INTO dispatch_group (id, name) VALUES
    ('north', 'North dispatch'),
    ('south', 'South dispatch'),
    ('emergency', 'Emergency desk')
ON CONFLICT (id) DO NOTHING;

INSERT INTO contractor (id, display_name) VALUES
    ('C-7', 'Ada Lovelace Plumbing'),
    ('C-8', 'Grace Hopper HVAC'),
    ('C-9', 'Linus Electric')
ON CONFLICT (id) DO NOTHING;

INSERT INTO job (id, title, job_type, street, city, postal_code, region, country, time_zone)
SELECT 'J-' || n,
       (ARRAY['Replace water heater', 'Repair AC unit', 'Fix tripping breaker', 'Unclog main drain'])[1 + n % 4],
       (ARRAY['PLUMBING', 'HVAC_REPAIR', 'ELECTRICAL', 'PLUMBING'])[1 + n % 4],
       (n % 97 + 1) || ' Main Street', 'Berlin', '10115', NULL, 'DE', 'Europe/Berlin'
FROM generate_series(1001, 1100) AS n
ON CONFLICT (id) DO NOTHING;

INSERT INTO job_dispatch_group (job_id, group_id)
SELECT 'J-' || n, CASE WHEN n % 2 = 0 THEN 'south' ELSE 'north' END FROM generate_series(1001, 1100) AS n
ON CONFLICT DO NOTHING;

-- Every tenth job is also an emergency: it reaches two dispatch groups.
INSERT INTO job_dispatch_group (job_id, group_id)
SELECT 'J-' || n, 'emergency' FROM generate_series(1001, 1100) AS n WHERE n % 10 = 1
ON CONFLICT DO NOTHING;
