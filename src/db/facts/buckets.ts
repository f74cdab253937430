// The fact buckets (migrations/0017_create_fact_buckets.sql): one provider's month or year, per variant, built
// from the raw rows by the same SQL a raw read runs (src/db/facts/kinds.ts), and read instead of them.
import type { FactRow } from '../../domain/fact-rows.ts'
import { KINDS, type Kind, type KindName, kindNamed, kindSelect, releasedCtes, type Scope } from './kinds.ts'
import { type FactSource, providerList } from './source.ts'

export type Variant = 'all' | 'released'

/**
 * Buckets rebuilt per batch: at 1,000,000 responses a batch of 200 provider-months took 16-27 s per statement
 * locally, near D1's 30 s limit per query; 50 keeps each statement a few seconds.
 */
export const REBUILD_CHUNK = 50

// The marked months of one programme a batch rebuilds (?1 programme, ?7 chunk size); the same set in every statement.
const chunk = `SELECT provider_id, month FROM fact_dirty WHERE programme_id = ?1 ORDER BY provider_id, month LIMIT ?7`
const months = `d AS (SELECT provider_id, month AS period, month || '-01' AS lo, month || '-31' AS hi FROM (${chunk}))`
const years = `d AS (SELECT DISTINCT provider_id, substr(month, 1, 4) AS period FROM (${chunk}))`

/** A marked bucket's episodes: whole months of one provider, so the release rule ranks as a raw read does. */
const bucketScope: Scope = {
  episodes: 'd JOIN episodes e ON e.provider_id = d.provider_id AND e.ended_on >= d.lo AND e.ended_on <= d.hi',
  // The unary + keeps the planner on (provider_id, ended_on): by programme it would walk every episode per bucket.
  where: `+e.programme_id = ?1 AND e.status = 'confirmed'`,
  releaseWhere: `+e.programme_id = ?1 AND e.status = 'confirmed'`,
  prefix: ['d.period'],
}

// Numbers keep 17 significant digits (SQLite's JSON functions write 15), so a sum read back is the sum written.
const num = (col: string) => `CASE WHEN ${col} IS NULL THEN 'null' ELSE printf('%.17g', ${col}) END`
const rowJson = (kind: Kind) =>
  [
    `'[' || json_quote(ct) || ',' || json_quote(sv)`,
    ...kind.keys.map((_, n) => `json_quote(k${n})`),
    ...kind.values.map((_, n) => num(`v${n}`)),
  ].join(` || ',' || `) + ` || ']'`

export const kindsOf = (variant: Variant) => KINDS.filter((k) => variant === 'all' || !k.procurerOnly)

// The programme's release group as stored now: a rebuild bound to a group read before a minGroup change writes
// nothing released and keeps the marks, so the next read rebuilds with the new group.
const CURRENT_GROUP = `(SELECT MAX(1, json_extract(publication, '$.minGroup')) FROM programmes WHERE id = ?1)`

/** The insert of a bucket row: its key, then one column per kind of the variant (src/db/facts/kinds.ts). */
const insertInto = (kinds: readonly Kind[]) =>
  `INSERT OR REPLACE INTO fact_buckets (programme_id, variant, period, provider_id, built_at, ${kinds.map((k) => k.name).join(', ')})`

/** Rebuilds the marked buckets of one grain and variant: ?1 programme, ?6 release group, ?7 chunk, ?8 time. */
function rebuildSql(grain: string, variant: Variant): string {
  const kinds = kindsOf(variant)
  const ctes = kinds.map(
    (k, n) =>
      `k${n} AS (SELECT s0, p, '[' || group_concat(${rowJson(k)}, ',') || ']' AS j FROM (${kindSelect(bucketScope, k)}) GROUP BY s0, p)`,
  )
  return `WITH ${grain}, ${releasedCtes(bucketScope)},
    ${ctes.join(',\n    ')}
    ${insertInto(kinds)}
    SELECT ?1, '${variant}', d.period, d.provider_id, ?8, ${kinds.map((_, n) => `COALESCE(k${n}.j, '[]')`).join(', ')}
    FROM d ${kinds.map((_, n) => `LEFT JOIN k${n} ON k${n}.s0 = d.period AND k${n}.p = d.provider_id`).join(' ')}
    ${variant === 'released' ? `WHERE ?6 = ${CURRENT_GROUP}` : ''}`
}

/**
 * A year's facts, added up from its month buckets of the same variant (just rebuilt in the same batch): each kind's
 * rows grouped by customer type, survey version and keys, values summed (or the maximum taken) as a raw read over
 * the whole year would. Released answers are ranked within months, so a year's released facts are its months'.
 */
function mergeYearSql(variant: Variant): string {
  const kinds = kindsOf(variant)
  const merged = (k: Kind) => {
    const keys = k.keys.map((_, n) => `j.value ->> ${n + 2}`)
    const cols = [
      `'[' || json_quote(j.value ->> 0) || ',' || json_quote(j.value ->> 1)`,
      ...keys.map((key) => `json_quote(${key})`),
      ...k.values.map(([, , merge], n) => num(`${merge.toUpperCase()}(j.value ->> ${n + 2 + k.keys.length})`)),
    ].join(` || ',' || `)
    return `COALESCE((SELECT '[' || group_concat(row, ',') || ']' FROM (
      SELECT ${cols} || ']' AS row FROM fact_buckets m, json_each(m.${k.name}) j
      WHERE m.programme_id = ?1 AND m.variant = '${variant}' AND m.provider_id = d.provider_id
        AND m.period >= d.period || '-01' AND m.period <= d.period || '-12'
      GROUP BY ${['j.value ->> 0', 'j.value ->> 1', ...keys].join(', ')})), '[]')`
  }
  return `WITH ${years}
    ${insertInto(kinds)}
    SELECT ?1, '${variant}', d.period, d.provider_id, ?8, ${kinds.map(merged).join(', ')} FROM d`
}

const REBUILD = {
  monthAll: rebuildSql(months, 'all'),
  monthReleased: rebuildSql(months, 'released'),
  yearAll: mergeYearSql('all'),
  yearReleased: mergeYearSql('released'),
}

/**
 * One atomic batch that rebuilds up to `limit` marked months of a programme (and their years) in both variants
 * and clears their marks. A write after it marks again; a read after it sees every bucket it rebuilt.
 */
export function rebuildStatements(
  db: D1Database,
  programmeId: string,
  minGroup: number,
  now: string,
  limit = REBUILD_CHUNK,
): D1PreparedStatement[] {
  const bind = (sql: string, g: number) => db.prepare(sql).bind(programmeId, null, null, null, null, g, limit, now)
  return [
    bind(REBUILD.monthAll, 1),
    bind(REBUILD.monthReleased, Math.max(1, minGroup)),
    db.prepare(REBUILD.yearAll).bind(programmeId, null, null, null, null, null, limit, now),
    db.prepare(REBUILD.yearReleased).bind(programmeId, null, null, null, null, null, limit, now),
    db
      .prepare(
        `DELETE FROM fact_dirty WHERE programme_id = ?1 AND ?6 = ${CURRENT_GROUP} AND (provider_id, month) IN (${chunk})`,
      )
      .bind(programmeId, null, null, null, null, Math.max(1, minGroup), limit),
  ]
}

/** How many buckets of a programme wait to be rebuilt (at most `cap`, to keep the count cheap). */
export async function dirtyCount(db: D1Database, programmeId: string, cap: number): Promise<number> {
  const row = await db
    .prepare('SELECT COUNT(*) AS n FROM (SELECT 1 FROM fact_dirty WHERE programme_id = ?1 LIMIT ?2)')
    .bind(programmeId, cap)
    .first<{ n: number }>()
  return row?.n ?? 0
}

/** Programmes with marked buckets (for the cron). */
export async function dirtyProgrammes(db: D1Database): Promise<string[]> {
  const { results } = await db.prepare('SELECT DISTINCT programme_id AS id FROM fact_dirty').all<{ id: string }>()
  return results.map((r) => r.id)
}

/** The buckets of a period (whole years and months) read as fact rows, of the kinds asked for. */
export function bucketFacts(
  db: D1Database,
  b: { programmeId: string; variant: Variant; periods: readonly string[]; providerId: string | null },
  kinds: readonly KindName[],
): FactSource {
  let loaded: Promise<Map<KindName, FactRow[]>> | undefined
  const load = async () => {
    const byKind = new Map<KindName, FactRow[]>(kinds.map((k) => [k, []]))
    if (b.periods.length === 0) return byKind
    const cols = kinds.join(', ')
    const { results } = await db
      .prepare(
        `SELECT provider_id AS p, ${cols} FROM fact_buckets
         WHERE programme_id = ?1 AND variant = ?2 AND period IN (SELECT value FROM json_each(?3))
           AND (?4 IS NULL OR provider_id = ?4)`,
      )
      .bind(b.programmeId, b.variant, JSON.stringify(b.periods), b.providerId)
      .all<Record<string, string | null>>()
    // One copy of each string (customer types, versions, keys): a read holds hundreds of thousands of rows.
    const strings = new Map<string, string>()
    const one = <T>(x: T): T => {
      if (typeof x !== 'string') return x
      const seen = strings.get(x)
      if (seen !== undefined) return seen as T
      strings.set(x, x)
      return x
    }
    for (const name of kinds) {
      const kind = kindNamed(name)
      const split = kind.keys.length + 2
      const list = byKind.get(name)!
      for (const row of results) {
        const p = row.p as string
        for (const r of JSON.parse(row[name] ?? '[]') as Array<Array<string | number | null>>) {
          const k: Array<string | number | null> = []
          for (let n = 2; n < split; n++) k.push(one(r[n]!))
          list.push({
            p,
            ct: one(r[0] as string),
            sv: one(r[1] as string | null),
            k,
            v: r.slice(split) as Array<number | null>,
          })
        }
      }
    }
    return byKind
  }
  return {
    rows: async (name) => {
      loaded ??= load()
      const rows = (await loaded).get(name)
      if (rows === undefined) throw new Error(`kind ${name} was not loaded from the buckets`)
      return rows
    },
    providers: () => providerList(db, b.programmeId, b.providerId),
  }
}
