// Surveys as data: a procurer's drafts and their publication as numbered versions (migration 0011).
// Reads of the published versions themselves are in survey-versions.ts.
import type { CustomerType } from '../schemas/common.ts'
import type { JsonObject } from '../surveys/scored-items.ts'
import { isUniqueViolation } from './errors.ts'

export type Survey = {
  id: string
  title: string
  customerType: CustomerType
  builtin: boolean
  ownerProgrammeId: string | null
  draftUpdatedAt: string | null
  /** The newest published version, or null before the first publication. */
  latestVersion: number | null
}

export type SurveyWithDraft = Survey & { draft: JsonObject | null }

type SurveyRow = {
  id: string
  title: string
  customer_type: CustomerType
  builtin: number
  owner_programme_id: string | null
  draft: string | null
  draft_updated_at: string | null
  latest_version: number | null
}

const SELECT_SURVEY = `SELECT s.id, s.title, s.customer_type, s.builtin, s.owner_programme_id, s.draft, s.draft_updated_at,
  (SELECT MAX(v.version) FROM survey_versions v WHERE v.survey_id = s.id) AS latest_version
  FROM surveys s`

const toSurvey = (row: SurveyRow): SurveyWithDraft => ({
  id: row.id,
  title: row.title,
  customerType: row.customer_type,
  builtin: row.builtin === 1,
  ownerProgrammeId: row.owner_programme_id,
  draftUpdatedAt: row.draft_updated_at,
  latestVersion: row.latest_version,
  draft: row.draft === null ? null : JSON.parse(row.draft),
})

/** Without its draft: what a list shows. */
export const withoutDraft = ({ draft, ...survey }: SurveyWithDraft): Survey => {
  void draft
  return survey
}

export async function getSurvey(db: D1Database, id: string): Promise<SurveyWithDraft | null> {
  const row = await db.prepare(`${SELECT_SURVEY} WHERE s.id = ?1`).bind(id).first<SurveyRow>()
  return row ? toSurvey(row) : null
}

/** The authored surveys of one owner (a programme, or null: unbound procurers and the admin), newest first. */
export async function listAuthoredSurveys(db: D1Database, ownerProgrammeId: string | null): Promise<Survey[]> {
  const { results } = await db
    .prepare(
      `${SELECT_SURVEY} WHERE s.builtin = 0 AND s.owner_programme_id IS ?1
       ORDER BY COALESCE(s.draft_updated_at, s.created_at) DESC, s.id`,
    )
    .bind(ownerProgrammeId)
    .all<SurveyRow>()
  return results.map((row) => withoutDraft(toSurvey(row)))
}

export type NewSurvey = {
  id: string
  title: string
  customerType: CustomerType
  ownerProgrammeId: string | null
  ownerKey: string | null
  draft: JsonObject
  now: string
}

/** A new authored survey with its first draft; 'conflict' when the id is taken (nothing stored). */
export async function insertSurvey(db: D1Database, s: NewSurvey): Promise<'stored' | 'conflict'> {
  const result = await db
    .prepare(
      `INSERT INTO surveys (id, title, customer_type, builtin, owner_programme_id, owner_key, draft, draft_updated_at, created_at)
       VALUES (?1, ?2, ?3, 0, ?4, ?5, ?6, ?7, ?7) ON CONFLICT (id) DO NOTHING`,
    )
    .bind(s.id, s.title, s.customerType, s.ownerProgrammeId, s.ownerKey, JSON.stringify(s.draft), s.now)
    .run()
  return result.meta.changes === 1 ? 'stored' : 'conflict'
}

/** Replaces an authored survey's draft (and its title when given). Published versions are untouched. */
export async function replaceDraft(
  db: D1Database,
  id: string,
  draft: JsonObject,
  title: string | undefined,
  now: string,
): Promise<void> {
  await db
    .prepare(
      'UPDATE surveys SET draft = ?2, title = COALESCE(?3, title), draft_updated_at = ?4 WHERE id = ?1 AND builtin = 0',
    )
    .bind(id, JSON.stringify(draft), title ?? null, now)
    .run()
}

export type Publication = {
  surveyId: string
  version: number
  series: number
  comparableTo: number | null
  publishedAt: string
}

/**
 * Publishes a definition as the survey's next version, numbered in SQL; its series is the series of the version
 * it is comparable to, else its own number. Two concurrent publications cannot both take a number (the primary
 * key refuses the second: 'conflict', nothing stored).
 */
export async function publishVersion(
  db: D1Database,
  p: { surveyId: string; definition: JsonObject; comparableTo: number | null; now: string; by: string | null },
): Promise<Publication | 'conflict'> {
  try {
    const [, read] = await db.batch<{ version: number; series: number; comparable_to: number | null }>([
      db
        .prepare(
          `INSERT INTO survey_versions (survey_id, version, definition, comparable_to, series, published_at, published_by)
           SELECT ?1, n.next, ?2, ?3,
             COALESCE((SELECT series FROM survey_versions WHERE survey_id = ?1 AND version = ?3), n.next), ?4, ?5
           FROM (SELECT COALESCE(MAX(version), 0) + 1 AS next FROM survey_versions WHERE survey_id = ?1) n`,
        )
        .bind(p.surveyId, JSON.stringify(p.definition), p.comparableTo, p.now, p.by),
      db
        .prepare(
          'SELECT version, series, comparable_to FROM survey_versions WHERE survey_id = ?1 ORDER BY version DESC LIMIT 1',
        )
        .bind(p.surveyId),
    ])
    const row = read.results[0]
    return {
      surveyId: p.surveyId,
      version: row.version,
      series: row.series,
      comparableTo: row.comparable_to,
      publishedAt: p.now,
    }
  } catch (err) {
    if (isUniqueViolation(err)) return 'conflict'
    throw err
  }
}

export type VersionUse = { version: number; programmeId: string; name: string; invitations: number }

/** How many invitations of each programme each version of the survey was sent with. */
export async function versionUsage(db: D1Database, surveyId: string): Promise<VersionUse[]> {
  const { results } = await db
    .prepare(
      `SELECT i.survey_version AS version, p.id AS programmeId, p.name AS name, COUNT(*) AS invitations
       FROM invitations i JOIN episodes e ON e.id = i.episode_id JOIN programmes p ON p.id = e.programme_id
       WHERE i.survey_id = ?1 GROUP BY i.survey_version, p.id ORDER BY i.survey_version, p.name`,
    )
    .bind(surveyId)
    .all<VersionUse>()
  return results
}

/** The published version numbers of every survey, oldest first. */
export async function publishedVersionNumbers(db: D1Database): Promise<Map<string, number[]>> {
  const { results } = await db
    .prepare('SELECT survey_id, version FROM survey_versions ORDER BY survey_id, version')
    .all<{ survey_id: string; version: number }>()
  const out = new Map<string, number[]>()
  for (const r of results) out.set(r.survey_id, [...(out.get(r.survey_id) ?? []), r.version])
  return out
}
