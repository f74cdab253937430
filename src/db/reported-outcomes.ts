// Reported outcomes: what a completed follow-up response says happened, until the procurer confirms (then it is
// an outcome, which result components pay) or rejects it.
import type { ReportedOutcome } from '../surveys/reported-outcomes.ts'

export type ReportedStatus = 'pending' | 'confirmed' | 'rejected'

export type ReportedOutcomeRow = {
  id: string
  episodeId: string
  externalRef: string
  providerId: string
  providerName: string
  type: string
  occurredOn: string
  value: number | null
  status: ReportedStatus
  reviewedByKey: string | null
  reviewedAt: string | null
  createdAt: string
  /** The episode's service start: an outcome before it cannot be confirmed. */
  startedOn: string
  /**
   * Who held the follow-up link the report was answered through: Laatu where it queued a message (the client
   * had contact data), else the procurer (the sealed link of invitation-links.csv). Never a provider: see
   * mayHoldLinks.
   */
  linkHeldBy: 'laatu' | 'procurer'
}

/** The reported outcomes of a completion, written only while the invitation is open (in its batch). */
export function insertReportedStatement(
  db: D1Database,
  r: { invitationId: string; programmeId: string; episodeId: string; at: string },
  outcomes: Array<ReportedOutcome & { id: string }>,
  // The respondent's completion passes its batch's guard (src/db/respondent-guard.ts); default: the invitation is open.
  guard: { sql: string; values: unknown[] } = {
    sql: "EXISTS (SELECT 1 FROM invitations WHERE id = ?6 AND status = 'open')",
    values: [r.invitationId],
  },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO reported_outcomes (id, programme_id, episode_id, invitation_id, type, occurred_on, value, created_at)
       SELECT o ->> '$.id', ?2, ?3, ?1, o ->> '$.type', o ->> '$.occurredOn', o ->> '$.value', ?4
       FROM (SELECT value AS o FROM json_each(?5))
       WHERE ${guard.sql}
       ON CONFLICT (invitation_id, type) DO NOTHING`,
    )
    .bind(r.invitationId, r.programmeId, r.episodeId, r.at, JSON.stringify(outcomes), ...guard.values)
}

const SELECT = `SELECT ro.id, ro.episode_id AS episodeId, e.external_ref AS externalRef, e.provider_id AS providerId,
    pr.name AS providerName, ro.type, ro.occurred_on AS occurredOn, ro.value, ro.status,
    ro.reviewed_by_key AS reviewedByKey, ro.reviewed_at AS reviewedAt, ro.created_at AS createdAt,
    e.started_on AS startedOn,
    CASE WHEN EXISTS (SELECT 1 FROM outbox ob WHERE ob.invitation_id = ro.invitation_id) THEN 'laatu' ELSE 'procurer' END
      AS linkHeldBy
  FROM reported_outcomes ro JOIN episodes e ON e.id = ro.episode_id JOIN providers pr ON pr.id = e.provider_id`

/** A programme's reported outcomes of one status (or all), oldest first. */
export async function listReportedOutcomes(
  db: D1Database,
  programmeId: string,
  status: ReportedStatus | null,
  limit: number,
): Promise<ReportedOutcomeRow[]> {
  const { results } = await db
    .prepare(
      `${SELECT} WHERE ro.programme_id = ?1 AND (?2 IS NULL OR ro.status = ?2) ORDER BY ro.created_at, ro.id LIMIT ?3`,
    )
    .bind(programmeId, status, limit)
    .all<ReportedOutcomeRow>()
  return results
}

export async function reportedOutcomesByIds(
  db: D1Database,
  programmeId: string,
  ids: string[],
): Promise<ReportedOutcomeRow[]> {
  const { results } = await db
    .prepare(`${SELECT} WHERE ro.programme_id = ?1 AND ro.id IN (SELECT value FROM json_each(?2))`)
    .bind(programmeId, JSON.stringify(ids))
    .all<ReportedOutcomeRow>()
  return results
}

/**
 * Confirms pending reported outcomes in one transaction: each becomes an outcome (an outcome of the same episode,
 * type and day already there is kept as it is: outcomes' UNIQUE) and is marked confirmed. One already reviewed
 * is left alone, so confirming twice changes nothing. Returns how many were confirmed.
 */
export async function confirmReported(
  db: D1Database,
  confirm: Array<{ id: string; outcomeId: string }>,
  by: string | null,
  at: string,
): Promise<number> {
  const [, marked] = await db.batch([
    db
      .prepare(
        `INSERT INTO outcomes (id, episode_id, type, occurred_on, value, created_at)
         SELECT c ->> '$.outcomeId', ro.episode_id, ro.type, ro.occurred_on, ro.value, ?2
         FROM (SELECT value AS c FROM json_each(?1)) JOIN reported_outcomes ro ON ro.id = c ->> '$.id'
         WHERE ro.status = 'pending'
         ON CONFLICT (episode_id, type, occurred_on) DO NOTHING`,
      )
      .bind(JSON.stringify(confirm), at),
    reviewStatement(
      db,
      'confirmed',
      confirm.map((c) => c.id),
      by,
      at,
    ),
  ])
  return marked.meta.changes
}

/** Rejects pending reported outcomes (no outcome is written); returns how many were rejected. */
export async function rejectReported(db: D1Database, ids: string[], by: string | null, at: string): Promise<number> {
  return (await reviewStatement(db, 'rejected', ids, by, at).run()).meta.changes
}

function reviewStatement(db: D1Database, status: ReportedStatus, ids: string[], by: string | null, at: string) {
  return db
    .prepare(
      `UPDATE reported_outcomes SET status = ?2, reviewed_by_key = ?3, reviewed_at = ?4
       WHERE id IN (SELECT value FROM json_each(?1)) AND status = 'pending'`,
    )
    .bind(JSON.stringify(ids), status, by, at)
}
