// The check behind `npm run verify:aggregates`: for one programme and calendar period, every aggregate the
// endpoints read, through the buckets and from the raw rows, for both variants; any difference is reported.
import { bucketFacts, kindsOf, type Variant } from '../db/facts/buckets.ts'
import { type FactSource, rawFacts } from '../db/facts/source.ts'
import type { Programme } from '../db/programmes.ts'
import * as scores from '../db/scores.ts'
import { daysBetween, lastDay } from '../domain/fact-rows.ts'
import { factsFor } from './facts.ts'

/** Every aggregate an endpoint reads, from one source (the procurer-only ones for the 'all' variant). */
export async function everyAggregate(facts: FactSource, f: scores.PeriodFilter, procurer: boolean) {
  return {
    sums: await scores.providerSums(facts, f),
    census: await scores.seriesCensus(facts, f),
    outcomes: procurer ? await scores.outcomeFacts(facts, f) : [],
    followUps: await scores.followUpFacts(facts, f),
    days: await scores.daysToAnswer(facts, f),
    caseMix: await scores.caseMixCells(facts, f),
    cells: procurer ? await scores.responseCells(facts, f) : [],
    integrity: await scores.integrityCounts(facts, f),
    items: await scores.itemCounts(facts, f),
    versions: await scores.versionSums(facts, f),
    weeks: procurer ? await scores.weeklyFunnel(facts, f) : [],
    // Every provider's months, as the procurer's diagnostics show them: added up (kinds.ts programmeWide).
    months: procurer ? await scores.monthlyTotals(facts, f) : await scores.monthlyCounts(facts, f),
    change: await scores.changeFacts(facts, f),
    intake: await scores.intakeCounts(facts, f),
  }
}

/**
 * A value in a form two sums of the same numbers added in another order agree on: numbers to 12 significant
 * digits, arrays in a canonical order.
 */
export function canonical(x: unknown): unknown {
  if (typeof x === 'number') return Number.isInteger(x) ? x : Number(x.toPrecision(12))
  if (Array.isArray(x))
    return x.map(canonical).sort((a, b) => {
      const [sa, sb] = [JSON.stringify(a), JSON.stringify(b)]
      return sa < sb ? -1 : sa > sb ? 1 : 0
    })
  if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, canonical(v)]))
  return x
}

/** The aggregates (by name) whose canonical forms differ. */
function differing(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  return Object.keys(a).filter((k) => JSON.stringify(canonical(a[k])) !== JSON.stringify(canonical(b[k])))
}

/** A calendar year or month as its first and last day. */
export function calendarRange(period: string): { from: string; to: string } {
  if (period.length === 4) return { from: `${period}-01-01`, to: `${period}-12-31` }
  const [y, m] = period.split('-').map(Number) as [number, number]
  return { from: `${period}-01`, to: `${period}-${String(lastDay(y, m)).padStart(2, '0')}` }
}

export type AggregateCheck = { variant: Variant; differences: string[] }

/**
 * Compares buckets and raw rows for one programme and calendar year or month, in both variants; a month also
 * through its day buckets.
 */
export async function checkAggregates(
  db: D1Database,
  programme: Pick<Programme, 'id' | 'publication'>,
  period: string,
  now: string,
): Promise<AggregateCheck[]> {
  const checks: AggregateCheck[] = []
  for (const variant of ['all', 'released'] as const) {
    const releaseGroup = variant === 'all' ? 1 : Math.max(1, programme.publication.minGroup)
    const f = {
      programmeId: programme.id,
      ...calendarRange(period),
      customerType: null,
      providerId: null,
      releaseGroup,
    }
    const kinds = kindsOf(variant).map((k) => k.name)
    const procurer = variant === 'all'
    const buckets = await everyAggregate(await factsFor(db, programme, f, kinds, now), f, procurer)
    const raw = await everyAggregate(rawFacts(db, f), f, procurer)
    const differences = differing(buckets, raw)
    // A month's day buckets (every answer only) serve procurer periods cut inside it: added up, they must give the month.
    if (variant === 'all' && period.length === 7) {
      const periods = daysBetween(f.from, f.to)
      const source = bucketFacts(db, { programmeId: programme.id, variant, periods, providerId: null }, kinds)
      differences.push(...differing(await everyAggregate(source, f, procurer), raw).map((k) => `${k} (day buckets)`))
    }
    checks.push({ variant, differences })
  }
  return checks
}
