-- Each kind's rows are stored in groups, one per customer type and survey version: [ct, sv, row, row, …], where
-- every row repeated the pair (issue 16: a third of a year's bytes, parsed twice on every read). The tables get new
-- names, so a Worker of an earlier release (serving between this migration and the deploy, or after a rollback)
-- fails on them loudly instead of reading groups as rows: its counts would come out as arrays and NaN, and a
-- small-group rule could let a group through. The buckets are derived data: every month is marked, so the cron
-- (or the first read) builds them again, and until then reads count the raw rows, as after 0019.
DROP TABLE fact_buckets;
DROP TABLE fact_programme_buckets;

CREATE TABLE fact_bucket_groups (
  programme_id TEXT NOT NULL REFERENCES programmes(id),
  variant TEXT NOT NULL CHECK (variant IN ('all', 'released')),
  -- 'YYYY' (a year), 'YYYY-MM' (a month) or 'YYYY-MM-DD' (a day: the 'all' variant only, for procurer periods cut
  -- inside a month)
  period TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]' OR period GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
    OR period GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  provider_id TEXT NOT NULL REFERENCES providers(id),
  built_at TEXT NOT NULL,
  -- per kind (src/db/facts/kinds.ts) one JSON array of groups [ct, sv, row, …], a row being [keys…, values…]; the
  -- procurer-only kinds stay [] in 'released'
  clients TEXT NOT NULL DEFAULT '[]',
  sums TEXT NOT NULL DEFAULT '[]',
  change TEXT NOT NULL DEFAULT '[]',
  changeitems TEXT NOT NULL DEFAULT '[]',
  intake TEXT NOT NULL DEFAULT '[]',
  integrity TEXT NOT NULL DEFAULT '[]',
  versions TEXT NOT NULL DEFAULT '[]',
  monthly TEXT NOT NULL DEFAULT '[]',
  outcomes TEXT NOT NULL DEFAULT '[]',
  followups TEXT NOT NULL DEFAULT '[]',
  days TEXT NOT NULL DEFAULT '[]',
  cells TEXT NOT NULL DEFAULT '[]',
  items TEXT NOT NULL DEFAULT '[]',
  itemsums TEXT NOT NULL DEFAULT '[]',
  weekly TEXT NOT NULL DEFAULT '[]',
  nets TEXT NOT NULL DEFAULT '[]',
  casemix TEXT NOT NULL DEFAULT '[]',
  -- the nets rows of the hashes holding more than half of some cell's completions (src/db/facts/buckets.ts)
  netmajor TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (programme_id, variant, period, provider_id)
) WITHOUT ROWID;
CREATE INDEX fact_bucket_groups_provider ON fact_bucket_groups (programme_id, variant, provider_id, period);

-- The programme-wide kinds of a year or month added up over its providers, in the same groups.
CREATE TABLE fact_programme_bucket_groups (
  programme_id TEXT NOT NULL REFERENCES programmes(id),
  period TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]' OR period GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
  built_at TEXT NOT NULL,
  weekly TEXT NOT NULL DEFAULT '[]',
  monthly TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (programme_id, period)
) WITHOUT ROWID;

INSERT OR IGNORE INTO fact_dirty SELECT DISTINCT programme_id, provider_id, substr(ended_on, 1, 7) FROM episodes;
