-- The fee ledger (issue 12): every euro is paid once. Each line of a final run becomes a ledger entry
-- for (episode, component key) - or (provider, component key, period) for a provider-level line - that
-- records what the run found owed (amount), what earlier final runs had already paid for the same thing
-- (paid_before, summed over rule versions) and what this run pays (payable = amount - paid_before, negative
-- for a credit). Only lines that move money (payable <> 0) are entries: a line that pays 0 changes no sum
-- (it stays in its run's statement).

-- One row per finalisation of a programme: the version a draft was settled against must still be the
-- latest when it is finalised, and (programme_id, version) is unique, so of two finalisations settled
-- against the same version exactly one is stored (the other is refused as stale and writes nothing).
CREATE TABLE fee_ledger_versions (
  programme_id TEXT NOT NULL REFERENCES programmes(id),
  version INTEGER NOT NULL CHECK (version >= 1),
  run_id TEXT NOT NULL UNIQUE REFERENCES fee_runs(id),
  finalised_at TEXT NOT NULL,
  PRIMARY KEY (programme_id, version)
) WITHOUT ROWID;

CREATE TABLE fee_ledger (
  run_id TEXT NOT NULL REFERENCES fee_runs(id),
  programme_id TEXT NOT NULL REFERENCES programmes(id),
  ledger_version INTEGER NOT NULL,
  provider_id TEXT NOT NULL REFERENCES providers(id),
  -- NULL for a provider-level line (provider-basis quality, quality pool)
  episode_id TEXT REFERENCES episodes(id),
  external_ref TEXT,
  -- the component's position in its rule version, its stable key and its type
  component INTEGER NOT NULL,
  component_key TEXT NOT NULL,
  type TEXT NOT NULL,
  rule_version INTEGER NOT NULL,
  period_from TEXT NOT NULL,
  period_to TEXT NOT NULL,
  amount_cents INTEGER NOT NULL,
  paid_before_cents INTEGER NOT NULL,
  payable_cents INTEGER NOT NULL,
  reason TEXT NOT NULL,
  finalised_at TEXT NOT NULL,
  FOREIGN KEY (programme_id, ledger_version) REFERENCES fee_ledger_versions(programme_id, version),
  CHECK (payable_cents = amount_cents - paid_before_cents)
);
-- What was paid before, per client and component (and per provider-level component).
CREATE INDEX fee_ledger_paid ON fee_ledger (programme_id, provider_id, episode_id, component_key);
CREATE INDEX fee_ledger_run ON fee_ledger (run_id);

-- The ledger version a draft's paid-before figures were read at.
ALTER TABLE fee_runs ADD COLUMN ledger_version INTEGER;

-- Runs finalised before the ledger existed paid their lines in full: they enter it as paid (paid_before 0),
-- in finalisation order, with the component's position as its key.
INSERT INTO fee_ledger_versions (programme_id, version, run_id, finalised_at)
SELECT programme_id, ROW_NUMBER() OVER (PARTITION BY programme_id ORDER BY finalised_at, id), id, finalised_at
FROM fee_runs WHERE status = 'final';

INSERT INTO fee_ledger (run_id, programme_id, ledger_version, provider_id, episode_id, external_ref, component,
  component_key, type, rule_version, period_from, period_to, amount_cents, paid_before_cents, payable_cents,
  reason, finalised_at)
SELECT r.id, r.programme_id, v.version, p.provider_id, json_extract(l.value, '$.episodeId'),
  json_extract(l.value, '$.externalRef'), json_extract(l.value, '$.component'),
  CAST(json_extract(l.value, '$.component') AS TEXT), json_extract(l.value, '$.type'), r.rule_version,
  r.period_from, r.period_to, json_extract(l.value, '$.amountCents'), 0, json_extract(l.value, '$.amountCents'),
  json_extract(l.value, '$.reason'), r.finalised_at
FROM fee_runs r JOIN fee_ledger_versions v ON v.run_id = r.id
JOIN fee_run_providers p ON p.run_id = r.id, json_each(p.lines) l
WHERE json_extract(l.value, '$.amountCents') <> 0;
