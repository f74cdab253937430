// Follow-up invitations (wave 'followup'): which episodes are due one, and writing them with their messages.
import { insertInvitationsStatements, type NewInvitation } from './invitations.ts'
import { type OutboxMessage, queueStatements } from './outbox.ts'

/**
 * A follow-up that is due but not sent within this many days of its day is not sent at all (a stopped job or
 * a setting turned on late must not survey clients about a service long past), and the contact kept for it goes.
 */
export const FOLLOW_UP_GRACE_DAYS = 30

/**
 * Episode `e` of programme `p` still awaits its follow-up at ?1 (an ISO time): confirmed, invited to the exit
 * survey, not yet invited to the follow-up, of the follow-up survey's customer type, and not past the grace days.
 */
export const followUpAwaited = `e.status = 'confirmed' AND p.follow_up_days IS NOT NULL
  AND EXISTS (SELECT 1 FROM invitations x WHERE x.episode_id = e.id AND x.wave = 'exit')
  AND NOT EXISTS (SELECT 1 FROM invitations f WHERE f.episode_id = e.id AND f.wave = 'followup')
  AND EXISTS (SELECT 1 FROM surveys s WHERE s.id = p.follow_up_survey AND s.customer_type = e.customer_type)
  AND date(e.ended_on, '+' || (p.follow_up_days + ${FOLLOW_UP_GRACE_DAYS}) || ' days') > substr(?1, 1, 10)`

export type DueFollowUp = {
  episodeId: string
  providerName: string
  language: 'fi' | 'sv' | 'en'
  contactEmail: string | null
  contactPhone: string | null
  invitationDays: number
  surveyId: string
  /** The follow-up survey's latest published version. */
  surveyVersion: number
}

/** Episodes whose follow-up day (end + followUpDays) has come by `now`, oldest first. */
export async function dueFollowUps(db: D1Database, now: string, limit: number): Promise<DueFollowUp[]> {
  const { results } = await db
    .prepare(
      `SELECT e.id AS episodeId, pr.name AS providerName, e.language, e.contact_email AS contactEmail,
         e.contact_phone AS contactPhone, p.invitation_days AS invitationDays, p.follow_up_survey AS surveyId,
         (SELECT MAX(v.version) FROM survey_versions v WHERE v.survey_id = p.follow_up_survey) AS surveyVersion
       FROM episodes e JOIN programmes p ON p.id = e.programme_id JOIN providers pr ON pr.id = e.provider_id
       WHERE ${followUpAwaited} AND date(e.ended_on, '+' || p.follow_up_days || ' days') <= substr(?1, 1, 10)
       ORDER BY e.ended_on, e.id LIMIT ?2`,
    )
    .bind(now, limit)
    .all<DueFollowUp>()
  return results
}

/**
 * Follow-up invitations and their messages in one transaction. A second run that made the same episode's
 * follow-up meanwhile wins nothing: its row is skipped, and messages are only queued for invitations that exist.
 */
export async function insertFollowUps(
  db: D1Database,
  invitations: NewInvitation[],
  messages: OutboxMessage[],
): Promise<number> {
  if (invitations.length === 0) return 0
  const inserts = insertInvitationsStatements(db, invitations, { skipExisting: true })
  const results = await db.batch([...inserts, ...queueStatements(db, messages)])
  // Rows returned, not meta.changes: D1 counts the rows the aggregate triggers touch as changes too.
  return results.slice(0, inserts.length).reduce((n, r) => n + r.results.length, 0)
}
