// Rows of additive facts (src/db/facts/kinds.ts) and how they add up: across buckets (months, years, the edges
// of a period read from raw rows), down to the customer type and survey series a table shows.

/** One grouped row of a kind: provider, customer type, exit survey version ("id@version" or null), keys, values. */
export type FactRow = {
  p: string
  ct: string
  sv: string | null
  k: ReadonlyArray<string | number | null>
  v: ReadonlyArray<number | null>
}

export type FactMerge = 'sum' | 'max'

/** What a table shows: one customer type or all, the series' survey versions or all. */
export type FactFilter = { customerType: string | null; surveyVersions?: readonly string[] | null }

/**
 * The rows a filter admits. `seriesFree` rows (no exit survey version) count in every series: an episode not
 * invited yet, a follow-up or an intake invitation.
 */
export function admitted(rows: Iterable<FactRow>, f: FactFilter, seriesFree = false): Iterable<FactRow> {
  const versions = f.surveyVersions ? new Set(f.surveyVersions) : null
  // Nothing filtered: the rows themselves, not a copy of a few hundred thousand.
  if (f.customerType === null && versions === null) return rows
  const admits = (r: FactRow) =>
    (f.customerType === null || r.ct === f.customerType) &&
    (versions === null || (r.sv === null ? seriesFree : versions.has(r.sv)))
  return {
    *[Symbol.iterator]() {
      for (const r of rows) if (admits(r)) yield r
    },
  }
}

/** SQL's SUM and MAX over parts: NULL only when every part is NULL. */
function combine(a: number | null, b: number | null, merge: FactMerge): number | null {
  if (a === null) return b
  if (b === null) return a
  return merge === 'sum' ? a + b : Math.max(a, b)
}

type Group = { row: FactRow; v: ReadonlyArray<number | null>; own: boolean }

/** Adds a row to its group; a group of one row keeps that row's values (copied only when a second row joins). */
function join(groups: Map<string, Group>, key: string, r: FactRow, merges: readonly FactMerge[]) {
  const g = groups.get(key)
  if (g === undefined) {
    groups.set(key, { row: r, v: r.v, own: false })
    return
  }
  const v = g.own ? (g.v as Array<number | null>) : [...g.v]
  for (let n = 0; n < merges.length; n++) v[n] = combine(v[n] ?? null, r.v[n] ?? null, merges[n]!)
  g.v = v
  g.own = true
}

/**
 * Adds rows up by a grouping key (rows with equal `keyOf` become one), value by value as `merges` says, in the
 * order the groups first appear. Returns one representative row per group with the combined values.
 */
export function addUp<T>(
  rows: Iterable<FactRow>,
  keyOf: (r: FactRow) => string,
  merges: readonly FactMerge[],
  shape: (r: FactRow, v: ReadonlyArray<number | null>) => T,
): T[] {
  const groups = new Map<string, Group>()
  for (const r of rows) join(groups, keyOf(r), r, merges)
  const out: T[] = []
  for (const g of groups.values()) out.push(shape(g.row, g.v))
  return out
}

/**
 * addUp within each provider: rows of one provider with equal `keyOf` become one, provider by provider in the
 * order providers first appear. One small map per provider instead of one map of every provider's rows.
 */
export function addUpByProvider<T>(
  rows: Iterable<FactRow>,
  keyOf: (r: FactRow) => string,
  merges: readonly FactMerge[],
  shape: (r: FactRow, v: ReadonlyArray<number | null>) => T,
): T[] {
  const providers = new Map<string, Map<string, Group>>()
  // Rows come a bucket at a time: the provider changes seldom from one row to the next.
  let last: { p: string; groups: Map<string, Group> } | null = null
  for (const r of rows) {
    if (last === null || last.p !== r.p) {
      let groups = providers.get(r.p)
      if (groups === undefined) {
        groups = new Map()
        providers.set(r.p, groups)
      }
      last = { p: r.p, groups }
    }
    join(last.groups, keyOf(r), r, merges)
  }
  const out: T[] = []
  for (const groups of providers.values()) for (const g of groups.values()) out.push(shape(g.row, g.v))
  return out
}

/**
 * One part of a grouping key, tagged by type so that 1, "1" and null never meet; a string holding the separator
 * or starting with a tag is written as JSON (ids, dates and item names never do, but keys must never collide).
 */
export function keyPart(x: string | number | null | undefined): string {
  if (x === null || x === undefined) return '\u0002'
  if (typeof x === 'number') return `\u0003${x}`
  const first = x.charCodeAt(0)
  return x.includes('\u0001') || (first >= 2 && first <= 4) ? `\u0004${JSON.stringify(x)}` : x
}

/** A grouping key of some of a row's keys (by index), for addUpByProvider. */
export const byKeys = (...keys: number[]) => {
  if (keys.length === 0) return (): string => ''
  if (keys.length === 1) return (r: FactRow): string => keyPart(r.k[keys[0]!])
  return (r: FactRow): string => {
    let key = keyPart(r.k[keys[0]!])
    for (let n = 1; n < keys.length; n++) key += `\u0001${keyPart(r.k[keys[n]!])}`
    return key
  }
}

/** The period a table covers, as whole years, whole months and the days at its edges that fill no month. */
export type PeriodParts = { years: string[]; months: string[]; days: string[] }

const pad = (n: number) => String(n).padStart(2, '0')
/** The last day of month m (1-12) of year y. */
export const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate()

/** The dates from..to (inclusive ISO dates of one month), each a day bucket's period. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = []
  for (let d = Number(from.slice(8)); d <= Number(to.slice(8)); d++) days.push(`${from.slice(0, 7)}-${pad(d)}`)
  return days
}

/**
 * Splits from..to (inclusive ISO dates) into whole calendar years, whole months and the days of partial months,
 * each answered by its own bucket.
 */
export function periodParts(from: string, to: string): PeriodParts {
  const parts: PeriodParts = { years: [], months: [], days: [] }
  if (from > to) return parts
  let y = Number(from.slice(0, 4))
  let m = Number(from.slice(5, 7))
  while (`${y}-${pad(m)}` <= to.slice(0, 7)) {
    const first = `${y}-${pad(m)}-01`
    const last = `${y}-${pad(m)}-${pad(lastDay(y, m))}`
    const lo = from > first ? from : first
    const hi = to < last ? to : last
    if (lo === first && hi === last) {
      if (m === 1 && `${y}-12-31` <= to) {
        parts.years.push(String(y))
        y += 1
        continue
      }
      parts.months.push(`${y}-${pad(m)}`)
    } else parts.days.push(...daysBetween(lo, hi))
    if (m === 12) {
      y += 1
      m = 1
    } else m += 1
  }
  return parts
}
