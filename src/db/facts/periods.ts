/** The calendar years and months a programme has buckets for, and how many of its buckets wait to be rebuilt. */
export async function bucketPeriods(
  db: D1Database,
  programmeId: string,
): Promise<{ periods: string[]; marked: number }> {
  const [periods, marked] = await db.batch<{ period?: string; n?: number }>([
    db
      .prepare(
        `SELECT DISTINCT period FROM fact_bucket_groups WHERE programme_id = ?1 AND variant = 'all' AND length(period) <= 7 ORDER BY period`,
      )
      .bind(programmeId),
    db.prepare('SELECT COUNT(*) AS n FROM fact_dirty WHERE programme_id = ?1').bind(programmeId),
  ])
  return { periods: periods.results.map((r) => r.period!), marked: marked.results[0]?.n ?? 0 }
}
