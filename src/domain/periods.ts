// Reporting periods. A provider key and the public may ask only for a whole calendar month, quarter or
// year (`2027-03`, `2027-Q1`, `2027`): every such period is a union of whole months, the atomic buckets of
// the release rule (release.ts), so two periods can never differ by a day or a handful of answers.
// A procurer may also give any `from`/`to` range.

export type DateRange = { from: string; to: string }

/** `2027`, `2027-Q1` or `2027-03`. */
export const PERIOD_PATTERN = /^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$/

const pad = (n: number) => String(n).padStart(2, '0')

/** The last day of month m (1..12) of year y, YYYY-MM-DD. */
export function lastDayOfMonth(y: number, m: number): string {
  const day = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return `${y}-${pad(m)}-${pad(day)}`
}

const monthRange = (y: number, first: number, last: number): DateRange => ({
  from: `${y}-${pad(first)}-01`,
  to: lastDayOfMonth(y, last),
})

/** The first and last day of a period written as a month, quarter or year; null if it is not one. */
export function parsePeriod(period: string): DateRange | null {
  const m = PERIOD_PATTERN.exec(period)
  if (!m) return null
  const year = Number(m[1])
  if (year < 1) return null
  if (m[2]) {
    const q = Number(m[2])
    return monthRange(year, 3 * q - 2, 3 * q)
  }
  if (m[3]) return monthRange(year, Number(m[3]), Number(m[3]))
  return monthRange(year, 1, 12)
}

/** The month `back` months before the month of `today` (back = 1: the last whole month), as [year, month]. */
function monthBefore(today: string, back: number): [number, number] {
  const index = Number(today.slice(0, 4)) * 12 + (Number(today.slice(5, 7)) - 1) - back
  return [Math.floor(index / 12), (index % 12) + 1]
}

/** The last `count` whole calendar months before today's month. */
export function lastWholeMonths(today: string, count: number): DateRange {
  const [fy, fm] = monthBefore(today, count)
  const [ty, tm] = monthBefore(today, 1)
  return { from: `${fy}-${pad(fm)}-01`, to: lastDayOfMonth(ty, tm) }
}

export type OfferedPeriod = DateRange & { period: string; kind: 'month' | 'quarter' | 'year' }

/**
 * What the public ratings page and the provider dashboard offer: the last 12 whole months, the last whole
 * quarter and the last whole year, newest first; nothing finer.
 */
export function offeredPeriods(today: string): OfferedPeriod[] {
  const months = Array.from({ length: 12 }, (_, k) => {
    const [y, m] = monthBefore(today, k + 1)
    const period = `${y}-${pad(m)}`
    return { period, kind: 'month' as const, ...parsePeriod(period)! }
  })
  const [qy, qm] = monthBefore(today, 1 + ((Number(today.slice(5, 7)) - 1) % 3))
  const quarter = `${qy}-Q${Math.ceil(qm / 3)}`
  const year = String(Number(today.slice(0, 4)) - 1)
  return [
    { period: quarter, kind: 'quarter', ...parsePeriod(quarter)! },
    { period: year, kind: 'year', ...parsePeriod(year)! },
    ...months,
  ]
}

export type PeriodQuery = { from?: string; to?: string; period?: string }
export type PeriodIssue = { path: string; message: string }

/**
 * The date range a query asks for, or the issue that makes it a bad request. Whole periods only
 * (wholePeriodsOnly: provider keys and the public): `from`/`to` are refused, naming `period`. Without any,
 * a procurer gets the 365 days up to today and everyone else the last 12 whole months.
 */
export function resolvePeriodQuery(
  q: PeriodQuery,
  today: string,
  wholePeriodsOnly: boolean,
): { ok: true; range: DateRange } | { ok: false; issue: PeriodIssue } {
  const ranged = q.from !== undefined || q.to !== undefined
  if (q.period !== undefined && ranged) {
    return { ok: false, issue: { path: 'period', message: 'give either period or from/to, not both' } }
  }
  if (ranged && wholePeriodsOnly) {
    return {
      ok: false,
      issue: {
        path: 'period',
        message:
          'this key or page takes a whole calendar month, quarter or year as period (2027-03, 2027-Q1, 2027), not from/to',
      },
    }
  }
  if (q.period !== undefined) {
    const range = parsePeriod(q.period)
    if (!range) {
      return {
        ok: false,
        issue: { path: 'period', message: 'must be a month, quarter or year written 2027-03, 2027-Q1 or 2027' },
      }
    }
    return { ok: true, range }
  }
  if (wholePeriodsOnly) return { ok: true, range: lastWholeMonths(today, 12) }
  const to = q.to ?? today
  const from = q.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - 364 * 86_400_000).toISOString().slice(0, 10)
  return { ok: true, range: { from, to } }
}
