// The rows of a procurer's response export (GET /programmes/:pid/responses.csv), read in pages by
// invitation id so that a programme of 100,000 responses never sits in memory at once. Only what the
// export shows is selected: never contact data, tokens or network hashes.
import type { CustomerType, Language } from '../schemas/common.ts'
import type { Answers } from '../surveys/runtime.ts'

export type Wave = 'exit' | 'intake' | 'followup'

export type ExportFilter = {
  programmeId: string
  wave: Wave
  /** Episode end dates, inclusive (the procurer's period convention); null: unbounded. */
  from: string | null
  to: string | null
  surveyId: string | null
  surveyVersion: number | null
  completedOnly: boolean
  /**
   * The export's moment: only responses completed (or, with every status, begun) by then, so that the
   * rows counted for the audit entry are the rows streamed even while respondents keep answering.
   */
  asOf: string
}

export type ExportRow = {
  invitationId: string
  wave: Wave
  surveyId: string
  surveyVersion: number
  language: Language
  completedAt: string | null
  providerId: string
  providerName: string
  serviceType: string | null
  customerType: CustomerType
  answers: Answers
}

type Row = {
  invitation_id: string
  wave: Wave
  survey_id: string
  survey_version: number
  language: Language
  completed_at: string | null
  provider_id: string
  provider_name: string
  service_type: string | null
  customer_type: CustomerType
  answers: string
}

const FROM_WHERE = `FROM responses r
  JOIN invitations i ON i.id = r.invitation_id
  JOIN episodes e ON e.id = i.episode_id
  JOIN providers p ON p.id = e.provider_id
  WHERE e.programme_id = ?1 AND i.wave = ?2
    AND (?3 IS NULL OR e.ended_on >= ?3) AND (?4 IS NULL OR e.ended_on <= ?4)
    AND (?5 IS NULL OR r.survey_id = ?5) AND (?6 IS NULL OR r.survey_version = ?6)
    AND CASE WHEN ?7 = 1 THEN r.completed = 1 AND r.completed_at <= ?8 ELSE r.created_at <= ?8 END`

const bindFilter = (s: D1PreparedStatement, f: ExportFilter, ...more: unknown[]) =>
  s.bind(f.programmeId, f.wave, f.from, f.to, f.surveyId, f.surveyVersion, f.completedOnly ? 1 : 0, f.asOf, ...more)

/** How many rows the export has, and the survey versions they answered (by survey id, then version). */
export async function exportExtent(
  db: D1Database,
  f: ExportFilter,
): Promise<{ rows: number; versions: Array<{ surveyId: string; version: number }> }> {
  const { results } = await bindFilter(
    db.prepare(
      `SELECT r.survey_id AS surveyId, r.survey_version AS version, COUNT(*) AS n ${FROM_WHERE}
       GROUP BY r.survey_id, r.survey_version ORDER BY r.survey_id, r.survey_version`,
    ),
    f,
  ).all<{ surveyId: string; version: number; n: number }>()
  return {
    rows: results.reduce((sum, v) => sum + v.n, 0),
    versions: results.map((v) => ({ surveyId: v.surveyId, version: v.version })),
  }
}

/** One page of rows in invitation id order, after the id `after` (null: from the start). */
export async function exportPage(
  db: D1Database,
  f: ExportFilter,
  after: string | null,
  limit: number,
): Promise<ExportRow[]> {
  const { results } = await bindFilter(
    db.prepare(
      `SELECT r.invitation_id, i.wave, r.survey_id, r.survey_version, r.language, r.completed_at,
         e.provider_id, p.name AS provider_name, e.service_type, e.customer_type, r.answers
       ${FROM_WHERE}
         AND (?9 IS NULL OR r.invitation_id > ?9)
       ORDER BY r.invitation_id LIMIT ?10`,
    ),
    f,
    after,
    limit,
  ).all<Row>()
  return results.map((r) => ({
    invitationId: r.invitation_id,
    wave: r.wave,
    surveyId: r.survey_id,
    surveyVersion: r.survey_version,
    language: r.language,
    completedAt: r.completed_at,
    providerId: r.provider_id,
    providerName: r.provider_name,
    serviceType: r.service_type,
    customerType: r.customer_type,
    answers: JSON.parse(r.answers),
  }))
}
