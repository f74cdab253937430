// Reads of published survey versions (the rows behind every invitation and response). Published versions
// never change (migration 0011's triggers), so callers may keep what they read for the isolate's life.
import type { CustomerType } from '../schemas/common.ts'
import type { JsonObject } from '../surveys/scored-items.ts'

export type PublishedVersion = {
  surveyId: string
  version: number
  title: string
  customerType: CustomerType
  builtin: boolean
  ownerProgrammeId: string | null
  definition: JsonObject
  /** The earlier version whose scores this one pools with, or null when it starts a series. */
  comparableTo: number | null
  /** The first version of the series this version belongs to. */
  series: number
  publishedAt: string
}

type VersionRow = {
  survey_id: string
  version: number
  title: string
  customer_type: CustomerType
  builtin: number
  owner_programme_id: string | null
  definition: string
  comparable_to: number | null
  series: number
  published_at: string
}

const toPublishedVersion = (row: VersionRow): PublishedVersion => ({
  surveyId: row.survey_id,
  version: row.version,
  title: row.title,
  customerType: row.customer_type,
  builtin: row.builtin === 1,
  ownerProgrammeId: row.owner_programme_id,
  definition: JSON.parse(row.definition),
  comparableTo: row.comparable_to,
  series: row.series,
  publishedAt: row.published_at,
})

const SELECT_VERSION = `SELECT v.survey_id, v.version, s.title, s.customer_type, s.builtin, s.owner_programme_id,
  v.definition, v.comparable_to, v.series, v.published_at
  FROM survey_versions v JOIN surveys s ON s.id = v.survey_id`

export async function findPublishedVersion(
  db: D1Database,
  surveyId: string,
  version: number,
): Promise<PublishedVersion | null> {
  const row = await db
    .prepare(`${SELECT_VERSION} WHERE v.survey_id = ?1 AND v.version = ?2`)
    .bind(surveyId, version)
    .first<VersionRow>()
  return row ? toPublishedVersion(row) : null
}

export async function latestPublishedVersion(db: D1Database, surveyId: string): Promise<PublishedVersion | null> {
  const row = await db
    .prepare(`${SELECT_VERSION} WHERE v.survey_id = ?1 ORDER BY v.version DESC LIMIT 1`)
    .bind(surveyId)
    .first<VersionRow>()
  return row ? toPublishedVersion(row) : null
}

/** Every published version of a survey, oldest first. */
export async function publishedVersionsOf(db: D1Database, surveyId: string): Promise<PublishedVersion[]> {
  const { results } = await db
    .prepare(`${SELECT_VERSION} WHERE v.survey_id = ?1 ORDER BY v.version`)
    .bind(surveyId)
    .all<VersionRow>()
  return results.map(toPublishedVersion)
}

/** The survey versions a programme's invitations were issued with (any wave), each once. */
export async function invitedSurveyVersions(
  db: D1Database,
  programmeId: string,
): Promise<Array<{ surveyId: string; version: number }>> {
  const { results } = await db
    .prepare(
      `SELECT DISTINCT i.survey_id AS surveyId, i.survey_version AS version
       FROM episodes e JOIN invitations i ON i.episode_id = e.id WHERE e.programme_id = ?1 ORDER BY 1, 2`,
    )
    .bind(programmeId)
    .all<{ surveyId: string; version: number }>()
  return results
}
