-- The probe needs no table (its query is a recursive CTE); wrangler wants a migration to apply.
SELECT 1;
