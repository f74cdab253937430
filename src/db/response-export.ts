// The rows of a procurer's response export (GET /programmes/:pid/responses.csv), read in pages so that a
// programme of 100,000 responses never sits in memory at once. Only what the export shows is selected:
// never contact data, tokens or network hashes.
//
// Pages are keyed by the episode's reference, unique in its programme (one response per episode and wave):
// the (programme_id, external_ref) index walks the programme in that order, so each page is a range seek and
// the export reads the programme once. Keyed by invitation id, every page would sort the whole programme
// (EXPLAIN QUERY PLAN: USE TEMP B-TREE FOR ORDER BY) or scan every programme's responses.
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

const FROM_WHERE = `FROM episodes e
  JOIN invitations i ON i.episode_id = e.id
  JOIN responses r ON r.invitation_id = i.id
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

/**
 * One page of rows in the order of the episodes' references, after the reference `after` ('' for the first
 * page: a reference is never empty), and where the next page starts (null after the last).
 */
export async function exportPage(
  db: D1Database,
  f: ExportFilter,
  after: string,
  limit: number,
): Promise<{ rows: ExportRow[]; next: string | null }> {
  const { results } = await bindFilter(
    db.prepare(
      `SELECT r.invitation_id, i.wave, r.survey_id, r.survey_version, r.language, r.completed_at,
         e.provider_id, p.name AS provider_name, e.service_type, e.customer_type, r.answers, e.external_ref
       ${FROM_WHERE} AND e.external_ref > ?9
       ORDER BY e.external_ref LIMIT ?10`,
    ),
    f,
    after,
    limit,
  ).all<Row & { external_ref: string }>()
  const rows = results.map((r) => ({
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
  return { rows, next: results.length < limit ? null : results[results.length - 1].external_ref }
}
