import { cannotSayAnswers, type ResponseScore } from '../domain/response-score.ts'
import type { Language } from '../schemas/common.ts'
import type { Answers } from '../surveys/runtime.ts'
import { completedHereSql, guardSql, type WriteGuard } from './respondent-guard.ts'

export type StoredResponse = {
  invitationId: string
  surveyId: string
  surveyVersion: number
  language: Language
  answers: Answers
  completed: boolean
  updatedAt: string
  completedAt: string | null
}

type ResponseRow = {
  invitation_id: string
  survey_id: string
  survey_version: number
  language: Language
  answers: string
  completed: number
  updated_at: string
  completed_at: string | null
}

export async function getResponse(db: D1Database, invitationId: string): Promise<StoredResponse | null> {
  const row = await db
    .prepare(
      'SELECT invitation_id, survey_id, survey_version, language, answers, completed, updated_at, completed_at FROM responses WHERE invitation_id = ?1',
    )
    .bind(invitationId)
    .first<ResponseRow>()
  if (!row) return null
  return {
    invitationId: row.invitation_id,
    surveyId: row.survey_id,
    surveyVersion: row.survey_version,
    language: row.language,
    answers: JSON.parse(row.answers),
    completed: row.completed === 1,
    updatedAt: row.updated_at,
    completedAt: row.completed_at,
  }
}

export type ResponseWrite = {
  invitationId: string
  surveyId: string
  surveyVersion: number
  language: Language
  answers: Answers
  score: ResponseScore
  netHash: string | null
  at: string
}

/**
 * Upserts the answers while the guard holds (at least: the invitation is open); a completed or declined
 * invitation is never touched, so a late autosave cannot change a finished response.
 */
function upsertResponse(db: D1Database, w: ResponseWrite, complete: boolean, guard: WriteGuard): D1PreparedStatement {
  const g = guardSql(guard, 16)
  return db
    .prepare(
      `INSERT INTO responses (invitation_id, survey_id, survey_version, language, answers, completed, scored_total,
         scored_answered, quality_index, all_top, top_box, straight_line, net_hash, created_at, updated_at, completed_at,
         cannot_say)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?13, ?14, ?11, ?12, ?12, CASE WHEN ?6 = 1 THEN ?12 END, ?15
       WHERE ${g.sql}
       ON CONFLICT (invitation_id) DO UPDATE SET
         language = excluded.language, answers = excluded.answers, completed = excluded.completed,
         scored_total = excluded.scored_total, scored_answered = excluded.scored_answered,
         quality_index = excluded.quality_index, all_top = excluded.all_top, top_box = excluded.top_box,
         straight_line = excluded.straight_line, cannot_say = excluded.cannot_say,
         net_hash = COALESCE(excluded.net_hash, responses.net_hash),
         updated_at = excluded.updated_at, completed_at = excluded.completed_at
       WHERE responses.completed = 0`,
    )
    .bind(
      w.invitationId,
      w.surveyId,
      w.surveyVersion,
      w.language,
      JSON.stringify(w.answers),
      complete ? 1 : 0,
      w.score.scoredTotal,
      w.score.scoredAnswered,
      complete ? w.score.qualityIndex : null,
      complete && w.score.allTop ? 1 : 0,
      w.netHash,
      w.at,
      // top_box (kept by the append-only schema) now means all-top: cannot say is never top
      complete && w.score.allTop ? 1 : 0,
      complete && w.score.straightLine ? 1 : 0,
      cannotSayAnswers(w.score),
      ...g.values,
    )
}

/**
 * Saves progress; marks the invitation opened and (with answers) started. One batch, both statements under
 * the same guard (the timestamps first: they change nothing the guard reads). True when the answers landed.
 */
export async function saveProgress(db: D1Database, w: ResponseWrite, guard: WriteGuard): Promise<boolean> {
  const started = Object.keys(w.answers).length > 0 ? w.at : null
  const g = guardSql(guard, 4)
  const [, upserted] = await db.batch([
    db
      .prepare(
        `UPDATE invitations SET opened_at = COALESCE(opened_at, ?2), started_at = COALESCE(started_at, ?3)
         WHERE id = ?1 AND ${g.sql}`,
      )
      .bind(w.invitationId, w.at, started, ...g.values),
    upsertResponse(db, w, false, guard),
  ])
  return upserted.meta.changes > 0
}

/**
 * Completes the response in one transaction: final answers (under the guard), then per-item rows, `also`
 * (statements that must hold only with the completion, such as a follow-up's reported outcomes; they get
 * the condition to put in their WHERE) and the invitation's status, each landing only if this batch's
 * upsert completed the response. Returns false when nothing landed (the invitation was no longer open,
 * or a cached session's guard failed).
 */
export async function completeResponse(
  db: D1Database,
  w: ResponseWrite,
  guard: WriteGuard,
  also: (condition: (from: number) => { sql: string; values: unknown[] }) => D1PreparedStatement[] = () => [],
): Promise<boolean> {
  const here = (from: number) => completedHereSql(w.invitationId, w.at, from)
  const items = here(3)
  const closed = here(3)
  const results = await db.batch([
    upsertResponse(db, w, true, guard),
    db
      .prepare(
        `INSERT INTO response_items (invitation_id, item, position, points)
         SELECT ?1, i ->> '$.item', i ->> '$.position', i ->> '$.points' FROM (SELECT value AS i FROM json_each(?2))
         WHERE ${items.sql}`,
      )
      .bind(w.invitationId, JSON.stringify(w.score.items), ...items.values),
    ...also(here),
    db
      .prepare(
        `UPDATE invitations SET status = 'completed', completed_at = ?2, sealed_token = NULL,
           opened_at = COALESCE(opened_at, ?2), started_at = COALESCE(started_at, ?2)
         WHERE id = ?1 AND ${closed.sql}`,
      )
      .bind(w.invitationId, w.at, ...closed.values),
  ])
  // The status update is this function's own last statement (triggers others add do not count in changes).
  return results[results.length - 1].meta.changes > 0
}

export async function markOpened(db: D1Database, invitationId: string, at: string): Promise<void> {
  await db
    .prepare('UPDATE invitations SET opened_at = ?2 WHERE id = ?1 AND opened_at IS NULL')
    .bind(invitationId, at)
    .run()
}

/** An explicit refusal; returns false when the guard failed (the invitation was not open, or the cache was stale). */
export async function declineInvitation(db: D1Database, at: string, guard: WriteGuard): Promise<boolean> {
  const g = guardSql(guard, 3)
  const result = await db
    .prepare(
      `UPDATE invitations SET status = 'declined', declined_at = ?2, opened_at = COALESCE(opened_at, ?2),
         sealed_token = NULL
       WHERE id = ?1 AND ${g.sql}`,
    )
    .bind(guard.invitationId, at, ...g.values)
    .run()
  return result.meta.changes > 0
}
