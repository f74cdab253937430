import type { Actor, Episode, EpisodeStatus } from '../domain/episode.ts'
import type { CustomerType, Language } from '../schemas/common.ts'
import { batchUnlessDuplicate } from './errors.ts'
import { insertInvitationsStatements, type NewInvitation } from './invitations.ts'
import { type OutboxMessage, queueStatements } from './outbox.ts'

export type NewEpisode = Omit<Episode, 'hasContact' | 'reviewNote'> & {
  /** The reference as compared (see referenceKey): unique within the programme. */
  refKey: string
  contactEmail: string | null
  contactPhone: string | null
}

type EpisodeRow = {
  id: string
  programme_id: string
  provider_id: string
  customer_type: CustomerType
  external_ref: string
  service_type: string | null
  started_on: string
  ended_on: string
  risk_class: string | null
  proposed_risk_class: string | null
  language: Language
  status: EpisodeStatus
  created_at: string
  created_by_key: string | null
  created_by_role: Actor['role']
  reviewed_by_key: string | null
  reviewed_by_role: Actor['role']
  reviewed_at: string | null
  review_note: string | null
  has_contact: number
}

const columns = `id, programme_id, provider_id, customer_type, external_ref, service_type, started_on, ended_on,
  risk_class, proposed_risk_class, language, status, created_at, created_by_key, created_by_role, reviewed_by_key,
  reviewed_by_role, reviewed_at, review_note, (contact_email IS NOT NULL OR contact_phone IS NOT NULL) AS has_contact`

export function toEpisode(row: EpisodeRow): Episode {
  return {
    id: row.id,
    programmeId: row.programme_id,
    providerId: row.provider_id,
    customerType: row.customer_type,
    externalRef: row.external_ref,
    serviceType: row.service_type,
    startedOn: row.started_on,
    endedOn: row.ended_on,
    riskClass: row.risk_class,
    proposedRiskClass: row.proposed_risk_class,
    language: row.language,
    status: row.status,
    createdAt: row.created_at,
    createdBy: { keyId: row.created_by_key, role: row.created_by_role },
    reviewedBy: row.reviewed_at
      ? { keyId: row.reviewed_by_key, role: row.reviewed_by_role, at: row.reviewed_at }
      : null,
    reviewNote: row.review_note,
    hasContact: row.has_contact === 1,
  }
}

/** D1 allows 100 bound parameters per statement, so many rows travel as one JSON parameter. */
const ROWS_PER_STATEMENT = 500

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

export async function findEpisodesByRefs(
  db: D1Database,
  programmeId: string,
  refKeys: string[],
): Promise<Map<string, Episode>> {
  const found = new Map<string, Episode>()
  for (const part of chunks(refKeys, ROWS_PER_STATEMENT)) {
    const { results } = await db
      .prepare(
        `SELECT ${columns}, ref_key FROM episodes WHERE programme_id = ?1 AND ref_key IN (SELECT value FROM json_each(?2))`,
      )
      .bind(programmeId, JSON.stringify(part))
      .all<EpisodeRow & { ref_key: string }>()
    for (const row of results) found.set(row.ref_key, toEpisode(row))
  }
  return found
}

export function insertEpisodesStatements(db: D1Database, episodes: NewEpisode[]): D1PreparedStatement[] {
  return chunks(episodes, ROWS_PER_STATEMENT).map((part) =>
    db
      .prepare(
        `INSERT INTO episodes (id, programme_id, provider_id, customer_type, external_ref, ref_key, service_type,
           started_on, ended_on, risk_class, proposed_risk_class, language, status, contact_email, contact_phone,
           created_at, created_by_key, created_by_role, reviewed_by_key, reviewed_by_role, reviewed_at)
         SELECT e ->> '$.id', e ->> '$.programmeId', e ->> '$.providerId', e ->> '$.customerType', e ->> '$.externalRef',
           e ->> '$.refKey', e ->> '$.serviceType', e ->> '$.startedOn', e ->> '$.endedOn', e ->> '$.riskClass',
           e ->> '$.proposedRiskClass', e ->> '$.language', e ->> '$.status', e ->> '$.contactEmail',
           e ->> '$.contactPhone', e ->> '$.createdAt', e ->> '$.createdBy.keyId', e ->> '$.createdBy.role',
           e ->> '$.reviewedBy.keyId', e ->> '$.reviewedBy.role', e ->> '$.reviewedBy.at'
         FROM (SELECT value AS e FROM json_each(?1))`,
      )
      .bind(JSON.stringify(part)),
  )
}

export async function getEpisode(db: D1Database, id: string): Promise<Episode | null> {
  const row = await db.prepare(`SELECT ${columns} FROM episodes WHERE id = ?1`).bind(id).first<EpisodeRow>()
  return row ? toEpisode(row) : null
}

export type EpisodeFilter = {
  programmeId: string
  providerId: string | null
  status: EpisodeStatus | null
  from: string | null
  to: string | null
  after: string | null
  limit: number
}

/** Episodes by period, in (endedOn, id) order with keyset paging: `after` is the last id seen. */
export async function listEpisodes(db: D1Database, f: EpisodeFilter): Promise<Episode[]> {
  const { results } = await db
    .prepare(
      `SELECT ${columns} FROM episodes
       WHERE programme_id = ?1 AND (?2 IS NULL OR provider_id = ?2)
         AND (?3 IS NULL OR ended_on >= ?3) AND (?4 IS NULL OR ended_on <= ?4)
         AND (?5 IS NULL OR (ended_on, id) > (SELECT ended_on, id FROM episodes WHERE id = ?5))
         AND (?7 IS NULL OR status = ?7)
       ORDER BY ended_on, id LIMIT ?6`,
    )
    .bind(f.programmeId, f.providerId, f.from, f.to, f.after, f.limit, f.status)
    .all<EpisodeRow>()
  return results.map(toEpisode)
}

/**
 * Stores an import as one transaction: every episode, invitation and queued message, or none.
 * 'conflict' when another import stored one of the externalRefs first.
 */
export async function storeImport(
  db: D1Database,
  episodes: NewEpisode[],
  invitations: NewInvitation[],
  messages: OutboxMessage[],
): Promise<'stored' | 'conflict'> {
  return batchUnlessDuplicate(db, [
    ...insertEpisodesStatements(db, episodes),
    ...insertInvitationsStatements(db, invitations),
    ...queueStatements(db, messages),
  ])
}

/** The contact data of episodes, read only to deliver their invitations (never shown through the API). */
export async function contactsOf(
  db: D1Database,
  episodeIds: string[],
): Promise<Map<string, { email: string | null; phone: string | null }>> {
  const found = new Map<string, { email: string | null; phone: string | null }>()
  for (const part of chunks(episodeIds, ROWS_PER_STATEMENT)) {
    const { results } = await db
      .prepare('SELECT id, contact_email, contact_phone FROM episodes WHERE id IN (SELECT value FROM json_each(?1))')
      .bind(JSON.stringify(part))
      .all<{ id: string; contact_email: string | null; contact_phone: string | null }>()
    for (const r of results) found.set(r.id, { email: r.contact_email, phone: r.contact_phone })
  }
  return found
}

/** Pending episodes of a programme: the listed ones, or every one of a provider. With contacts, to invite them. */
export async function pendingEpisodes(
  db: D1Database,
  programmeId: string,
  selection: { episodeIds: string[] } | { providerId: string },
): Promise<Array<Episode & { contactEmail: string | null; contactPhone: string | null }>> {
  const ids = 'episodeIds' in selection ? JSON.stringify(selection.episodeIds) : null
  const provider = 'providerId' in selection ? selection.providerId : null
  const { results } = await db
    .prepare(
      `SELECT ${columns}, contact_email, contact_phone FROM episodes
       WHERE programme_id = ?1 AND status = 'pending'
         AND (?2 IS NULL OR id IN (SELECT value FROM json_each(?2))) AND (?3 IS NULL OR provider_id = ?3)
       ORDER BY ended_on, id`,
    )
    .bind(programmeId, ids, provider)
    .all<EpisodeRow & { contact_email: string | null; contact_phone: string | null }>()
  return results.map((r) => ({ ...toEpisode(r), contactEmail: r.contact_email, contactPhone: r.contact_phone }))
}

export type Review = { keyId: string | null; role: Actor['role']; at: string; note: string | null }

/**
 * Confirms pending episodes in one transaction with their invitations and queued messages. Each
 * episode's pricing class is set here (the procurer's, or the provider's proposal when accepted).
 * 'conflict' when one of them was confirmed meanwhile (its invitation would exist twice); one rejected
 * meanwhile stays rejected and gets no invitation.
 */
export async function storeConfirmation(
  db: D1Database,
  episodes: Array<{ id: string; riskClass: string | null }>,
  review: Review,
  invitations: NewInvitation[],
  messages: OutboxMessage[],
): Promise<'stored' | 'conflict'> {
  return batchUnlessDuplicate(db, [
    ...chunks(episodes, ROWS_PER_STATEMENT).map((part) =>
      db
        .prepare(
          `UPDATE episodes SET status = 'confirmed', reviewed_by_key = ?2, reviewed_by_role = ?3, reviewed_at = ?4,
               risk_class = COALESCE(
                 (SELECT value ->> '$.riskClass' FROM json_each(?1) WHERE value ->> '$.id' = episodes.id), risk_class)
             WHERE status = 'pending' AND id IN (SELECT value ->> '$.id' FROM json_each(?1))`,
        )
        .bind(JSON.stringify(part), review.keyId, review.role, review.at),
    ),
    ...insertInvitationsStatements(db, invitations),
    ...queueStatements(db, messages),
  ])
}

/** Rejects pending episodes: they never get an invitation and never earn anything. */
export async function storeRejection(db: D1Database, episodeIds: string[], review: Review): Promise<number> {
  let changed = 0
  for (const part of chunks(episodeIds, ROWS_PER_STATEMENT)) {
    const res = await db
      .prepare(
        `UPDATE episodes SET status = 'rejected', reviewed_by_key = ?2, reviewed_by_role = ?3, reviewed_at = ?4,
           review_note = ?5, contact_email = NULL, contact_phone = NULL
         WHERE status = 'pending' AND id IN (SELECT value FROM json_each(?1)) RETURNING id`,
      )
      .bind(JSON.stringify(part), review.keyId, review.role, review.at, review.note)
      .all()
    // Rows returned, not meta.changes: D1 counts the rows the aggregate triggers touch as changes too.
    changed += res.results.length
  }
  return changed
}
