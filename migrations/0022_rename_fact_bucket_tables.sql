-- The grouped buckets of 0021 get new table names, so a Worker of a release before the groups (serving between the
-- migrations and the deploy, or after a rollback) fails on them loudly instead of reading groups as rows: its
-- counts would come out as arrays and NaN, and a small-group rule could let a group through (issue 16). 0021 kept
-- the old names, so such a Worker may already have written buckets in the old shape: the tables are emptied again
-- and every month is marked, and the cron (or the first read) builds them in groups; until then reads count the
-- raw rows.
DELETE FROM fact_buckets;
DELETE FROM fact_programme_buckets;
ALTER TABLE fact_buckets RENAME TO fact_bucket_groups;
ALTER TABLE fact_programme_buckets RENAME TO fact_programme_bucket_groups;
DROP INDEX fact_buckets_provider;
CREATE INDEX fact_bucket_groups_provider ON fact_bucket_groups (programme_id, variant, provider_id, period);
INSERT OR IGNORE INTO fact_dirty SELECT DISTINCT programme_id, provider_id, substr(ended_on, 1, 7) FROM episodes;
