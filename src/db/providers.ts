export type Provider = { id: string; programmeId: string; name: string; businessId: string | null; createdAt: string }

type ProviderRow = { id: string; programme_id: string; name: string; business_id: string | null; created_at: string }

const toProvider = (row: ProviderRow): Provider => ({
  id: row.id,
  programmeId: row.programme_id,
  name: row.name,
  businessId: row.business_id,
  createdAt: row.created_at,
})

export async function insertProvider(db: D1Database, p: Provider): Promise<void> {
  await db
    .prepare('INSERT INTO providers (id, programme_id, name, business_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5)')
    .bind(p.id, p.programmeId, p.name, p.businessId, p.createdAt)
    .run()
}

export async function findProviderClash(
  db: D1Database,
  programmeId: string,
  name: string,
  businessId: string | null,
): Promise<Provider | null> {
  const row = await db
    .prepare('SELECT * FROM providers WHERE programme_id = ?1 AND (name = ?2 OR business_id = ?3) LIMIT 1')
    .bind(programmeId, name, businessId)
    .first<ProviderRow>()
  return row ? toProvider(row) : null
}

export async function getProvider(db: D1Database, id: string): Promise<Provider | null> {
  const row = await db.prepare('SELECT * FROM providers WHERE id = ?1').bind(id).first<ProviderRow>()
  return row ? toProvider(row) : null
}

export async function listProviders(db: D1Database, programmeId: string, onlyId: string | null): Promise<Provider[]> {
  const { results } = await db
    .prepare('SELECT * FROM providers WHERE programme_id = ?1 AND (?2 IS NULL OR id = ?2) ORDER BY name, id')
    .bind(programmeId, onlyId)
    .all<ProviderRow>()
  return results.map(toProvider)
}
