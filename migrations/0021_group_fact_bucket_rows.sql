-- Each kind's rows are stored in groups, one per customer type and survey version: [ct, sv, row, row, …], where
-- every row repeated the pair (issue 16: a third of a year's bytes, parsed twice on every read). The buckets are
-- derived data: they are emptied and every month is marked, so the cron (or the first read) builds them again in
-- the new shape, and until then reads count the raw rows, as after 0019.
DELETE FROM fact_buckets;
DELETE FROM fact_programme_buckets;
INSERT OR IGNORE INTO fact_dirty SELECT DISTINCT programme_id, provider_id, substr(ended_on, 1, 7) FROM episodes;

-- A Worker of the release before, still serving between this migration and the deploy, would rebuild marked
-- months in the old shape, which the new code cannot read. Its rows are refused (its batch fails and nothing is
-- kept), so a bucket only ever holds groups. Every bucket built from episodes has clients rows, and every
-- programme bucket weeks.
CREATE TRIGGER fact_buckets_grouped BEFORE INSERT ON fact_buckets
WHEN NEW.clients <> '[]' AND json_type(NEW.clients, '$[0][2]') IS NOT 'array'
BEGIN
  SELECT RAISE(ABORT, 'fact rows must be grouped by customer type and survey version (migration 0021)');
END;
CREATE TRIGGER fact_programme_buckets_grouped BEFORE INSERT ON fact_programme_buckets
WHEN NEW.weekly <> '[]' AND json_type(NEW.weekly, '$[0][2]') IS NOT 'array'
BEGIN
  SELECT RAISE(ABORT, 'fact rows must be grouped by customer type and survey version (migration 0021)');
END;
