import type { QualityPoolComponent } from '../fee-rule.ts'
import { toCents } from '../fee-rule.ts'
import { compareText, providerFigures } from './facts.ts'
import { rawIndex } from './fee-index.ts'
import {
  above,
  atLeast,
  counted,
  floorTolerant,
  formatCents,
  indexText,
  responseRateGateReason,
  trimmed,
} from './money.ts'
import { outcomeOf, providerLine } from './outcome.ts'
import type { ComponentOutcome, ProviderSummary } from './types.ts'

export type Claim = { id: string; weight: number }

// Remainders and weights that differ only by float noise count as ties.
const TIE_EPSILON = 1e-9

function compareApprox(a: number, b: number): number {
  return Math.abs(a - b) <= TIE_EPSILON * Math.max(1, Math.abs(a), Math.abs(b)) ? 0 : a - b
}

/**
 * Splits `total` cents in proportion to positive weights so the parts sum exactly to `total`: everyone gets
 * the floor of their quota, the cents left go one each to the largest remainders; ties go to the larger
 * weight, then to the smaller id.
 */
export function largestRemainder(total: number, claims: Claim[]): number[] {
  const sum = claims.reduce((s, c) => s + c.weight, 0)
  const quotas = claims.map((c) => (total * c.weight) / sum)
  const parts = quotas.map(floorTolerant)
  const left = total - parts.reduce((s, p) => s + p, 0)
  if (left < 0 || left > claims.length)
    throw new Error(`largest remainder left ${left} cents for ${claims.length} claims`)
  const order = claims
    .map((_, i) => i)
    .sort(
      (a, b) =>
        compareApprox(quotas[b] - parts[b], quotas[a] - parts[a]) ||
        compareApprox(claims[b].weight, claims[a].weight) ||
        compareText(claims[a].id, claims[b].id),
    )
  for (const i of order.slice(0, left)) parts[i]++
  return parts
}

/** What the pool reads of a provider: its index is the raw one on the component's base. */
type PoolFigures = {
  providerId: string
  clients: number
  responses: number
  responseRate: number | null
  qualityIndex: number | null
}

function poolFigures(component: QualityPoolComponent, summary: ProviderSummary): PoolFigures {
  const { providerId, clients, responses, responseRate } = providerFigures(summary)
  return { providerId, clients, responses, responseRate, qualityIndex: rawIndex(summary, component.nonResponse) }
}

/** Why a provider does not share the pool, or null when it does. */
function exclusion(component: QualityPoolComponent, figures: PoolFigures): string | null {
  if (figures.responses < component.minResponses)
    return `${counted(figures.responses, 'response')} below the minimum ${component.minResponses}`
  if (!atLeast(figures.responseRate ?? 0, component.minResponseRate)) {
    return responseRateGateReason(figures.responseRate, component.minResponseRate)
  }
  if (figures.qualityIndex === null) return 'no scored responses'
  if (!above(figures.qualityIndex, component.threshold)) {
    return `quality index ${indexText(figures.qualityIndex)} not above threshold ${component.threshold}`
  }
  return null
}

/** A provider's figures and why it is left out, or its claim of (Q - threshold) x clients. */
type PoolEntry = { figures: PoolFigures; reason: string | null; claim: Claim | null }

function entryOf(component: QualityPoolComponent, summary: ProviderSummary): PoolEntry {
  const figures = poolFigures(component, summary)
  const reason = exclusion(component, figures)
  const weight = ((figures.qualityIndex ?? 0) - component.threshold) * figures.clients
  return { figures, reason, claim: reason === null ? { id: figures.providerId, weight } : null }
}

/**
 * Each provider's share by providerId (one provider-level line), the money nobody qualified for, and every
 * provider's entry in summary order (for qualityPoolShare).
 */
export type PoolAllocation = {
  shares: Map<string, ComponentOutcome>
  unallocatedCents: number
  entries: readonly PoolEntry[]
}

/**
 * Shares the pool among the qualifying providers by (Q - threshold) x clients, Q the raw index on the
 * component's base (never shrunk: a shrinkage target the provider moves would let lowering its own answers
 * pull a rival below the threshold). Needs every provider of the run, so it works from their summaries;
 * `summaries` sorted by providerId, which fixes the float sum.
 */
export function qualityPool(
  component: QualityPoolComponent,
  index: number,
  summaries: readonly ProviderSummary[],
): PoolAllocation {
  const entries = summaries.map((summary) => entryOf(component, summary))
  const claims = entries.flatMap((e) => (e.claim ? [e.claim] : []))
  const poolCents = toCents(component.amount)
  const parts = claims.length > 0 ? largestRemainder(poolCents, claims) : []
  const unallocatedCents = claims.length > 0 ? 0 : poolCents
  const totalWeight = claims.reduce((s, c) => s + c.weight, 0)
  const base =
    component.nonResponse === 'zero'
      ? 'quality index over closed invitations, non-respondents at 0'
      : 'quality index over respondents'
  const scope = `pool ${formatCents(poolCents)} shared by (${base} - ${component.threshold}) x clients`
  let c = 0 // the claims are the entries with a claim, in the same order
  const outcomes = entries.map(({ figures: f, reason }): [string, ComponentOutcome] => {
    const details = { poolCents, totalWeight, unallocatedCents, weight: 0 }
    if (reason !== null) {
      return [
        f.providerId,
        outcomeOf(
          index,
          'qualityPool',
          [providerLine(index, 'qualityPool', 0, reason)],
          `${scope}; ${reason}`,
          details,
        ),
      ]
    }
    const { weight } = claims[c]
    const share = `(${indexText(f.qualityIndex ?? 0)} - ${component.threshold}) x ${counted(f.clients, 'client')} = weight ${trimmed(weight, 2)} of ${trimmed(totalWeight, 2)}`
    const outcome = outcomeOf(
      index,
      'qualityPool',
      [providerLine(index, 'qualityPool', parts[c], share)],
      `${scope}; ${share}`,
      {
        ...details,
        weight,
      },
    )
    c++
    return [f.providerId, outcome]
  })
  return { shares: new Map(outcomes), unallocatedCents, entries }
}

/**
 * One provider's share in cents had its summary been `changed`, the others' as in `pool`: what qualityPool
 * gives it over the changed summaries, without every provider's line. The suppression sensitivity splits the pool
 * again for each provider, and qualityPool's lines and lookups for all of them made that cubic at 1,000 providers.
 */
export function qualityPoolShare(
  component: QualityPoolComponent,
  pool: PoolAllocation,
  changed: ProviderSummary,
): number {
  const own = entryOf(component, changed).claim
  const claims: Claim[] = []
  for (const e of pool.entries) {
    const claim = e.figures.providerId === changed.providerId ? own : e.claim
    if (claim) claims.push(claim)
  }
  return own ? largestRemainder(toCents(component.amount), claims)[claims.indexOf(own)] : 0
}
