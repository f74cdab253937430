-- Each kind of fact in its own column (issue 16): a read takes the kinds it needs as stored, where one JSON
-- column made SQLite parse and re-serialise the whole bucket once per kind, and the Worker never parses a kind it
-- does not use. Scores' kinds come first and the large case-mix cells last: SQLite reads a record's columns in
-- order. The buckets are derived data: they are dropped and every month is marked, so the cron (or the first
-- read) builds them again in the new shape. Numbers keep 17 significant digits, as before. Two additions: day
-- buckets, so a procurer's period cut inside a month no longer reads the raw rows of its edge days, and each
-- bucket's majority networks (netmajor); and the programme-wide kinds added up per programme.
DROP TABLE fact_buckets;
CREATE TABLE fact_buckets (
  programme_id TEXT NOT NULL REFERENCES programmes(id),
  variant TEXT NOT NULL CHECK (variant IN ('all', 'released')),
  -- 'YYYY' (a year), 'YYYY-MM' (a month) or 'YYYY-MM-DD' (a day: the 'all' variant only, for procurer periods cut
  -- inside a month)
  period TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]' OR period GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
    OR period GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  provider_id TEXT NOT NULL REFERENCES providers(id),
  built_at TEXT NOT NULL,
  -- one JSON array of rows per kind (src/db/facts/kinds.ts); the procurer-only kinds stay [] in 'released'
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
  -- the nets rows of the hashes holding more than half of some cell's completions: what a read of this bucket
  -- alone needs for the one_network flag (src/db/facts/buckets.ts)
  netmajor TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (programme_id, variant, period, provider_id)
) WITHOUT ROWID;
CREATE INDEX fact_buckets_provider ON fact_buckets (programme_id, variant, provider_id, period);

-- The programme-wide kinds (the weekly funnel) of a year or month added up over its providers (every answer): a
-- read of the whole programme takes one row, where every provider's weeks were a quarter of a year's fact rows.
CREATE TABLE fact_programme_buckets (
  programme_id TEXT NOT NULL REFERENCES programmes(id),
  period TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]' OR period GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
  built_at TEXT NOT NULL,
  weekly TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (programme_id, period)
) WITHOUT ROWID;

INSERT OR IGNORE INTO fact_dirty SELECT DISTINCT programme_id, provider_id, substr(ended_on, 1, 7) FROM episodes;
