export type AuditEntry = {
  at: string
  keyId: string | null
  role: string
  programmeId: string | null
  method: string
  path: string
  status: number
}

export async function insertAudit(db: D1Database, e: AuditEntry): Promise<void> {
  await db
    .prepare(
      'INSERT INTO audit_log (at, key_id, role, programme_id, method, path, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)',
    )
    .bind(e.at, e.keyId, e.role, e.programmeId, e.method, e.path, e.status)
    .run()
}

export async function listAudit(db: D1Database, programmeId: string | null, limit: number): Promise<AuditEntry[]> {
  const { results } = await db
    .prepare(
      `SELECT at, key_id AS keyId, role, programme_id AS programmeId, method, path, status FROM audit_log
       WHERE ?1 IS NULL OR programme_id = ?1 ORDER BY id DESC LIMIT ?2`,
    )
    .bind(programmeId, limit)
    .all<AuditEntry>()
  return results
}
