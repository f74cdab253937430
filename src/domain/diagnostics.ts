// Response-rate diagnostics per provider: AAPOR outcomes and rates, days to answer, representativeness,
// integrity flags and item statistics, assembled from the per-provider aggregates of diagnostics-facts.ts.

import { keyMemo } from '../lib/key-memo.ts'
import type { Publication } from '../schemas/programmes.ts'
import type {
  FunnelWeek,
  IntegrityCounts,
  ItemCount,
  ItemSums,
  MonthCounts,
  OutcomeFacts,
  ResponseCell,
  VersionSums,
} from './diagnostics-facts.ts'
import { integrityFlags } from './integrity-flags.ts'
import { cronbachAlphaFromSums, itemDistribution } from './item-stats.ts'
import { belowProgrammeR, CELL_VARIABLES, representativeness } from './representativeness.ts'
import { aaporRates, classifyInvitation, median, medianOfCounts, type OutcomeCounts } from './response-rates.ts'
import {
  type Audience,
  type CannotSayShare,
  cannotSayShare,
  HIDDEN_CANNOT_SAY,
  mayShowProgrammeFigures,
} from './scores.ts'

export type DiagnosticsInput = {
  providers: Array<{ providerId: string; name: string }>
  outcomes: OutcomeFacts[]
  days: Array<{ providerId: string; days: number; count: number }>
  cells: ResponseCell[]
  integrity: IntegrityCounts[]
  weeks: FunnelWeek[]
  /** Per provider and month: invitations, completions and declines (released ones for provider keys). */
  months: MonthCounts[]
  itemCounts: ItemCount[]
  versions: VersionSums[]
  itemSums: ItemSums[]
}

/** Adds up rows that share a key, summing the named numeric fields (provider rows into programme rows). */
function addUp<T extends Record<string, unknown>>(rows: T[], key: (r: T) => string, fields: Array<keyof T>): T[] {
  const out = new Map<string, T>()
  for (const r of rows) {
    const k = key(r)
    const seen = out.get(k)
    if (!seen) out.set(k, { ...r })
    else for (const f of fields) (seen[f] as number) += r[f] as number
  }
  return [...out.values()]
}

/**
 * The bias-adjusted R-indicator with its interval and the partial R-indicators per variable. A value of a
 * variable with fewer than minGroup invitations gets no partial figure: with its size it would tell how
 * many of those few answered.
 */
function representativenessOf({ indicator, partials }: ReturnType<typeof representativeness>, minGroup: number) {
  return {
    rIndicator: indicator.r,
    rIndicatorUnadjusted: indicator.rUnadjusted,
    propensitySd: indicator.propensitySd,
    standardError: indicator.standardError,
    interval: indicator.interval,
    // Keyed by variable, as the mix tables are.
    partials: Object.fromEntries(
      partials.map(({ variable, ...p }) => [
        variable,
        { ...p, categories: p.categories.map((k) => (k.invited < minGroup ? { ...k, partialR: null } : k)) },
      ]),
    ),
  }
}

function outcomeCounts(rows: OutcomeFacts[]): OutcomeCounts {
  const counts: OutcomeCounts = { I: 0, P: 0, R: 0, O: 0, NC: 0 }
  for (const r of rows) {
    const outcome = classifyInvitation({
      status: r.status,
      opened: r.opened === 1,
      answeredAny: r.answeredAny === 1,
      scoredAnswered: r.scoredAnswered,
      scoredTotal: r.scoredTotal,
    })
    counts[outcome] += r.count
  }
  return counts
}

/** Item distributions and Cronbach's alpha per survey version; distributions of small groups are hidden. */
export function itemStatistics(
  counts: ItemCount[],
  versions: VersionSums[],
  sums: ItemSums[],
  minGroup: number,
  audience: Audience,
) {
  return versions.map((v) => {
    const ofVersion = counts.filter((c) => c.surveyId === v.surveyId && c.surveyVersion === v.surveyVersion)
    const names = [...new Set(ofVersion.map((c) => c.item))].sort()
    const itemSums = sums
      .filter((s) => s.surveyId === v.surveyId && s.surveyVersion === v.surveyVersion)
      .sort((a, b) => a.item.localeCompare(b.item))
    const alpha =
      itemSums.length === v.scoredTotal
        ? cronbachAlphaFromSums({
            n: v.completeCases,
            itemSums: itemSums.map((s) => s.sum),
            itemSumSquares: itemSums.map((s) => s.sumOfSquares),
            totalSum: v.scoredTotal * v.indexSum,
            totalSumSquares: v.scoredTotal * v.scoredTotal * v.indexSumOfSquares,
          })
        : null
    const hidden = audience !== 'procurer' && v.completed < minGroup
    return {
      surveyId: v.surveyId,
      surveyVersion: v.surveyVersion,
      completed: v.completed,
      cronbachAlpha: hidden ? null : alpha,
      items: hidden
        ? []
        : names.map((item) => {
            const rows = ofVersion.filter((c) => c.item === item)
            return itemDistribution({
              item,
              points: rows[0].points,
              positions: rows.map((r) => ({ position: r.position, count: r.count })),
              completed: v.completed,
            })
          }),
    }
  })
}

/** Rows grouped by provider in one pass, so the work grows with rows, not with providers x rows. */
function byProvider<T extends { providerId: string }>(rows: T[]): (providerId: string) => T[] {
  const groups = new Map<string, T[]>()
  for (const r of rows) {
    const group = groups.get(r.providerId)
    if (group) group.push(r)
    else groups.set(r.providerId, [r])
  }
  return (providerId) => groups.get(providerId) ?? []
}

/** Months added up over the providers shown (one provider for a provider key). */
function monthTotals(rows: MonthCounts[], onlyProvider: string | null) {
  const months = addUp(
    rows.filter((r) => onlyProvider === null || r.providerId === onlyProvider),
    (r) => r.month,
    ['invited', 'completed', 'declined'],
  )
  return months
    .map(({ month, invited, completed, declined }) => ({ month, invited, completed, declined }))
    .sort((a, b) => a.month.localeCompare(b.month))
}

/** Outcomes from released counts only: completions (I) and explicit declines (R); the rest rest on single links. */
function releasedOutcomes(rows: MonthCounts[]) {
  const t = rows.reduce((s, r) => ({ invited: s.invited + r.invited, I: s.I + r.completed, R: s.R + r.declined }), {
    invited: 0,
    I: 0,
    R: 0,
  })
  const ratio = (num: number) => (t.invited === 0 ? null : num / t.invited)
  return {
    outcomes: { I: t.I, P: null, R: t.R, O: null, NC: null },
    rates: { invited: t.invited, rr1: ratio(t.I), rr2: null, coop1: null, ref1: ratio(t.R), con1: null },
  }
}

const NO_COUNTS: Omit<IntegrityCounts, 'providerId'> = {
  completions: 0,
  completedSoonAfterRegistration: 0,
  completedTooFast: 0,
  straightLined: 0,
  majorityNetworkGroup: 0,
  invited: 0,
  reissued: 0,
  itemAnswers: 0,
  cannotSay: 0,
}

/** The programme's medians the flags compare a provider with. */
type Medians = { rate: number | null; cannotSayShare: number | null }

/** The median over providers of the "cannot say" share (providers with no scored answers left out). */
function medianCannotSayShare(integrity: IntegrityCounts[]): number | null {
  return median(integrity.flatMap((c) => (c.itemAnswers === 0 ? [] : [c.cannotSay / c.itemAnswers])))
}

/** The integrity flags of a provider from its counts (none counted: no flag but a low rate). */
function flagsOf(integrity: IntegrityCounts | undefined, rate: number | null, medians: Medians) {
  return integrityFlags({
    ...(integrity ?? NO_COUNTS),
    responseRate: rate,
    programmeMedianRate: medians.rate,
    programmeMedianCannotSayShare: medians.cannotSayShare,
  })
}

/** The "cannot say" share of a provider's completions, hidden from other audiences below minGroup completions. */
function cannotSayOf(integrity: IntegrityCounts | undefined, publication: Publication, audience: Audience) {
  const c = integrity ?? NO_COUNTS
  return audience !== 'procurer' && c.completions < publication.minGroup
    ? HIDDEN_CANNOT_SAY
    : cannotSayShare(c.cannotSay, c.itemAnswers)
}

/** The programme's share, hidden from other audiences as the score table's programme row is. */
function programmeCannotSay(rows: IntegrityCounts[], publication: Publication, audience: Audience): CannotSayShare {
  if (
    !mayShowProgrammeFigures(
      rows.map((r) => r.completions),
      publication,
      audience,
    )
  )
    return HIDDEN_CANNOT_SAY
  const total = rows.reduce(
    (t, r) => ({ itemAnswers: t.itemAnswers + r.itemAnswers, cannotSay: t.cannotSay + r.cannotSay }),
    { itemAnswers: 0, cannotSay: 0 },
  )
  return cannotSayShare(total.cannotSay, total.itemAnswers)
}

type ProviderRows = {
  integrity: (id: string) => IntegrityCounts[]
  days: (id: string) => DiagnosticsInput['days']
  itemCounts: (id: string) => ItemCount[]
  versions: (id: string) => VersionSums[]
  itemSums: (id: string) => ItemSums[]
}

/** What every audience gets per provider: days to answer, integrity flags and item statistics. */
function providerFigures(
  of: ProviderRows,
  providerId: string,
  flags: ReturnType<typeof flagsOf>,
  publication: Publication,
  audience: Audience,
) {
  const ofProvider = [of.itemCounts(providerId), of.versions(providerId), of.itemSums(providerId)] as const
  const [integrity] = of.integrity(providerId)
  return {
    medianDaysToAnswer: medianOfCounts(of.days(providerId).map((d) => ({ value: d.days, count: d.count }))),
    cannotSay: cannotSayOf(integrity, publication, audience),
    integrityFlags: flags,
    itemStatistics: itemStatistics(...ofProvider, publication.minGroup, audience),
  }
}

/**
 * Diagnostics for provider keys, from released answers only (see release.ts): completions and declines by
 * month instead of single invitations' steps (opened, started, partial) and weeks, no representativeness
 * (a cell of a known client's background would tell whether that client answered), and item statistics,
 * days to answer and integrity flags over released responses.
 */
function releasedDiagnostics(input: DiagnosticsInput, publication: Publication, onlyProvider: string | null) {
  const of = {
    months: byProvider(input.months),
    integrity: byProvider(input.integrity),
    days: byProvider(input.days),
    itemCounts: byProvider(input.itemCounts),
    versions: byProvider(input.versions),
    itemSums: byProvider(input.itemSums),
  }
  const rates = new Map(input.providers.map((p) => [p.providerId, releasedOutcomes(of.months(p.providerId)).rates]))
  const medians: Medians = {
    rate: median([...rates.values()].flatMap((r) => (r.rr1 === null ? [] : [r.rr1]))),
    cannotSayShare: medianCannotSayShare(input.integrity),
  }
  const providers = input.providers
    .filter((p) => onlyProvider === null || p.providerId === onlyProvider)
    .map((p) => {
      const { outcomes, rates: r } = releasedOutcomes(of.months(p.providerId))
      const [integrity] = of.integrity(p.providerId)
      return {
        providerId: p.providerId,
        name: p.name,
        outcomes,
        rates: r,
        representativeness: null,
        ...providerFigures(of, p.providerId, flagsOf(integrity, r.rr1, medians), publication, 'provider'),
      }
    })
  const all = releasedOutcomes(input.months)
  return {
    programme: {
      outcomes: all.outcomes,
      rates: all.rates,
      medianProviderRate: medians.rate,
      medianDaysToAnswer: medianOfCounts(input.days.map((d) => ({ value: d.days, count: d.count }))),
      cannotSay: programmeCannotSay(input.integrity, publication, 'provider'),
      medianProviderCannotSayShare: medians.cannotSayShare,
      rIndicator: null,
      representativeness: null,
      itemStatistics: programmeItemStatistics(input, publication, 'provider'),
    },
    providers,
    weeks: [],
    months: monthTotals(input.months, onlyProvider),
  }
}

/** The key of a survey version, or of an item in it, or of a position of one (built once each: lib/key-memo.ts). */
const itemKey = keyMemo(
  (surveyId: string, version: number, item: string | undefined, position: number | null | undefined) =>
    `${surveyId}@${version}${item === undefined ? '' : `|${item}`}${position === undefined ? '' : `|${position}`}`,
)

function programmeItemStatistics(input: DiagnosticsInput, publication: Publication, audience: Audience) {
  return itemStatistics(
    addUp(input.itemCounts, (r) => itemKey(r.surveyId, r.surveyVersion, r.item, r.position), ['count']),
    addUp(input.versions, (r) => itemKey(r.surveyId, r.surveyVersion, undefined, undefined), [
      'completed',
      'completeCases',
      'indexSum',
      'indexSumOfSquares',
    ]),
    addUp(input.itemSums, (r) => itemKey(r.surveyId, r.surveyVersion, r.item, undefined), ['sum', 'sumOfSquares']),
    publication.minGroup,
    audience,
  )
}

/**
 * Diagnostics for the audience: a procurer gets every figure (from every response); provider keys and the
 * public get releasedDiagnostics, whose input must come from released answers (PeriodFilter.releaseGroup).
 */
export function diagnostics(
  input: DiagnosticsInput,
  publication: Publication,
  audience: Audience,
  onlyProvider: string | null,
) {
  if (audience !== 'procurer') return releasedDiagnostics(input, publication, onlyProvider)
  const of = {
    outcomes: byProvider(input.outcomes),
    cells: byProvider(input.cells),
    integrity: byProvider(input.integrity),
    days: byProvider(input.days),
    itemCounts: byProvider(input.itemCounts),
    versions: byProvider(input.versions),
    itemSums: byProvider(input.itemSums),
  }
  const rates = new Map(
    input.providers.map((p) => [p.providerId, aaporRates(outcomeCounts(of.outcomes(p.providerId)))]),
  )
  const medians: Medians = {
    rate: median([...rates.values()].flatMap((r) => (r.rr1 === null ? [] : [r.rr1]))),
    cannotSayShare: medianCannotSayShare(input.integrity),
  }
  const programmeFigures = representativeness(input.cells)
  const providers = input.providers
    .filter((p) => onlyProvider === null || p.providerId === onlyProvider)
    .map((p) => {
      const counts = outcomeCounts(of.outcomes(p.providerId))
      const r = rates.get(p.providerId)!
      const [integrity] = of.integrity(p.providerId)
      const figures = representativeness(of.cells(p.providerId))
      return {
        providerId: p.providerId,
        name: p.name,
        outcomes: counts,
        rates: r,
        representativeness: {
          ...representativenessOf(figures, publication.minGroup),
          belowProgramme: belowProgrammeR(figures.indicator, programmeFigures.indicator.r),
          // Mix tables count respondents per background value: a value with few respondents is hidden.
          mix: Object.fromEntries(
            CELL_VARIABLES.map((v) => [
              v,
              figures.mix[v].map((row) =>
                audience !== 'procurer' && row.respondents > 0 && row.respondents < publication.minGroup
                  ? { ...row, respondents: null, respondentShare: null }
                  : row,
              ),
            ]),
          ),
        },
        ...providerFigures(of, p.providerId, flagsOf(integrity, r.rr1, medians), publication, audience),
      }
    })
  const programmeItems = programmeItemStatistics(input, publication, audience)
  return {
    programme: {
      outcomes: outcomeCounts(input.outcomes),
      rates: aaporRates(outcomeCounts(input.outcomes)),
      medianProviderRate: medians.rate,
      medianDaysToAnswer: medianOfCounts(input.days.map((d) => ({ value: d.days, count: d.count }))),
      cannotSay: programmeCannotSay(input.integrity, publication, audience),
      medianProviderCannotSayShare: medians.cannotSayShare,
      rIndicator: programmeFigures.indicator.r,
      representativeness: representativenessOf(programmeFigures, publication.minGroup),
      itemStatistics: programmeItems,
    },
    providers,
    weeks: input.weeks,
    months: monthTotals(input.months, onlyProvider),
  }
}
