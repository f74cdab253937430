// The figures behind the scores, ratings and diagnostics, assembled from fact rows (src/db/facts/kinds.ts): the
// buckets of the period or, where no bucket answers, the same SQL over the raw rows. Rows are added up to the
// customer type and survey series a table shows (domain/fact-rows.ts); each function returns what one aggregate
// query returned before the buckets, provider by provider.
import type { CaseMixCell } from '../domain/case-mix.ts'
import type { ChangeSums, ItemUpCount } from '../domain/change.ts'
import type {
  FunnelWeek,
  IntegrityCounts,
  ItemCount,
  ItemSums,
  MonthCounts,
  OutcomeFacts,
  ResponseCell,
  VersionSums,
} from '../domain/diagnostics-facts.ts'
import {
  addUp,
  addUpByProvider,
  admitted,
  byKeys,
  type FactGroup,
  type FactKey,
  type FactRow,
  type FactRows,
  type FactShape,
  withCustomerType,
} from '../domain/fact-rows.ts'
import type { ScoreSums } from '../domain/scores.ts'
import type { SeriesCensusRow } from '../domain/series.ts'
import { type KindName, kindNamed, releasedCtes, releasedResponse } from './facts/kinds.ts'
import { type FactSource, rawScope } from './facts/source.ts'

export { COUNTED_COMPLETION } from './facts/kinds.ts'
export type { FactSource } from './facts/source.ts'

export type PeriodFilter = {
  programmeId: string
  from: string
  to: string
  customerType: string | null
  /** Limit to one provider (a provider key), or null for all. */
  providerId: string | null
  /**
   * The release rule's group size (minGroup) for provider keys and the public: only released completions
   * and declines count (see domain/release.ts). 1 or absent: every response (procurer keys, fee runs).
   */
  releaseGroup?: number
  /**
   * The survey versions ("id@version") whose exit invitations count: the series a table shows
   * (domain/series.ts). Null or absent: every version.
   */
  surveyVersions?: string[] | null
}

/** The rows of a kind the filter admits. */
async function admittedRows(facts: FactSource, f: PeriodFilter, name: KindName): Promise<FactRows> {
  return admitted(await facts.rows(name), f, kindNamed(name).seriesFree)
}

/** A kind's rows added up by provider and the keys at `keys`, each shaped by `shape`. */
async function added<T>(
  facts: FactSource,
  f: PeriodFilter,
  name: KindName,
  keys: number[],
  shape: FactShape<T>,
): Promise<T[]> {
  const kind = kindNamed(name)
  const merges = kind.values.map(([, , merge]) => merge)
  return addUpByProvider(await admittedRows(facts, f, name), byKeys(...keys), merges, shape)
}

const int = (v: number | null | undefined) => v ?? 0
/** "id@version" as its parts (a survey id never holds "@"). */
const versionOf = (sv: string) => {
  const at = sv.lastIndexOf('@')
  return { surveyId: sv.slice(0, at), version: Number(sv.slice(at + 1)) }
}

/**
 * One row per provider: what the score table is built from. clients: the confirmed episodes of the period
 * whose exit invitation is of the series shown, and those not invited (yet); an episode invited with
 * another series counts in that series' table only.
 */
export type ProviderSums = ScoreSums

export async function providerSums(facts: FactSource, f: PeriodFilter): Promise<ProviderSums[]> {
  const [providers, clients, sums] = await Promise.all([
    facts.providers(),
    added(facts, f, 'clients', [], (g, _k, v) => ({ p: g.p, clients: int(v[0]) })),
    added(facts, f, 'sums', [], (g, _k, v) => ({ p: g.p, v })),
  ])
  const clientsOf = new Map(clients.map((c) => [c.p, c.clients]))
  const sumsOf = new Map(sums.map((s) => [s.p, s.v]))
  return providers.map(({ providerId, name }) => {
    const v = sumsOf.get(providerId) ?? []
    return {
      providerId,
      name,
      clients: clientsOf.get(providerId) ?? 0,
      invited: int(v[0]),
      completed: int(v[2]),
      n: int(v[3]),
      sum: int(v[4]),
      sumOfSquares: int(v[5]),
      topBox: int(v[6]),
      itemAnswers: int(v[7]),
      cannotSay: int(v[8]),
    }
  })
}

/**
 * Per survey version: the exit invitations of the period the filter admits, and their completed responses
 * the caller may count (released ones with a release group). What the series of a table is chosen from.
 */
export async function seriesCensus(facts: FactSource, f: PeriodFilter): Promise<SeriesCensusRow[]> {
  const rows = addUp(
    await admittedRows(facts, f, 'sums'),
    (g) => g.sv!,
    ['sum', 'sum'],
    (g, _k, v) => ({ ...versionOf(g.sv!), invited: int(v[0]), answers: int(v[1]) }),
  )
  return rows
}

/** Invitations grouped by the facts that decide their AAPOR outcome (the domain does the deciding). */
export async function outcomeFacts(facts: FactSource, f: PeriodFilter): Promise<OutcomeFacts[]> {
  procurerOnly(f)
  return added(facts, f, 'outcomes', [0, 1, 2, 3, 4], (g, k, v) => ({
    providerId: g.p,
    status: k[0] as OutcomeFacts['status'],
    opened: k[1] as number,
    answeredAny: k[2] as number,
    scoredAnswered: k[3] as number,
    scoredTotal: k[4] as number,
    count: int(v[0]),
  }))
}

/**
 * Follow-up invitations (wave 'followup') of episodes ending in the period, grouped by the facts that decide
 * their AAPOR outcome: the follow-up's own rates, which never mix with the exit wave's. No release rule: the
 * counts say nothing about any answer (domain/follow-up-rates.ts hides a provider's small groups).
 */
export async function followUpFacts(facts: FactSource, f: PeriodFilter): Promise<OutcomeFacts[]> {
  return added(facts, f, 'followups', [0, 1, 2], (g, k, v) => ({
    providerId: g.p,
    status: k[0] as OutcomeFacts['status'],
    opened: k[1] as number,
    answeredAny: k[2] as number,
    scoredAnswered: 0,
    scoredTotal: 0,
    count: int(v[0]),
  }))
}

/** Completions per provider by whole days from service end to answer. */
export async function daysToAnswer(
  facts: FactSource,
  f: PeriodFilter,
): Promise<Array<{ providerId: string; days: number; count: number }>> {
  return added(facts, f, 'days', [0], (g, k, v) => ({ providerId: g.p, days: k[0] as number, count: int(v[0]) }))
}

/**
 * A respondent-background cell within a provider (addUpByProvider): customer type and a kind's every key (service
 * type, risk class and language; the case-mix cells add days to answer).
 */
const byCell = (name: KindName): FactKey => withCustomerType(kindNamed(name).keys.length)
const background = (g: FactGroup, k: FactRow) => ({
  providerId: g.p,
  customerType: g.ct,
  serviceType: k[0] as string | null,
  riskClass: k[1] as string | null,
  language: k[2] as string,
})

/** Scored completions per provider and respondent background (days to answer included), for the case-mix fit. */
export async function caseMixCells(facts: FactSource, f: PeriodFilter): Promise<CaseMixCell[]> {
  const rows = await admittedRows(facts, f, 'casemix')
  return addUpByProvider(rows, byCell('casemix'), ['sum', 'sum', 'sum'], (g, k, v) => ({
    ...background(g, k),
    daysToAnswer: k[3] as number,
    n: int(v[0]),
    sum: int(v[1]),
    sumOfSquares: int(v[2]),
  }))
}

/**
 * Invitations and counted completions (break-offs are not) per respondent-background cell, for the R-indicator and
 * mix tables; with a release group, only released completions (the national view's programme-level R-indicator).
 */
export async function responseCells(facts: FactSource, f: PeriodFilter): Promise<ResponseCell[]> {
  return addUpByProvider(await admittedRows(facts, f, 'cells'), byCell('cells'), ['sum', 'sum'], (g, k, v) => ({
    ...background(g, k),
    invited: int(v[0]),
    responded: int(v[1]),
  }))
}

/** Per provider with exit invitations in the period: completions and how many trip each integrity check. */
export async function integrityCounts(facts: FactSource, f: PeriodFilter): Promise<IntegrityCounts[]> {
  const [links, done, nets] = await Promise.all([
    added(facts, f, 'sums', [], (g, _k, v) => ({ p: g.p, v })),
    added(facts, f, 'integrity', [], (g, _k, v) => ({ p: g.p, v })),
    added(facts, f, 'nets', [0], (g, _k, v) => ({ p: g.p, count: int(v[0]) })),
  ])
  const doneOf = new Map(done.map((d) => [d.p, d.v]))
  const largest = new Map<string, number>()
  for (const n of nets) largest.set(n.p, Math.max(largest.get(n.p) ?? 0, n.count))
  return links.map(({ p, v }) => {
    const d = doneOf.get(p) ?? []
    // Only a group of more than half the completions is kept: the buckets of one period keep no other (buckets.ts).
    const group = largest.get(p) ?? 0
    return {
      providerId: p,
      completions: int(d[0]),
      completedSoonAfterRegistration: int(d[1]),
      completedTooFast: int(d[2]),
      straightLined: int(d[3]),
      majorityNetworkGroup: 2 * group > int(d[0]) ? group : 0,
      invited: int(v[0]),
      reissued: int(v[9]),
      itemAnswers: int(v[7]),
      cannotSay: int(v[8]),
    }
  })
}

/** Answer counts per provider, survey version, item and position, over completed responses. */
export async function itemCounts(facts: FactSource, f: PeriodFilter): Promise<ItemCount[]> {
  return added(facts, f, 'items', [0, 1, 2, 3, 4], (g, k, v) => ({
    providerId: g.p,
    surveyId: k[0] as string,
    surveyVersion: k[1] as number,
    item: k[2] as string,
    points: k[3] as number,
    position: k[4] as number | null,
    count: int(v[0]),
  }))
}

/**
 * Per provider and survey version: completed responses, and over the complete cases (every scored item answered on
 * the scale) the sums Cronbach's alpha needs. A complete case's total of item scores is K x its index.
 */
export async function versionSums(
  facts: FactSource,
  f: PeriodFilter,
): Promise<{ versions: VersionSums[]; items: ItemSums[] }> {
  const [versions, items] = await Promise.all([
    added(facts, f, 'versions', [0, 1], (g, k, v) => ({
      providerId: g.p,
      surveyId: k[0] as string,
      surveyVersion: k[1] as number,
      completed: int(v[0]),
      completeCases: int(v[1]),
      indexSum: int(v[2]),
      indexSumOfSquares: int(v[3]),
      scoredTotal: int(v[4]),
    })),
    added(facts, f, 'itemsums', [0, 1, 2], (g, k, v) => ({
      providerId: g.p,
      surveyId: k[0] as string,
      surveyVersion: k[1] as number,
      item: k[2] as string,
      sum: v[0] as number,
      sumOfSquares: v[1] as number,
    })),
  ])
  return { versions, items }
}

/** The invitation funnel per week of service end (weeks start on Monday). */
export async function weeklyFunnel(facts: FactSource, f: PeriodFilter): Promise<FunnelWeek[]> {
  procurerOnly(f)
  const weeks = addUp(
    await admittedRows(facts, f, 'weekly'),
    (_, k) => k[0] as string,
    ['sum', 'sum', 'sum', 'sum', 'sum'],
    (_g, k, v) => ({
      weekStart: k[0] as string,
      invited: int(v[0]),
      opened: int(v[1]),
      started: int(v[2]),
      completed: int(v[3]),
      declined: int(v[4]),
    }),
  )
  return weeks.sort((a, b) => (a.weekStart < b.weekStart ? -1 : 1))
}

const monthCounts = (g: FactGroup, k: FactRow, v: ReadonlyArray<number | null>): MonthCounts => ({
  providerId: g.p,
  month: k[0] as string,
  invited: int(v[0]),
  completed: int(v[1]),
  declined: int(v[2]),
})

/**
 * Invitations, completions and declines per provider and month of service end (released ones, with a release
 * group). A read of every provider's answers may come from the programme's buckets (kinds.ts programmeWide): then
 * its rows are already added up over providers, with provider ''; monthlyTotals adds up either.
 */
export async function monthlyCounts(facts: FactSource, f: PeriodFilter): Promise<MonthCounts[]> {
  const months = await added(facts, f, 'monthly', [0], monthCounts)
  return months.sort((a, b) => a.month.localeCompare(b.month) || a.providerId.localeCompare(b.providerId))
}

/** monthlyCounts added up over providers, by month. */
export async function monthlyTotals(
  facts: FactSource,
  f: PeriodFilter,
): Promise<Array<Omit<MonthCounts, 'providerId'>>> {
  const months = addUp(
    await admittedRows(facts, f, 'monthly'),
    (_, k) => k[0] as string,
    ['sum', 'sum', 'sum'],
    (g, k, v) => {
      const { providerId: _, ...counts } = monthCounts(g, k, v)
      return counts
    },
  )
  return months.sort((a, b) => a.month.localeCompare(b.month))
}

/**
 * Per provider the clients with both waves and the sums of their changes (exit index - intake index), and per
 * provider and item, over those clients, how many answered the item on the scale in both waves and how many
 * at least one point higher at exit.
 */
export async function changeFacts(
  facts: FactSource,
  f: PeriodFilter,
): Promise<{ sums: ChangeSums[]; items: ItemUpCount[] }> {
  const [sums, items] = await Promise.all([
    added(facts, f, 'change', [], (g, _k, v) => ({
      providerId: g.p,
      n: int(v[0]),
      sum: int(v[1]),
      sumOfSquares: int(v[2]),
    })),
    added(facts, f, 'changeitems', [0], (g, k, v) => ({
      providerId: g.p,
      item: k[0] as string,
      n: int(v[0]),
      up: int(v[1]),
    })),
  ])
  return { sums, items }
}

/** Intake invitations and counted completions (not break-offs) per provider, for the intake response rates. */
export async function intakeCounts(
  facts: FactSource,
  f: PeriodFilter,
): Promise<Array<{ providerId: string; invited: number; completed: number }>> {
  return added(facts, f, 'intake', [], (g, _k, v) => ({ providerId: g.p, invited: int(v[0]), completed: int(v[1]) }))
}

/** For the figures only procurer keys get (single invitations' steps and timing): no release rule applies. */
function procurerOnly(f: PeriodFilter) {
  if ((f.releaseGroup ?? 1) > 1) throw new Error('this aggregate is for procurer keys only (no release rule)')
}

// An exit invitation (alias i) of the series shown: ?7 is the JSON array of its versions, or NULL for all.
const inSeries = `(?7 IS NULL OR i.survey_id || '@' || i.survey_version IN (SELECT value FROM json_each(?7)))`

export type CommentRow = {
  providerId: string
  surveyId: string
  surveyVersion: number
  /** The comment's bucket (month of the episode's end, customer type) and response, never shown to anyone. */
  month: string
  customerType: string
  responseId: string
  question: string
  text: string
}

/** Free-text answers of (released) completed responses, for the named questions, sorted by text (never by time). */
export async function comments(db: D1Database, f: PeriodFilter, questions: string[]): Promise<CommentRow[]> {
  const { results } = await db
    .prepare(
      `WITH ${releasedCtes(rawScope)}
       SELECT e.provider_id AS providerId, r.survey_id AS surveyId, r.survey_version AS surveyVersion,
         substr(e.ended_on, 1, 7) AS month, e.customer_type AS customerType, r.invitation_id AS responseId,
         j.key AS question, j.value AS text
       FROM episodes e JOIN invitations i ON i.episode_id = e.id AND i.wave = 'exit'
       JOIN responses r ON r.invitation_id = i.id AND r.completed = 1, json_each(r.answers) j
       WHERE ${rawScope.where} AND ${inSeries} AND ${releasedResponse('r.invitation_id')} AND j.key IN (SELECT value FROM json_each(?8))
       ORDER BY 1, 7, 8`,
    )
    .bind(
      f.programmeId,
      f.from,
      f.to,
      f.customerType,
      f.providerId,
      f.releaseGroup ?? 1,
      f.surveyVersions ? JSON.stringify(f.surveyVersions) : null,
      JSON.stringify(questions),
    )
    .all<CommentRow>()
  return results
}
