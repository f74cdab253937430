// Steering-group ratings of providers (panel fee components): append-only, one version per change.
export type PanelRatingRecord = {
  id: string
  programmeId: string
  providerId: string
  period: string
  version: number
  rating: number
  reason: string
  createdAt: string
  createdBy: string | null
}

type Row = {
  id: string
  programme_id: string
  provider_id: string
  period: string
  version: number
  rating: number
  reason: string
  created_at: string
  created_by: string | null
}

const toRecord = (r: Row): PanelRatingRecord => ({
  id: r.id,
  programmeId: r.programme_id,
  providerId: r.provider_id,
  period: r.period,
  version: r.version,
  rating: r.rating,
  reason: r.reason,
  createdAt: r.created_at,
  createdBy: r.created_by,
})

/** The next version of the provider's rating for the period, numbered inside the INSERT (UNIQUE stops a race). */
export async function appendPanelRating(
  db: D1Database,
  r: Omit<PanelRatingRecord, 'version'>,
): Promise<PanelRatingRecord> {
  await db
    .prepare(
      `INSERT INTO panel_ratings (id, programme_id, provider_id, period, version, rating, reason, created_at, created_by)
       SELECT ?1, ?2, ?3, ?4, COALESCE(MAX(version), 0) + 1, ?5, ?6, ?7, ?8
       FROM panel_ratings WHERE provider_id = ?3 AND period = ?4`,
    )
    .bind(r.id, r.programmeId, r.providerId, r.period, r.rating, r.reason, r.createdAt, r.createdBy)
    .run()
  const row = await db.prepare('SELECT * FROM panel_ratings WHERE id = ?1').bind(r.id).first<Row>()
  return toRecord(row!)
}

/** Every version, by provider, period and version; one provider's only when providerId is given. */
export async function listPanelRatings(
  db: D1Database,
  programmeId: string,
  providerId: string | null,
): Promise<PanelRatingRecord[]> {
  const { results } = await db
    .prepare(
      `SELECT * FROM panel_ratings WHERE programme_id = ?1 AND (?2 IS NULL OR provider_id = ?2)
       ORDER BY provider_id, period, version`,
    )
    .bind(programmeId, providerId)
    .all<Row>()
  return results.map(toRecord)
}
