import type { Language } from '../schemas/common.ts'
import { cancelPendingStatement, type OutboxMessage, queueStatements } from './outbox.ts'

export type InvitationStatus = 'open' | 'completed' | 'declined'

/** exit: the scored post-service survey; intake: the same scored items when the service starts; followup: outcomes. */
export type Wave = 'exit' | 'intake' | 'followup'

export type Invitation = {
  id: string
  episodeId: string
  wave: Wave
  surveyId: string
  surveyVersion: number
  language: Language
  status: InvitationStatus
  issuedAt: string
  expiresAt: string
  openedAt: string | null
  startedAt: string | null
  completedAt: string | null
  declinedAt: string | null
}

type InvitationRow = {
  id: string
  episode_id: string
  wave: Wave
  survey_id: string
  survey_version: number
  language: Language
  status: InvitationStatus
  issued_at: string
  expires_at: string
  opened_at: string | null
  started_at: string | null
  completed_at: string | null
  declined_at: string | null
}

export function toInvitation(row: InvitationRow): Invitation {
  return {
    id: row.id,
    episodeId: row.episode_id,
    wave: row.wave,
    surveyId: row.survey_id,
    surveyVersion: row.survey_version,
    language: row.language,
    status: row.status,
    issuedAt: row.issued_at,
    expiresAt: row.expires_at,
    openedAt: row.opened_at,
    startedAt: row.started_at,
    completedAt: row.completed_at,
    declinedAt: row.declined_at,
  }
}

export type NewInvitation = Pick<
  Invitation,
  'id' | 'episodeId' | 'wave' | 'surveyId' | 'surveyVersion' | 'language' | 'issuedAt' | 'expiresAt'
> & {
  tokenHash: string
  sealedToken: string | null
}

/** Rows per INSERT: one JSON parameter each, well inside D1's statement size. */
const ROWS_PER_STATEMENT = 500

/**
 * INSERTs of new invitations, only for confirmed episodes. With skipExisting, an episode that already has an
 * invitation of that wave keeps it and the row is skipped (the delivery job's follow-ups, which two runs may
 * make at once); otherwise the UNIQUE (episode_id, wave) conflict fails the batch.
 */
export function insertInvitationsStatements(
  db: D1Database,
  invitations: NewInvitation[],
  { skipExisting = false } = {},
): D1PreparedStatement[] {
  const statements: D1PreparedStatement[] = []
  for (let i = 0; i < invitations.length; i += ROWS_PER_STATEMENT) {
    statements.push(
      db
        .prepare(
          `INSERT INTO invitations (id, episode_id, wave, token_hash, survey_id, survey_version, language, issued_at,
             expires_at, sealed_token)
           SELECT v ->> '$.id', v ->> '$.episodeId', v ->> '$.wave', v ->> '$.tokenHash', v ->> '$.surveyId', v ->> '$.surveyVersion',
             v ->> '$.language', v ->> '$.issuedAt', v ->> '$.expiresAt', v ->> '$.sealedToken'
           FROM (SELECT value AS v FROM json_each(?1))
           -- only a confirmed episode is invited (a pending one waits, a rejected one never is)
           WHERE EXISTS (SELECT 1 FROM episodes e WHERE e.id = v ->> '$.episodeId' AND e.status = 'confirmed')
           ${skipExisting ? 'ON CONFLICT (episode_id, wave) DO NOTHING RETURNING id' : ''}`,
        )
        .bind(JSON.stringify(invitations.slice(i, i + ROWS_PER_STATEMENT))),
    )
  }
  return statements
}

/** The episodes' invitations of one wave (the exit survey unless told), by episode id. */
export async function invitationsForEpisodes(
  db: D1Database,
  episodeIds: string[],
  wave: Wave = 'exit',
): Promise<Map<string, Invitation>> {
  const { results } = await db
    .prepare('SELECT * FROM invitations WHERE wave = ?2 AND episode_id IN (SELECT value FROM json_each(?1))')
    .bind(JSON.stringify(episodeIds), wave)
    .all<InvitationRow>()
  return new Map(results.map((r) => [r.episode_id, toInvitation(r)]))
}

export type InvitationContext = Invitation & {
  /** exit (scored), intake or followup (reported outcomes) */
  wave: 'exit' | 'intake' | 'followup'
  programmeId: string
  providerName: string
  minResponses: number
  minGroup: number
  /**
   * The answers saved so far, their language and when (the response's updated_at, which a cached
   * session's writes check is unchanged), or null before the first save.
   */
  saved: { language: Language; answers: Record<string, string | number | boolean>; updatedAt: string } | null
}

/**
 * The invitation behind a token, with what its survey page needs about the programme and the answers
 * saved so far: one query, since every respondent request starts here.
 */
export async function invitationContextByTokenHash(
  db: D1Database,
  tokenHash: string,
): Promise<InvitationContext | null> {
  const row = await db
    .prepare(
      `SELECT i.*, e.programme_id, pr.name AS provider_name, p.publication,
         r.language AS saved_language, r.answers AS saved_answers, r.updated_at AS saved_at
       FROM invitations i JOIN episodes e ON e.id = i.episode_id
       JOIN programmes p ON p.id = e.programme_id JOIN providers pr ON pr.id = e.provider_id
       LEFT JOIN responses r ON r.invitation_id = i.id
       WHERE i.token_hash = ?1`,
    )
    .bind(tokenHash)
    .first<
      InvitationRow & {
        wave: InvitationContext['wave']
        programme_id: string
        provider_name: string
        publication: string
        saved_language: Language | null
        saved_answers: string | null
        saved_at: string | null
      }
    >()
  if (!row) return null
  const publication = JSON.parse(row.publication)
  return {
    ...toInvitation(row),
    wave: row.wave,
    programmeId: row.programme_id,
    providerName: row.provider_name,
    minResponses: publication.minResponses,
    minGroup: publication.minGroup,
    saved:
      row.saved_answers === null
        ? null
        : { language: row.saved_language!, answers: JSON.parse(row.saved_answers), updatedAt: row.saved_at! },
  }
}

/**
 * Re-issues an open invitation in one transaction: the new token hash, the old link's unsent messages
 * dropped, the new link's messages queued. Null when the invitation closed meanwhile.
 */
export async function reissueInvitation(
  db: D1Database,
  id: string,
  link: { tokenHash: string; issuedAt: string; expiresAt: string; sealedToken: string | null },
  messages: OutboxMessage[],
): Promise<Invitation | null> {
  const [reissued] = await db.batch([
    db
      .prepare(
        `UPDATE invitations SET token_hash = ?2, issued_at = ?3, expires_at = ?4, sealed_token = ?5,
           reissues = reissues + 1
         WHERE id = ?1 AND status = 'open' RETURNING *`,
      )
      .bind(id, link.tokenHash, link.issuedAt, link.expiresAt, link.sealedToken),
    cancelPendingStatement(db, id),
    ...queueStatements(db, messages),
  ])
  const row = (reissued.results as InvitationRow[])[0]
  return row ? toInvitation(row) : null
}

export type SealedLink = {
  episodeId: string
  externalRef: string
  providerId: string
  providerName: string
  customerType: string
  /** exit: the post-service survey; intake: the same scored items at the start; followup: what happened later */
  wave: Wave
  language: Language
  expiresAt: string
  sealedToken: string
}

/** Open, unexpired invitations of a programme whose links only the procurer can hand over (no contact). */
export async function sealedLinks(
  db: D1Database,
  programmeId: string,
  providerId: string | null,
  now: string,
): Promise<SealedLink[]> {
  const { results } = await db
    .prepare(
      `SELECT e.id AS episodeId, e.external_ref AS externalRef, e.provider_id AS providerId, p.name AS providerName,
         e.customer_type AS customerType, i.wave, i.language, i.expires_at AS expiresAt, i.sealed_token AS sealedToken
       FROM invitations i JOIN episodes e ON e.id = i.episode_id JOIN providers p ON p.id = e.provider_id
       WHERE e.programme_id = ?1 AND (?2 IS NULL OR e.provider_id = ?2) AND i.status = 'open'
         AND i.expires_at > ?3 AND i.sealed_token IS NOT NULL
       ORDER BY p.name, e.external_ref, i.wave`,
    )
    .bind(programmeId, providerId, now)
    .all<SealedLink>()
  return results
}
