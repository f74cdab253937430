-- Aggregates for scores, ratings, diagnostics and the national comparison (issue 16, docs/SCALING.md).
-- A bucket is one provider's confirmed episodes ending in one calendar month or year; its row holds, per kind
-- of fact, the sums that the read path would otherwise compute from every episode, invitation, response and
-- item. variant 'all' counts every answer (procurer keys), 'released' only answers released in whole groups
-- of the programme's minGroup (provider keys, the public, the national view).
CREATE TABLE fact_buckets (
  programme_id TEXT NOT NULL REFERENCES programmes(id),
  variant TEXT NOT NULL CHECK (variant IN ('all', 'released')),
  -- 'YYYY-MM' (a month) or 'YYYY' (a year)
  period TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]' OR period GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
  provider_id TEXT NOT NULL REFERENCES providers(id),
  -- one JSON array of rows per kind (src/db/facts/kinds.ts), numbers written with 17 significant digits
  facts TEXT NOT NULL,
  built_at TEXT NOT NULL,
  PRIMARY KEY (programme_id, variant, period, provider_id)
) WITHOUT ROWID;
-- A year is added up from one provider's months: by provider, not by walking every provider's months.
CREATE INDEX fact_buckets_provider ON fact_buckets (programme_id, variant, provider_id, period);

-- Buckets whose rows changed since their aggregates were built. Triggers mark them in the transaction of the
-- write; a read rebuilds its programme's marked buckets in one transaction before it reads them, and the cron
-- rebuilds the rest, so no figure is ever read from a stale bucket.
CREATE TABLE fact_dirty (
  programme_id TEXT NOT NULL,
  provider_id TEXT NOT NULL,
  month TEXT NOT NULL,
  PRIMARY KEY (programme_id, provider_id, month)
) WITHOUT ROWID;

-- Triggers mark with INSERT ... WHERE NOT EXISTS, never INSERT OR IGNORE: SQLite lets the outer statement's
-- conflict clause (an upsert's) override a trigger's, which would turn an ignored duplicate into an error.
CREATE TRIGGER fact_dirty_episode_insert AFTER INSERT ON episodes BEGIN
  INSERT INTO fact_dirty SELECT DISTINCT x.programme_id, x.provider_id, x.month FROM (SELECT NEW.programme_id, NEW.provider_id, substr(NEW.ended_on, 1, 7) AS month) x
    WHERE NOT EXISTS (SELECT 1 FROM fact_dirty d WHERE d.programme_id = x.programme_id AND d.provider_id = x.provider_id AND d.month = x.month);
END;

-- Only the columns a fact reads: erasing contacts or sealing a link marks nothing.
CREATE TRIGGER fact_dirty_episode_update
  AFTER UPDATE OF id, programme_id, provider_id, status, ended_on, customer_type, service_type, risk_class, language, created_at
  ON episodes BEGIN
  INSERT INTO fact_dirty SELECT DISTINCT x.programme_id, x.provider_id, x.month FROM (SELECT OLD.programme_id, OLD.provider_id, substr(OLD.ended_on, 1, 7) AS month UNION SELECT NEW.programme_id, NEW.provider_id, substr(NEW.ended_on, 1, 7) AS month) x
    WHERE NOT EXISTS (SELECT 1 FROM fact_dirty d WHERE d.programme_id = x.programme_id AND d.provider_id = x.provider_id AND d.month = x.month);
END;

CREATE TRIGGER fact_dirty_episode_delete AFTER DELETE ON episodes BEGIN
  INSERT INTO fact_dirty SELECT DISTINCT x.programme_id, x.provider_id, x.month FROM (SELECT OLD.programme_id, OLD.provider_id, substr(OLD.ended_on, 1, 7) AS month) x
    WHERE NOT EXISTS (SELECT 1 FROM fact_dirty d WHERE d.programme_id = x.programme_id AND d.provider_id = x.provider_id AND d.month = x.month);
END;

CREATE TRIGGER fact_dirty_invitation_insert AFTER INSERT ON invitations BEGIN
  INSERT INTO fact_dirty SELECT DISTINCT x.programme_id, x.provider_id, x.month FROM (SELECT programme_id, provider_id, substr(ended_on, 1, 7) AS month FROM episodes WHERE id = NEW.episode_id) x
    WHERE NOT EXISTS (SELECT 1 FROM fact_dirty d WHERE d.programme_id = x.programme_id AND d.provider_id = x.provider_id AND d.month = x.month);
END;

CREATE TRIGGER fact_dirty_invitation_update
  AFTER UPDATE OF id, episode_id, wave, survey_id, survey_version, status, opened_at, started_at, completed_at, declined_at, reissues
  ON invitations BEGIN
  INSERT INTO fact_dirty SELECT DISTINCT x.programme_id, x.provider_id, x.month FROM (SELECT programme_id, provider_id, substr(ended_on, 1, 7) AS month FROM episodes WHERE id IN (OLD.episode_id, NEW.episode_id)) x
    WHERE NOT EXISTS (SELECT 1 FROM fact_dirty d WHERE d.programme_id = x.programme_id AND d.provider_id = x.provider_id AND d.month = x.month);
END;

CREATE TRIGGER fact_dirty_invitation_delete AFTER DELETE ON invitations BEGIN
  INSERT INTO fact_dirty SELECT DISTINCT x.programme_id, x.provider_id, x.month FROM (SELECT programme_id, provider_id, substr(ended_on, 1, 7) AS month FROM episodes WHERE id = OLD.episode_id) x
    WHERE NOT EXISTS (SELECT 1 FROM fact_dirty d WHERE d.programme_id = x.programme_id AND d.provider_id = x.provider_id AND d.month = x.month);
END;

CREATE TRIGGER fact_dirty_response_insert AFTER INSERT ON responses BEGIN
  INSERT INTO fact_dirty SELECT DISTINCT x.programme_id, x.provider_id, x.month FROM (SELECT e.programme_id, e.provider_id, substr(e.ended_on, 1, 7) AS month FROM invitations i JOIN episodes e ON e.id = i.episode_id WHERE i.id = NEW.invitation_id) x
    WHERE NOT EXISTS (SELECT 1 FROM fact_dirty d WHERE d.programme_id = x.programme_id AND d.provider_id = x.provider_id AND d.month = x.month);
END;

CREATE TRIGGER fact_dirty_response_update AFTER UPDATE ON responses BEGIN
  INSERT INTO fact_dirty SELECT DISTINCT x.programme_id, x.provider_id, x.month FROM (SELECT e.programme_id, e.provider_id, substr(e.ended_on, 1, 7) AS month FROM invitations i JOIN episodes e ON e.id = i.episode_id WHERE i.id IN (OLD.invitation_id, NEW.invitation_id)) x
    WHERE NOT EXISTS (SELECT 1 FROM fact_dirty d WHERE d.programme_id = x.programme_id AND d.provider_id = x.provider_id AND d.month = x.month);
END;

CREATE TRIGGER fact_dirty_response_delete AFTER DELETE ON responses BEGIN
  INSERT INTO fact_dirty SELECT DISTINCT x.programme_id, x.provider_id, x.month FROM (SELECT e.programme_id, e.provider_id, substr(e.ended_on, 1, 7) AS month FROM invitations i JOIN episodes e ON e.id = i.episode_id WHERE i.id = OLD.invitation_id) x
    WHERE NOT EXISTS (SELECT 1 FROM fact_dirty d WHERE d.programme_id = x.programme_id AND d.provider_id = x.provider_id AND d.month = x.month);
END;

CREATE TRIGGER fact_dirty_item_insert AFTER INSERT ON response_items BEGIN
  INSERT INTO fact_dirty SELECT DISTINCT x.programme_id, x.provider_id, x.month FROM (SELECT e.programme_id, e.provider_id, substr(e.ended_on, 1, 7) AS month FROM invitations i JOIN episodes e ON e.id = i.episode_id WHERE i.id = NEW.invitation_id) x
    WHERE NOT EXISTS (SELECT 1 FROM fact_dirty d WHERE d.programme_id = x.programme_id AND d.provider_id = x.provider_id AND d.month = x.month);
END;

CREATE TRIGGER fact_dirty_item_update AFTER UPDATE ON response_items BEGIN
  INSERT INTO fact_dirty SELECT DISTINCT x.programme_id, x.provider_id, x.month FROM (SELECT e.programme_id, e.provider_id, substr(e.ended_on, 1, 7) AS month FROM invitations i JOIN episodes e ON e.id = i.episode_id WHERE i.id IN (OLD.invitation_id, NEW.invitation_id)) x
    WHERE NOT EXISTS (SELECT 1 FROM fact_dirty d WHERE d.programme_id = x.programme_id AND d.provider_id = x.provider_id AND d.month = x.month);
END;

CREATE TRIGGER fact_dirty_item_delete AFTER DELETE ON response_items BEGIN
  INSERT INTO fact_dirty SELECT DISTINCT x.programme_id, x.provider_id, x.month FROM (SELECT e.programme_id, e.provider_id, substr(e.ended_on, 1, 7) AS month FROM invitations i JOIN episodes e ON e.id = i.episode_id WHERE i.id = OLD.invitation_id) x
    WHERE NOT EXISTS (SELECT 1 FROM fact_dirty d WHERE d.programme_id = x.programme_id AND d.provider_id = x.provider_id AND d.month = x.month);
END;

-- The released variant depends on minGroup: a change marks every bucket of the programme.
CREATE TRIGGER fact_dirty_min_group AFTER UPDATE OF publication ON programmes
  WHEN json_extract(OLD.publication, '$.minGroup') IS NOT json_extract(NEW.publication, '$.minGroup') BEGIN
  INSERT INTO fact_dirty SELECT DISTINCT x.programme_id, x.provider_id, x.month FROM (SELECT programme_id, provider_id, substr(ended_on, 1, 7) AS month FROM episodes WHERE programme_id = NEW.id) x
    WHERE NOT EXISTS (SELECT 1 FROM fact_dirty d WHERE d.programme_id = x.programme_id AND d.provider_id = x.provider_id AND d.month = x.month);
END;

-- What exists before this migration is built by the cron (or the first read) from these marks.
INSERT INTO fact_dirty SELECT DISTINCT programme_id, provider_id, substr(ended_on, 1, 7) FROM episodes;
