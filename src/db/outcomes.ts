export type Outcome = {
  id: string
  episodeId: string
  type: string
  occurredOn: string
  value: number | null
  createdAt: string
}

type OutcomeRow = {
  id: string
  episode_id: string
  type: string
  occurred_on: string
  value: number | null
  created_at: string
}

const toOutcome = (r: OutcomeRow): Outcome => ({
  id: r.id,
  episodeId: r.episode_id,
  type: r.type,
  occurredOn: r.occurred_on,
  value: r.value,
  createdAt: r.created_at,
})

export async function insertOutcome(db: D1Database, o: Outcome): Promise<void> {
  await db
    .prepare(
      'INSERT INTO outcomes (id, episode_id, type, occurred_on, value, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)',
    )
    .bind(o.id, o.episodeId, o.type, o.occurredOn, o.value, o.createdAt)
    .run()
}

export async function listOutcomes(db: D1Database, episodeId: string): Promise<Outcome[]> {
  const { results } = await db
    .prepare('SELECT * FROM outcomes WHERE episode_id = ?1 ORDER BY occurred_on, id')
    .bind(episodeId)
    .all<OutcomeRow>()
  return results.map(toOutcome)
}
