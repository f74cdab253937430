-- Fee runs: immutable statements computed from one rule version over one period. A run is written as
-- 'computing' provider by provider and becomes a 'draft' only when every provider is stored, so a run
-- that failed half-way is never read as a statement.
CREATE TABLE fee_runs (
  id TEXT PRIMARY KEY,
  programme_id TEXT NOT NULL REFERENCES programmes(id),
  rule_version INTEGER NOT NULL,
  period_from TEXT NOT NULL,
  period_to TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('computing', 'draft', 'final', 'superseded')),
  currency TEXT NOT NULL,
  inputs_hash TEXT,
  -- programme-level totals and the survey versions behind the responses, as JSON
  summary TEXT CHECK (summary IS NULL OR json_valid(summary)),
  created_at TEXT NOT NULL,
  created_by TEXT,
  finalised_at TEXT,
  superseded_by TEXT REFERENCES fee_runs(id),
  FOREIGN KEY (programme_id, rule_version) REFERENCES fee_rules(programme_id, version),
  CHECK (period_from <= period_to),
  CHECK ((status = 'final') = (finalised_at IS NOT NULL))
);
CREATE INDEX fee_runs_programme_period ON fee_runs (programme_id, period_from, period_to);

-- One provider's part of a run: its components and every client line, as JSON (a provider's lines
-- stay well under D1's row size; a run of 1,000 providers is 1,000 rows).
CREATE TABLE fee_run_providers (
  run_id TEXT NOT NULL REFERENCES fee_runs(id),
  provider_id TEXT NOT NULL REFERENCES providers(id),
  total_cents INTEGER NOT NULL,
  statement TEXT NOT NULL CHECK (json_valid(statement)),
  lines TEXT NOT NULL CHECK (json_valid(lines)),
  PRIMARY KEY (run_id, provider_id)
) WITHOUT ROWID;

CREATE TABLE fee_disputes (
  id TEXT PRIMARY KEY,
  run_id TEXT NOT NULL REFERENCES fee_runs(id),
  provider_id TEXT NOT NULL REFERENCES providers(id),
  external_ref TEXT,
  reason TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'rejected')),
  resolution TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT,
  resolved_at TEXT,
  CHECK ((status = 'open') = (resolved_at IS NULL))
);
CREATE INDEX fee_disputes_run ON fee_disputes (run_id, status);
