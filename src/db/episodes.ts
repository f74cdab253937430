import type { Episode } from '../domain/episode.ts'
import type { CustomerType, Language } from '../schemas/common.ts'
import { isUniqueViolation } from './errors.ts'
import { insertInvitationsStatements, type NewInvitation } from './invitations.ts'
import { type OutboxMessage, queueStatements } from './outbox.ts'

export type NewEpisode = Omit<Episode, 'hasContact'> & { contactEmail: string | null; contactPhone: string | null }

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
  language: Language
  created_at: string
  has_contact: number
}

const columns = `id, programme_id, provider_id, customer_type, external_ref, service_type, started_on, ended_on,
  risk_class, language, created_at, (contact_email IS NOT NULL OR contact_phone IS NOT NULL) AS has_contact`

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
    language: row.language,
    createdAt: row.created_at,
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
  refs: string[],
): Promise<Map<string, Episode>> {
  const found = new Map<string, Episode>()
  for (const part of chunks(refs, ROWS_PER_STATEMENT)) {
    const { results } = await db
      .prepare(
        `SELECT ${columns} FROM episodes WHERE programme_id = ?1 AND external_ref IN (SELECT value FROM json_each(?2))`,
      )
      .bind(programmeId, JSON.stringify(part))
      .all<EpisodeRow>()
    for (const row of results) found.set(row.external_ref, toEpisode(row))
  }
  return found
}

export function insertEpisodesStatements(db: D1Database, episodes: NewEpisode[]): D1PreparedStatement[] {
  return chunks(episodes, ROWS_PER_STATEMENT).map((part) =>
    db
      .prepare(
        `INSERT INTO episodes (id, programme_id, provider_id, customer_type, external_ref, service_type, started_on,
           ended_on, risk_class, language, contact_email, contact_phone, created_at)
         SELECT e ->> '$.id', e ->> '$.programmeId', e ->> '$.providerId', e ->> '$.customerType', e ->> '$.externalRef',
           e ->> '$.serviceType', e ->> '$.startedOn', e ->> '$.endedOn', e ->> '$.riskClass', e ->> '$.language',
           e ->> '$.contactEmail', e ->> '$.contactPhone', e ->> '$.createdAt'
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
       ORDER BY ended_on, id LIMIT ?6`,
    )
    .bind(f.programmeId, f.providerId, f.from, f.to, f.after, f.limit)
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
  try {
    await db.batch([
      ...insertEpisodesStatements(db, episodes),
      ...insertInvitationsStatements(db, invitations),
      ...queueStatements(db, messages),
    ])
    return 'stored'
  } catch (err) {
    if (isUniqueViolation(err)) return 'conflict'
    throw err
  }
}
