// Outcomes recorded on a provider rather than on one episode (lumpSum fee components, e.g. a group event).
export type ProviderOutcome = {
  id: string
  providerId: string
  type: string
  occurredOn: string
  value: number | null
  createdAt: string
}

type Row = {
  id: string
  provider_id: string
  type: string
  occurred_on: string
  value: number | null
  created_at: string
}

const toOutcome = (r: Row): ProviderOutcome => ({
  id: r.id,
  providerId: r.provider_id,
  type: r.type,
  occurredOn: r.occurred_on,
  value: r.value,
  createdAt: r.created_at,
})

export async function insertProviderOutcome(db: D1Database, o: ProviderOutcome): Promise<void> {
  await db
    .prepare(
      'INSERT INTO provider_outcomes (id, provider_id, type, occurred_on, value, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)',
    )
    .bind(o.id, o.providerId, o.type, o.occurredOn, o.value, o.createdAt)
    .run()
}

export async function listProviderOutcomes(db: D1Database, providerId: string): Promise<ProviderOutcome[]> {
  const { results } = await db
    .prepare('SELECT * FROM provider_outcomes WHERE provider_id = ?1 ORDER BY occurred_on, id')
    .bind(providerId)
    .all<Row>()
  return results.map(toOutcome)
}
