// Rows of additive facts (src/db/facts/kinds.ts) and how they add up: across buckets (months, years, the edges
// of a period read from raw rows), down to the customer type and survey series a table shows.

/** One row of a kind as stored: its keys, then its values. */
export type FactRow = ReadonlyArray<string | number | null>

/**
 * The rows of one provider, customer type and exit survey version ("id@version" or null), no two with the same keys
 * (they are one GROUP BY's); `at`: the place of the rows in the source's own order (a bucket's, period by period),
 * before a provider's were brought together.
 */
export type FactGroup = { p: string; ct: string; sv: string | null; rows: readonly FactRow[]; at: number }

/**
 * A kind's rows, a group at a time, a provider's groups together; `keys`: how many entries of a row are keys. The
 * filter and the provider are checked once per group, and a row is added up where it was parsed: no object per
 * row (issue 16: at a million responses, a year's diagnostics add up about 200,000 rows).
 */
export type FactRows = { keys: number; groups: Iterable<FactGroup> }

export type FactMerge = 'sum' | 'max'

/** What a table shows: one customer type or all, the series' survey versions or all. */
export type FactFilter = { customerType: string | null; surveyVersions?: readonly string[] | null }

/**
 * The rows a filter admits. `seriesFree` rows (no exit survey version) count in every series: an episode not
 * invited yet, a follow-up or an intake invitation.
 */
export function admitted(rows: FactRows, f: FactFilter, seriesFree = false): FactRows {
  const versions = f.surveyVersions ? new Set(f.surveyVersions) : null
  if (f.customerType === null && versions === null) return rows
  const admits = (g: FactGroup) =>
    (f.customerType === null || g.ct === f.customerType) &&
    (versions === null || (g.sv === null ? seriesFree : versions.has(g.sv)))
  return {
    keys: rows.keys,
    groups: {
      *[Symbol.iterator]() {
        for (const g of rows.groups) if (admits(g)) yield g
      },
    },
  }
}

/** SQL's SUM and MAX over parts: NULL only when every part is NULL. */
function combine(a: number | null, b: number | null, merge: FactMerge): number | null {
  if (a === null) return b
  if (b === null) return a
  return merge === 'sum' ? a + b : Math.max(a, b)
}

/** A grouping key of a row (its group gives provider, customer type and survey version). */
export type FactKey = ((g: FactGroup, row: FactRow) => string) & {
  /**
   * The key tells rows apart by customer type and their first n keys (withCustomerType): where n is every key of
   * the kind, a provider whose groups all have different customer types has nothing to add up, its rows being
   * unique by their keys within a group.
   */
  customerTypeAndKeys?: number
}
/** A sum as the caller wants it: the group and row it started from (keys by index) and the added-up values. */
export type FactShape<T> = (g: FactGroup, k: FactRow, v: ReadonlyArray<number | null>) => T

/** Rows added up under one key: the first row, and its values with the others' added (null while it is alone). */
type Sum = { g: FactGroup; row: FactRow; v: Array<number | null> | null }

/** Adds a row to its key's sum; the values are copied only when a second row joins (rows are never changed). */
function addRow(
  sums: Map<string, Sum>,
  key: string,
  g: FactGroup,
  row: FactRow,
  keys: number,
  merges: readonly FactMerge[],
) {
  const sum = sums.get(key)
  if (sum === undefined) {
    sums.set(key, { g, row, v: null })
    return
  }
  const v = sum.v ?? (sum.row.slice(keys) as Array<number | null>)
  for (let n = 0; n < merges.length; n++)
    v[n] = combine(v[n] ?? null, (row[keys + n] ?? null) as number | null, merges[n]!)
  sum.v = v
}

function shaped<T>(sums: Map<string, Sum>, keys: number, shape: FactShape<T>, out: T[]) {
  for (const s of sums.values()) out.push(shape(s.g, s.row, s.v ?? (s.row.slice(keys) as Array<number | null>)))
}

/**
 * Adds rows up by a grouping key (rows with equal `keyOf` become one), value by value as `merges` says; one shaped
 * result per key. Rows are taken in the source's own order (`at`), so sums across providers add in the same order
 * as before a provider's groups were brought together, and keys come out in the order they first appear there.
 */
export function addUp<T>(rows: FactRows, keyOf: FactKey, merges: readonly FactMerge[], shape: FactShape<T>): T[] {
  const sums = new Map<string, Sum>()
  const inOwnOrder = [...rows.groups].sort((a, b) => a.at - b.at) // stable: a bucket's groups keep their order
  for (const g of inOwnOrder) for (const row of g.rows) addRow(sums, keyOf(g, row), g, row, rows.keys, merges)
  const out: T[] = []
  shaped(sums, rows.keys, shape, out)
  return out
}

/**
 * The places of `items` in an order that has a provider's together: providers in the order they first come, each
 * one's items in their own order (FactRows).
 */
export function providersTogether(items: ReadonlyArray<{ p: string }>): number[] {
  const byProvider = new Map<string, number[]>()
  items.forEach((item, at) => {
    const own = byProvider.get(item.p)
    if (own === undefined) byProvider.set(item.p, [at])
    else own.push(at)
  })
  return [...byProvider.values()].flat()
}

/**
 * addUp within each provider: a provider is added up and shaped as its groups end, so its sums never outlive it
 * (at a million responses, keeping every provider's sums to the end cost a third of the time in garbage
 * collection). Providers come out in the order of their first row in the source's own order, so that sums over
 * them add in the same order as when the rows came period by period. A provider whose groups come apart is a bug
 * in the source.
 */
export function addUpByProvider<T>(
  rows: FactRows,
  keyOf: FactKey,
  merges: readonly FactMerge[],
  shape: FactShape<T>,
): T[] {
  const providers: Array<{ p: string; first: number; out: T[] }> = []
  const seen = new Set<string>()
  let groups: FactGroup[] = []
  const end = () => {
    const current = providers[providers.length - 1]
    if (current !== undefined) addUpProvider(groups, rows.keys, keyOf, merges, shape, current.out)
  }
  for (const g of rows.groups) {
    let current = providers[providers.length - 1]
    if (g.p !== current?.p) {
      if (seen.has(g.p)) throw new Error(`the fact rows of provider ${g.p} came apart`)
      seen.add(g.p)
      end()
      groups = []
      current = { p: g.p, first: Number.POSITIVE_INFINITY, out: [] }
      providers.push(current)
    }
    if (g.rows.length > 0) {
      current.first = Math.min(current.first, g.at)
      groups.push(g)
    }
  }
  end()
  return providers.sort((a, b) => a.first - b.first).flatMap((p) => p.out)
}

/** One provider's groups added up into `out`; shaped row by row where no two rows can share a key. */
function addUpProvider<T>(
  groups: readonly FactGroup[],
  keys: number,
  keyOf: FactKey,
  merges: readonly FactMerge[],
  shape: FactShape<T>,
  out: T[],
) {
  const distinctTypes = () => groups.every((g, n) => groups.findIndex((o) => o.ct === g.ct) === n)
  if (keyOf.customerTypeAndKeys === keys && distinctTypes()) {
    for (const g of groups) for (const row of g.rows) out.push(shape(g, row, row.slice(keys) as Array<number | null>))
    return
  }
  const sums = new Map<string, Sum>()
  for (const g of groups) for (const row of g.rows) addRow(sums, keyOf(g, row), g, row, keys, merges)
  shaped(sums, keys, shape, out)
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

/** `key` followed by the row's keys at `at`, each as keyPart writes it, apart by the separator. */
function withKeys(key: string, row: FactRow, at: readonly number[]): string {
  for (const n of at) key += `\u0001${keyPart(row[n])}`
  return key
}

/** A grouping key of a row's customer type and every key, for a kind with `keys` keys. */
export function withCustomerType(keys: number): FactKey {
  const every = Array.from({ length: keys }, (_, n) => n)
  const keyOf: FactKey = (g, row) => withKeys(keyPart(g.ct), row, every)
  keyOf.customerTypeAndKeys = keys
  return keyOf
}

/** A grouping key of some of a row's keys (by index), for addUpByProvider. */
export const byKeys = (...keys: number[]): FactKey => {
  if (keys.length === 0) return () => ''
  const [first, ...rest] = keys as [number, ...number[]]
  return (_, row) => withKeys(keyPart(row[first]), row, rest)
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
