-- Outcomes recorded on a provider rather than on one episode (a group event: lumpSum fee components).
-- Re-sending the same event must not count it twice.
CREATE TABLE provider_outcomes (
  id TEXT PRIMARY KEY,
  provider_id TEXT NOT NULL REFERENCES providers(id),
  type TEXT NOT NULL CHECK (length(type) BETWEEN 1 AND 50),
  occurred_on TEXT NOT NULL CHECK (occurred_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  value REAL,
  created_at TEXT NOT NULL,
  UNIQUE (provider_id, type, occurred_on)
);

-- A steering group's rating of a provider for a whole month, quarter or year (panel fee components).
-- Never edited: a new rating for the same provider and period is a new version; the latest counts.
CREATE TABLE panel_ratings (
  id TEXT PRIMARY KEY,
  programme_id TEXT NOT NULL REFERENCES programmes(id),
  provider_id TEXT NOT NULL REFERENCES providers(id),
  period TEXT NOT NULL CHECK (length(period) BETWEEN 4 AND 7),
  version INTEGER NOT NULL CHECK (version >= 1),
  rating REAL NOT NULL,
  reason TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  created_at TEXT NOT NULL,
  created_by TEXT,
  UNIQUE (provider_id, period, version)
);
CREATE INDEX panel_ratings_programme ON panel_ratings (programme_id, provider_id, period);
