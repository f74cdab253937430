-- The monthly counts join the programme-wide kinds (issue 16): a procurer's diagnostics of every provider show them
-- added up over providers only, so a read of the whole programme takes one row per period instead of a row per
-- provider and month (a seventh of a year's fact rows). Filled here from the providers' buckets, as the rebuild
-- fills it (src/db/facts/buckets.ts programmePeriodsSql): no bucket needs rebuilding.
ALTER TABLE fact_programme_buckets ADD COLUMN monthly TEXT NOT NULL DEFAULT '[]';

UPDATE fact_programme_buckets AS b SET monthly = COALESCE((SELECT '[' || group_concat(row, ',') || ']' FROM (
    SELECT '[' || json_quote(j.value ->> 0) || ',' || json_quote(j.value ->> 1) || ',' || json_quote(j.value ->> 2) || ',' || CASE WHEN SUM(j.value ->> 3) IS NULL THEN 'null' ELSE printf('%.17g', SUM(j.value ->> 3)) END || ',' || CASE WHEN SUM(j.value ->> 4) IS NULL THEN 'null' ELSE printf('%.17g', SUM(j.value ->> 4)) END || ',' || CASE WHEN SUM(j.value ->> 5) IS NULL THEN 'null' ELSE printf('%.17g', SUM(j.value ->> 5)) END || ']' AS row
    FROM fact_buckets m, json_each(m.monthly) j WHERE m.programme_id = b.programme_id AND m.variant = 'all' AND m.period = b.period
    GROUP BY j.value ->> 0, j.value ->> 1, j.value ->> 2)), '[]');
