-- Each kind's rows are stored in groups, one per customer type and survey version: [ct, sv, row, row, …], a row
-- being [keys…, values…], where every row repeated the pair (issue 16: a third of a year's bytes, parsed twice on
-- every read). The tables get new names, so a Worker of an earlier release (serving between this migration and
-- the deploy, or after a rollback) fails on them loudly instead of reading groups as rows: its counts would come
-- out as arrays and NaN, and a small-group rule could let a group through. The buckets are derived data: they are
-- emptied and every month is marked, so the cron (or the first read) builds them again in the new shape, and
-- until then reads count the raw rows, as after 0019.
DELETE FROM fact_buckets;
DELETE FROM fact_programme_buckets;
ALTER TABLE fact_buckets RENAME TO fact_bucket_groups;
ALTER TABLE fact_programme_buckets RENAME TO fact_programme_bucket_groups;
DROP INDEX fact_buckets_provider;
CREATE INDEX fact_bucket_groups_provider ON fact_bucket_groups (programme_id, variant, provider_id, period);
INSERT OR IGNORE INTO fact_dirty SELECT DISTINCT programme_id, provider_id, substr(ended_on, 1, 7) FROM episodes;
