// The series map: which series each published version of the named surveys belongs to (survey_versions).
import type { SeriesMapRow } from '../domain/series.ts'

export async function seriesMap(db: D1Database, surveyIds: readonly string[]): Promise<SeriesMapRow[]> {
  if (surveyIds.length === 0) return []
  const { results } = await db
    .prepare(
      `SELECT survey_id AS surveyId, version, series FROM survey_versions
       WHERE survey_id IN (SELECT value FROM json_each(?1)) ORDER BY 1, 2`,
    )
    .bind(JSON.stringify(surveyIds))
    .all<SeriesMapRow>()
  return results
}
