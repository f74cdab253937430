// Where the read path gets its fact rows: the raw rows of a period, or the buckets (src/db/facts/buckets.ts).
import { type FactGroup, type FactRows, providersTogether } from '../../domain/fact-rows.ts'
import { type Kind, type KindName, kindNamed, kindSelect, releasedCtes, type Scope } from './kinds.ts'

export type FactSource = {
  /** A kind's rows; their groups are iterable more than once. */
  rows(kind: KindName): Promise<FactRows>
  /** The programme's providers (one with a provider filter), by name. */
  providers(): Promise<Array<{ providerId: string; name: string }>>
}

/** The rows of a period a raw read counts: confirmed episodes ending from..to, optionally of one customer type and provider. */
export type RawRange = {
  programmeId: string
  from: string
  to: string
  customerType: string | null
  providerId: string | null
  /** The release rule's group size; 1 counts every answer. */
  releaseGroup: number
}

const inPeriod = `e.programme_id = ?1 AND e.status = 'confirmed' AND e.ended_on >= ?2 AND e.ended_on <= ?3
  AND (?4 IS NULL OR e.customer_type = ?4) AND (?5 IS NULL OR e.provider_id = ?5)`
// The release rule ranks whole months of the period whatever its ends, so a bucket is never cut in two.
const periodMonths = `e.programme_id = ?1 AND e.status = 'confirmed' AND e.ended_on >= substr(?2, 1, 7) || '-01' AND e.ended_on <= substr(?3, 1, 7) || '-31'`

/** A period's raw rows: ?1 programme, ?2..?3 from and to, ?4 customer type, ?5 provider, ?6 the release group. */
export const rawScope: Scope = { episodes: 'episodes e', where: inPeriod, releaseWhere: periodMonths, prefix: [] }

/** A kind's result columns after p, ct and sv: its keys, then its values. */
const columnsOf = (kind: Kind) => [...kind.keys.map((_, n) => `k${n}`), ...kind.values.map((_, n) => `v${n}`)]

/** A kind's result row (`columns` as columnsOf gives them) as a group of one fact row. */
function factGroup(columns: readonly string[], row: Record<string, unknown>, at: number): FactGroup {
  return {
    p: row.p as string,
    ct: row.ct as string,
    sv: (row.sv as string | null) ?? null,
    rows: [columns.map((c) => row[c] as string | number | null)],
    at,
  }
}

export async function providerList(db: D1Database, programmeId: string, providerId: string | null) {
  const { results } = await db
    .prepare(
      `SELECT id AS providerId, name FROM providers WHERE programme_id = ?1 AND (?2 IS NULL OR id = ?2) ORDER BY name, id`,
    )
    .bind(programmeId, providerId)
    .all<{ providerId: string; name: string }>()
  return results
}

function memo<K, V>(load: (key: K) => Promise<V>): (key: K) => Promise<V> {
  const cache = new Map<K, Promise<V>>()
  return (key) => {
    const hit = cache.get(key) ?? load(key)
    cache.set(key, hit)
    return hit
  }
}

/** Fact rows computed from the raw rows of a period (the recomputation every bucket is checked against). */
export function rawFacts(db: D1Database, r: RawRange): FactSource {
  const providers = memo(() => providerList(db, r.programmeId, r.providerId))
  return {
    rows: memo(async (name: KindName) => {
      const kind = kindNamed(name)
      const { results } = await db
        .prepare(`WITH ${releasedCtes(rawScope)} ${kindSelect(rawScope, kind)}`)
        .bind(r.programmeId, r.from, r.to, r.customerType, r.providerId, r.releaseGroup)
        .all<Record<string, unknown>>()
      const columns = columnsOf(kind)
      const groups = results.map((row, at) => factGroup(columns, row, at))
      return { keys: kind.keys.length, groups: providersTogether(groups).map((at) => groups[at]!) }
    }),
    providers: () => providers(undefined),
  }
}
