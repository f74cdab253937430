// The fact buckets (migrations/0021_group_fact_bucket_rows.sql, tables renamed by 0022): one provider's month or year, per variant, and
// (every answer only) day, built from the raw rows by the same SQL a raw read runs (src/db/facts/kinds.ts), and
// read instead of them.
import { type FactGroup, providersTogether } from '../../domain/fact-rows.ts'
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
// The days of the marked months that have episodes: a procurer's period cut inside a month reads its days.
const monthDays = (c: string) => `${c}.month || '-01' AND ${c}.month || '-31'`
const days = `d AS (SELECT DISTINCT e.provider_id, e.ended_on AS period, e.ended_on AS lo, e.ended_on AS hi
  FROM (${chunk}) c JOIN episodes e ON e.provider_id = c.provider_id AND e.ended_on BETWEEN ${monthDays('c')}
  WHERE +e.programme_id = ?1)`
// Days left without episodes keep no bucket: the marked months' day buckets are deleted before the rebuild.
const deleteDays = `DELETE FROM fact_bucket_groups WHERE programme_id = ?1 AND variant = 'all' AND (period, provider_id) IN (
  SELECT b.period, b.provider_id FROM (${chunk}) c JOIN fact_bucket_groups b ON b.programme_id = ?1 AND b.variant = 'all'
    AND b.provider_id = c.provider_id AND b.period BETWEEN ${monthDays('c')})`

/**
 * A marked bucket's episodes: whole months (or days) of one provider, so the release rule ranks as a raw read does.
 * CROSS JOIN keeps the buckets as the outer loop: for day buckets the planner otherwise walked every episode of the
 * table by provider (4 s instead of 0.2 s per batch at 100,000 responses).
 */
const bucketScope: Scope = {
  episodes: 'd CROSS JOIN episodes e ON e.provider_id = d.provider_id AND e.ended_on >= d.lo AND e.ended_on <= d.hi',
  // The unary + keeps the planner on (provider_id, ended_on): by programme it would walk every episode per bucket.
  where: `+e.programme_id = ?1 AND e.status = 'confirmed'`,
  releaseWhere: `+e.programme_id = ?1 AND e.status = 'confirmed'`,
  prefix: ['d.period'],
}

// Numbers keep 17 significant digits (SQLite's JSON functions write 15), so a sum read back is the sum written.
const num = (col: string) => `CASE WHEN ${col} IS NULL THEN 'null' ELSE printf('%.17g', ${col}) END`
/** A fact row as stored: its keys, then its values (customer type and survey version are its group's). */
const rowJson = (keys: string[], values: string[]) =>
  `'[' || ${[...keys.map((k) => `json_quote(${k})`), ...values.map(num)].join(` || ',' || `)} || ']'`

/**
 * A kind's column: the rows of `rows` (columns ct, sv, row, and `by`), one group per customer type and survey
 * version, [ct, sv, row, row, …], in the order the rows come. The pair was a third of a year's bytes when every row
 * repeated it (issue 16).
 */
function groupedJson(rows: string, by: string[] = []): string {
  const lead = by.map((b) => `${b}, `).join('')
  return `SELECT ${lead}'[' || group_concat(g, ',') || ']' AS j FROM (
    SELECT ${lead}'[' || json_quote(ct) || ',' || json_quote(sv) || ',' || group_concat(row, ',') || ']' AS g
    FROM (${rows}) GROUP BY ${lead}ct, sv)${by.length > 0 ? ` GROUP BY ${by.join(', ')}` : ''}`
}

/** A stored column's rows (`r.value`, where isRow) in their groups (`g`: groupCt, groupSv). */
const storedRows = (column: string, g = 'g', r = 'r') => `json_each(${column}) ${g}, json_each(${g}.value) ${r}`
/** A stored group's elements after its customer type and survey version: its rows. */
const isRow = (r = 'r') => `${r}.key >= 2`
/**
 * Value n of a stored row; NULL for a group's customer type and survey version (plain strings, which ->> would
 * refuse as JSON), so a join condition SQLite tests before isRow cannot fail.
 */
const rowValue = (r: string, n: number) => `CASE WHEN ${isRow(r)} THEN ${r}.value ->> ${n} END`
const groupCt = (g = 'g') => `${g}.value ->> 0`
const groupSv = (g = 'g') => `${g}.value ->> 1`

export const kindsOf = (variant: Variant) => KINDS.filter((k) => variant === 'all' || !k.procurerOnly)

// The programme's release group as stored now: a rebuild bound to a group read before a minGroup change writes
// nothing released and keeps the marks, so the next read rebuilds with the new group.
const CURRENT_GROUP = `(SELECT MAX(1, json_extract(publication, '$.minGroup')) FROM programmes WHERE id = ?1)`

/**
 * The network hashes a read of this one bucket needs: every row of a hash that holds more than half of the
 * completions of some customer type and survey version (in their group: nets row [hash, count], integrity row
 * [completions, …]). A hash with more than half of any union of those cells has more than half of one of
 * them, so a read of the bucket alone finds the same majority group (the only group integrityCounts keeps) in a
 * handful of rows instead of one row per network. Reads that add buckets up take every row (`nets`). The
 * majority hashes are found once per bucket and joined: as a correlated IN they were found again for every network
 * row (quadratic: a year of 2,000 networks took 10-12 s, near D1's 30 s statement limit).
 */
export const majorityNets = `COALESCE((${groupedJson(`SELECT ${groupCt()} AS ct, ${groupSv()} AS sv, r.value AS row
  FROM ${storedRows('nets')} JOIN (
    SELECT DISTINCT ${rowValue('m', 0)} AS hash FROM ${storedRows('nets', 'mg', 'm')}, ${storedRows('integrity', 'cg', 'c')}
    WHERE ${isRow('m')} AND ${isRow('c')} AND ${groupCt('cg')} = ${groupCt('mg')} AND ${groupSv('cg')} IS ${groupSv('mg')}
      AND 2 * ${rowValue('m', 1)} > ${rowValue('c', 0)}) majority ON majority.hash = ${rowValue('r', 0)}
  WHERE ${isRow()}`)}), '[]')`

/**
 * Writes bucket rows: `rows` (a query of period, provider_id and one column per kind of the variant, named as the
 * kind) materialised once, then the row's majority networks taken from its nets and completions.
 */
const insertRows = (kinds: readonly Kind[], variant: Variant, rows: string) => {
  const names = kinds.map((k) => k.name).join(', ')
  return `, built AS MATERIALIZED (${rows})
    INSERT OR REPLACE INTO fact_bucket_groups (programme_id, variant, period, provider_id, built_at, ${names}, netmajor)
    SELECT ?1, '${variant}', period, provider_id, ?8, ${names}, ${majorityNets} FROM built`
}

/** Rebuilds the marked buckets of one grain and variant: ?1 programme, ?6 release group, ?7 chunk, ?8 time. */
function rebuildSql(grain: string, variant: Variant): string {
  const kinds = kindsOf(variant)
  const ctes = kinds.map((k, n) => {
    const row = rowJson(
      k.keys.map((_, i) => `k${i}`),
      k.values.map((_, i) => `v${i}`),
    )
    return `k${n} AS (${groupedJson(`SELECT s0, p, ct, sv, ${row} AS row FROM (${kindSelect(bucketScope, k)})`, ['s0', 'p'])})`
  })
  const rows = `SELECT d.period, d.provider_id, ${kinds.map((k, n) => `COALESCE(k${n}.j, '[]') AS ${k.name}`).join(', ')}
    FROM d ${kinds.map((_, n) => `LEFT JOIN k${n} ON k${n}.s0 = d.period AND k${n}.p = d.provider_id`).join(' ')}
    ${variant === 'released' ? `WHERE ?6 = ${CURRENT_GROUP}` : ''}`
  return `WITH ${grain}, ${releasedCtes(bucketScope)},
    ${ctes.join(',\n    ')}
    ${insertRows(kinds, variant, rows)}`
}

// The twelve months of year d.period by name: a range would also walk the day buckets between them.
const YEAR_MONTHS = Array.from({ length: 12 }, (_, n) => `d.period || '-${String(n + 1).padStart(2, '0')}'`).join(', ')

/**
 * A kind's rows of the buckets `m` that `where` picks, added up by customer type, survey version and keys (values
 * summed, or the maximum taken, as a raw read over all of them would), as one JSON array.
 */
function mergedRows(k: Kind, where: string): string {
  const keys = k.keys.map((_, n) => `r.value ->> ${n}`)
  const values = k.values.map(([, , merge], n) => `${merge.toUpperCase()}(r.value ->> ${n + k.keys.length})`)
  const rows = `SELECT ${groupCt()} AS ct, ${groupSv()} AS sv, ${rowJson(keys, values)} AS row
      FROM fact_bucket_groups m, ${storedRows(`m.${k.name}`)} WHERE ${where} AND ${isRow()}
      GROUP BY ${[groupCt(), groupSv(), ...keys].join(', ')}`
  return `COALESCE((${groupedJson(rows)}), '[]')`
}

/**
 * A year's facts, added up from its month buckets of the same variant (just rebuilt in the same batch): each kind's
 * rows grouped by customer type, survey version and keys, values summed (or the maximum taken) as a raw read over
 * the whole year would. Released answers are ranked within months, so a year's released facts are its months'.
 */
function mergeYearSql(variant: Variant): string {
  const kinds = kindsOf(variant)
  const where = `m.programme_id = ?1 AND m.variant = '${variant}' AND m.provider_id = d.provider_id
        AND m.period IN (${YEAR_MONTHS})`
  const rows = `SELECT d.period, d.provider_id, ${kinds.map((k) => `${mergedRows(k, where)} AS ${k.name}`).join(', ')} FROM d`
  return `WITH ${years}
    ${insertRows(kinds, variant, rows)}`
}

const PROGRAMME_WIDE = KINDS.filter((k) => k.programmeWide)

/**
 * The programme-wide kinds of the marked months and their years, added up over every provider's bucket of that
 * period (just rebuilt in the same batch): a read of the whole programme takes one row instead of one per provider.
 */
const programmePeriodsSql = `WITH p AS (SELECT month AS period FROM (${chunk}) UNION SELECT substr(month, 1, 4) FROM (${chunk}))
  INSERT OR REPLACE INTO fact_programme_bucket_groups (programme_id, period, built_at, ${PROGRAMME_WIDE.map((k) => k.name).join(', ')})
  SELECT ?1, p.period, ?8, ${PROGRAMME_WIDE.map((k) => mergedRows(k, `m.programme_id = ?1 AND m.variant = 'all' AND m.period = p.period`)).join(', ')}
  FROM p`

const REBUILD = {
  monthAll: rebuildSql(months, 'all'),
  dayAll: rebuildSql(days, 'all'),
  monthReleased: rebuildSql(months, 'released'),
  yearAll: mergeYearSql('all'),
  yearReleased: mergeYearSql('released'),
}

/**
 * One atomic batch that rebuilds up to `limit` marked months of a programme (and their years) in both variants,
 * their days in the `all` variant, and clears their marks. A write after it marks again; a read after it sees every bucket it rebuilt.
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
    db.prepare(deleteDays).bind(programmeId, null, null, null, null, null, limit),
    bind(REBUILD.dayAll, 1),
    bind(REBUILD.monthReleased, Math.max(1, minGroup)),
    db.prepare(REBUILD.yearAll).bind(programmeId, null, null, null, null, null, limit, now),
    db.prepare(REBUILD.yearReleased).bind(programmeId, null, null, null, null, null, limit, now),
    db.prepare(programmePeriodsSql).bind(programmeId, null, null, null, null, null, limit, now),
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

/** Bucket rows (provider p, one JSON column per kind) and their places with a provider's together (FactRows). */
type LoadedBuckets = { results: ReadonlyArray<Record<string, string | null> & { p: string }>; order: number[] }

/**
 * One kind's fact groups from bucket rows (provider p, one JSON column per kind), with one copy of each repeated
 * string (`strings`, shared by the kinds of a read). Parsed a bucket at a time as the caller adds them up, never
 * kept: a year's few hundred thousand rows are never alive at once.
 */
function* kindGroups(
  { results, order }: LoadedBuckets,
  name: KindName,
  strings: Map<string, string>,
): Generator<FactGroup> {
  const one = <T>(x: T): T => {
    if (typeof x !== 'string') return x
    const seen = strings.get(x)
    if (seen !== undefined) return seen as T
    strings.set(x, x)
    return x
  }
  const keys = kindNamed(name).keys.length
  for (const at of order) {
    const row = results[at]!
    for (const group of JSON.parse(row[name] ?? '[]') as Array<Array<unknown>>) {
      const rows = group.slice(2) as Array<Array<string | number | null>>
      for (const r of rows) for (let n = 0; n < keys; n++) r[n] = one(r[n]!)
      yield { p: row.p, ct: one(group[0] as string), sv: one(group[1] as string | null), rows, at }
    }
  }
}

/**
 * The buckets of a period (whole years, months and days) read as fact rows, of the kinds asked for. One bucket
 * per provider needs only its majority networks; a read of every provider takes the programme-wide kinds of its
 * years and months from the programme's own bucket (provider '').
 */
export function bucketFacts(
  db: D1Database,
  b: { programmeId: string; variant: Variant; periods: readonly string[]; providerId: string | null },
  kinds: readonly KindName[],
): FactSource {
  let loaded: Promise<LoadedBuckets> | undefined
  const whole = b.providerId === null && b.variant === 'all'
  const fromProgramme = kinds.filter((k) => whole && kindNamed(k).programmeWide)
  const programmePeriods = b.periods.filter((p) => p.length <= 7)
  const column = (k: KindName) => {
    if (k === 'nets' && b.periods.length === 1) return 'netmajor AS nets'
    if (fromProgramme.includes(k)) return `CASE WHEN length(period) = 10 THEN ${k} END AS ${k}` // days only
    return k
  }
  const load = async (): Promise<LoadedBuckets> => {
    if (b.periods.length === 0) return { results: [], order: [] }
    const [providers, programme] = await Promise.all([
      db
        .prepare(
          `SELECT provider_id AS p, ${kinds.map(column).join(', ')} FROM fact_bucket_groups
           WHERE programme_id = ?1 AND variant = ?2 AND period IN (SELECT value FROM json_each(?3))
             AND (?4 IS NULL OR provider_id = ?4)`,
        )
        .bind(b.programmeId, b.variant, JSON.stringify(b.periods), b.providerId)
        .all<Record<string, string | null> & { p: string }>(),
      fromProgramme.length === 0 || programmePeriods.length === 0
        ? { results: [] }
        : db
            .prepare(
              `SELECT '' AS p, ${fromProgramme.join(', ')} FROM fact_programme_bucket_groups
               WHERE programme_id = ?1 AND period IN (SELECT value FROM json_each(?2))`,
            )
            .bind(b.programmeId, JSON.stringify(programmePeriods))
            .all<Record<string, string | null> & { p: string }>(),
    ])
    // Brought together here: SQLite's ORDER BY would sort every row with its columns.
    const results = [...providers.results, ...programme.results]
    return { results, order: providersTogether(results) }
  }
  const strings = new Map<string, string>()
  return {
    rows: async (name) => {
      if (!kinds.includes(name)) throw new Error(`kind ${name} was not loaded from the buckets`)
      loaded ??= load()
      const buckets = await loaded
      return {
        keys: kindNamed(name).keys.length,
        groups: { [Symbol.iterator]: () => kindGroups(buckets, name, strings) },
      }
    },
    providers: () => providerList(db, b.programmeId, b.providerId),
  }
}
