import type { Principal } from '../domain/principal.ts'

export type AccessKeyRow = {
  id: string
  role: 'procurer' | 'provider' | 'national'
  programme_id: string | null
  provider_id: string | null
  label: string | null
  created_at: string
  expires_at: string | null
  revoked_at: string | null
}

export type AccessKey = {
  id: string
  role: 'procurer' | 'provider' | 'national'
  programmeId: string | null
  providerId: string | null
  label: string | null
  createdAt: string
  expiresAt: string | null
  revokedAt: string | null
}

const columns = 'id, role, programme_id, provider_id, label, created_at, expires_at, revoked_at'

export function toAccessKey(row: AccessKeyRow): AccessKey {
  return {
    id: row.id,
    role: row.role,
    programmeId: row.programme_id,
    providerId: row.provider_id,
    label: row.label,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  }
}

export async function insertKey(db: D1Database, key: AccessKey, keyHash: string): Promise<void> {
  await db
    .prepare(
      `INSERT INTO access_keys (id, key_hash, role, programme_id, provider_id, label, created_at, expires_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)`,
    )
    .bind(key.id, keyHash, key.role, key.programmeId, key.providerId, key.label, key.createdAt, key.expiresAt)
    .run()
}

/** The principal behind a key hash, if the key exists, is not revoked and has not expired. */
export async function principalForKeyHash(db: D1Database, keyHash: string, now: string): Promise<Principal | null> {
  const row = await db
    .prepare(
      `SELECT ${columns} FROM access_keys
       WHERE key_hash = ?1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?2)`,
    )
    .bind(keyHash, now)
    .first<AccessKeyRow>()
  if (!row) return null
  if (row.role === 'national') return { role: 'national', keyId: row.id }
  if (row.role === 'provider') {
    return { role: 'provider', keyId: row.id, programmeId: row.programme_id!, providerId: row.provider_id! }
  }
  return { role: 'procurer', keyId: row.id, programmeId: row.programme_id }
}

export async function getKey(db: D1Database, id: string): Promise<AccessKey | null> {
  const row = await db.prepare(`SELECT ${columns} FROM access_keys WHERE id = ?1`).bind(id).first<AccessKeyRow>()
  return row ? toAccessKey(row) : null
}

export async function listKeys(db: D1Database, programmeId: string): Promise<AccessKey[]> {
  const { results } = await db
    .prepare(`SELECT ${columns} FROM access_keys WHERE programme_id = ?1 ORDER BY created_at, id`)
    .bind(programmeId)
    .all<AccessKeyRow>()
  return results.map(toAccessKey)
}

export async function revokeKey(db: D1Database, id: string, now: string): Promise<void> {
  await db.prepare('UPDATE access_keys SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL').bind(id, now).run()
}
