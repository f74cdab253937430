// What a key may read of a programme's scores, diagnostics and comments, assembled from the SQL aggregates.
// Provider keys and the public get whole calendar periods and released answers only (domain/release.ts).

import { kindsOf } from '../db/facts/buckets.ts'
import type { KindName } from '../db/facts/kinds.ts'
import type { FactSource } from '../db/facts/source.ts'
import type { Programme } from '../db/programmes.ts'
import {
  caseMixCells,
  changeFacts,
  comments,
  daysToAnswer,
  followUpFacts,
  intakeCounts,
  integrityCounts,
  itemCounts,
  monthlyCounts,
  outcomeFacts,
  type PeriodFilter,
  type ProviderSums,
  providerSums,
  responseCells,
  seriesCensus,
  versionSums,
  weeklyFunnel,
} from '../db/scores.ts'
import { seriesMap } from '../db/survey-series.ts'
import { invitedSurveyVersions } from '../db/survey-versions.ts'
import { type CaseMixFit, caseMixReport, fitCaseMix } from '../domain/case-mix.ts'
import { changeByProvider, intakeRates } from '../domain/change.ts'
import { diagnostics } from '../domain/diagnostics.ts'
import { followUpRates } from '../domain/follow-up-rates.ts'
import { resolvePeriodQuery } from '../domain/periods.ts'
import { suppress } from '../domain/quality-stats.ts'
import { commentsForProvider, releaseGroup } from '../domain/release.ts'
import { type Audience, mayShowProgrammeFigures, scoreTable } from '../domain/scores.ts'
import { chooseSeries, parseSeriesParam, type SeriesChoice } from '../domain/series.ts'
import { ApiError } from '../http/errors.ts'
import type { CommentsQuery, ScoresQuery } from '../schemas/scores.ts'
import type { Deps } from './deps.ts'
import { factsFor } from './facts.ts'

/**
 * The fact kinds a read loads: a score table's, or every kind of the variant for the diagnostics; the case-mix
 * cells (the largest kind: a cell per background and day to answer) only where the programme adjusts for case mix.
 */
function kindsFor(programme: Programme, read: 'scores' | 'diagnostics', variant: 'all' | 'released'): KindName[] {
  const kinds: KindName[] =
    read === 'scores' ? ['clients', 'sums', 'casemix', 'change', 'changeitems'] : kindsOf(variant).map((k) => k.name)
  return programme.caseMix ? kinds : kinds.filter((k) => k !== 'casemix')
}

export const audienceOf = (own: string | null): Audience => (own === null ? 'procurer' : 'provider')

/**
 * The rows an audience may have figures of: a whole month, quarter or year for provider keys and the public
 * (from/to is a 400 naming period), and for them only released answers (domain/release.ts).
 */
function periodFilter(
  programme: Programme,
  q: CommentsQuery,
  providerId: string | null,
  audience: Audience,
  now: () => string,
): PeriodFilter {
  const resolved = resolvePeriodQuery(q, now().slice(0, 10), audience !== 'procurer')
  if (!resolved.ok)
    throw new ApiError(400, `Bad query parameter: ${resolved.issue.path}: ${resolved.issue.message}`, {
      issues: [resolved.issue],
    })
  return {
    programmeId: programme.id,
    ...resolved.range,
    customerType: q.customerType ?? null,
    providerId,
    releaseGroup: releaseGroup(audience, programme.publication.minGroup),
  }
}

/**
 * The period's rows limited to one survey series per survey (domain/series.ts): the series asked for in
 * `series`, else the series of the latest version answered. A bad `series` is a 400 naming it.
 */
async function seriesFilter(
  db: D1Database,
  facts: FactSource,
  filter: PeriodFilter,
  q: ScoresQuery,
): Promise<{ filter: PeriodFilter; shown: Omit<SeriesChoice, 'surveyVersions'> }> {
  const requested = parseSeriesParam(q.series)
  const census = await seriesCensus(facts, filter)
  const surveys = [...new Set([...census.map((c) => c.surveyId), ...requested.map((r) => r.surveyId)])]
  const chosen = chooseSeries(await seriesMap(db, surveys), census, requested)
  if (!chosen.ok)
    throw new ApiError(400, `Bad query parameter: series: ${chosen.issue.message}`, { issues: [chosen.issue] })
  const { surveyVersions, ...shown } = chosen.choice
  return { filter: { ...filter, surveyVersions }, shown }
}

/**
 * The case-mix fit over the same rows as the scores (undefined when the programme has the adjustment off).
 * Levels with fewer answers than minGroup get no coefficient of their own (domain/case-mix.ts).
 */
async function caseMixFor(facts: FactSource, programme: Programme, filter: PeriodFilter) {
  if (!programme.caseMix) return undefined
  return fitCaseMix(await caseMixCells(facts, filter), programme.publication.minGroup)
}

/** Scores of every provider; the caller decides which rows and figures an audience gets. */
export async function scoresFor(deps: Deps, programme: Programme, q: ScoresQuery, audience: Audience) {
  const period = periodFilter(programme, q, null, audience, deps.now)
  const variant = audience === 'procurer' ? 'all' : 'released'
  const facts = await factsFor(deps.db, programme, period, kindsFor(programme, 'scores', variant), deps.now())
  const { filter, shown } = await seriesFilter(deps.db, facts, period, q)
  const [sums, caseMix, pairs] = await Promise.all([
    providerSums(facts, filter),
    caseMixFor(facts, programme, filter),
    changeFacts(facts, filter),
  ])
  const table = scoreTable(sums, programme.publication, audience, caseMix)
  // The change from intake to exit is shown where the provider's own index is (mean not hidden).
  const indexShown = new Set(table.providers.filter((r) => r.qualityIndex.mean !== null).map((r) => r.providerId))
  const change = changeByProvider(
    sums.map((s) => s.providerId),
    pairs.sums,
    pairs.items,
    { intakeOn: programme.intakeWindowDays !== null, audience, publication: programme.publication },
    (id) => indexShown.has(id),
  )
  // Every figure says who handed out the links its answers came through (provider custody is weaker).
  const linkCustody = programme.linkCustody
  return {
    programmeId: programme.id,
    period: { from: filter.from, to: filter.to },
    customerType: filter.customerType,
    ...shown,
    linkCustody,
    ...table,
    providers: table.providers.map((row) => ({ ...row, linkCustody, change: change.get(row.providerId) ?? null })),
  }
}

/** AAPOR outcomes and rates, days to answer, representativeness, flags and item statistics. */
export async function diagnosticsFor(deps: Deps, programme: Programme, q: ScoresQuery, own: string | null) {
  const { db } = deps
  const audience = audienceOf(own)
  const period = periodFilter(programme, q, null, audience, deps.now)
  const procurer = audience === 'procurer'
  const facts = await factsFor(
    db,
    programme,
    period,
    kindsFor(programme, 'diagnostics', procurer ? 'all' : 'released'),
    deps.now(),
  )
  const { filter, shown } = await seriesFilter(db, facts, period, q)
  // Programme-wide figures (median provider rate, item benchmarks) need every provider's rows;
  // only the provider's own rows leave the Worker for a provider key. Single invitations' steps
  // (outcome facts, cells, weeks) are read for procurer keys only. One aggregate after another: the fact rows
  // of a kind are added up before the next kind's are made (the buckets are one query either way).
  const sums = await providerSums(facts, filter)
  const outcomes = procurer ? await outcomeFacts(facts, filter) : []
  const days = await daysToAnswer(facts, filter)
  const cells = procurer ? await responseCells(facts, filter) : []
  const integrity = await integrityCounts(facts, filter)
  const weeks = procurer ? await weeklyFunnel(facts, filter) : []
  const months = await monthlyCounts(facts, filter)
  const counts = await itemCounts(facts, filter)
  const versions = await versionSums(facts, filter)
  const caseMix = await caseMixFor(facts, programme, filter)
  const intake = await intakeCounts(facts, filter)
  const followUps = await followUpFacts(facts, filter)
  const result = diagnostics(
    {
      providers: sums.map((s) => ({ providerId: s.providerId, name: s.name })),
      outcomes,
      days,
      cells,
      integrity,
      weeks,
      months,
      itemCounts: counts,
      versions: versions.versions,
      itemSums: versions.items,
    },
    programme.publication,
    audience,
    own,
  )
  return {
    programmeId: programme.id,
    period: { from: filter.from, to: filter.to },
    ...shown,
    ...result,
    ...(caseMix === undefined ? {} : { caseMix: caseMixShown(caseMix, sums, programme, audience) }),
    intake: intakeShown(programme, sums, intake, audience, own),
    // The follow-up wave's own rates, apart from the exit survey's (which alone feed scores and fees)
    followUp: followUpRates(followUps, sums, programme.publication.minGroup, audience, own),
  }
}

/**
 * Intake response rates per provider (a provider key its own only); null when the programme has no intake wave
 * and never sent an intake invitation in the period.
 */
function intakeShown(
  programme: Programme,
  sums: ProviderSums[],
  counts: Awaited<ReturnType<typeof intakeCounts>>,
  audience: Audience,
  own: string | null,
) {
  if (programme.intakeWindowDays === null && counts.length === 0) return null
  const ids = sums.map((s) => s.providerId).filter((id) => own === null || id === own)
  return intakeRates(ids, counts, audience, programme.publication.minGroup)
}

/** The coefficients are programme figures: hidden from providers where the programme's own figures are. */
function caseMixShown(fit: CaseMixFit | null, sums: ProviderSums[], programme: Programme, audience: Audience) {
  const answers = sums.map((s) => s.n)
  return mayShowProgrammeFigures(answers, programme.publication, audience) ? caseMixReport(fit) : null
}

/** Every free-text question of the survey versions the programme's invitations use (from the compiled surveys). */
async function freeTextQuestions(db: D1Database, programmeId: string): Promise<string[]> {
  const versions = await invitedSurveyVersions(db, programmeId)
  const { publishedRuntime } = await import('../surveys/published.ts') // survey-core: loaded on first use
  const runtimes = await Promise.all(versions.map((v) => publishedRuntime(db, v.surveyId, v.version)))
  const names = runtimes.flatMap((r) => [...r!.questions.values()].filter((q) => q.domain.kind === 'text'))
  return [...new Set(names.map((q) => q.name))]
}

/** Free-text answers per provider under the small-group rules of the audience. */
export async function commentsFor(deps: Deps, programme: Programme, q: CommentsQuery, own: string | null) {
  const audience = audienceOf(own)
  const filter = periodFilter(programme, q, own, audience, deps.now)
  const textQuestions = await freeTextQuestions(deps.db, programme.id)
  const facts = await factsFor(deps.db, programme, filter, ['clients', 'sums'], deps.now())
  const [rows, sums] = await Promise.all([comments(deps.db, filter, textQuestions), providerSums(facts, filter)])
  const minGroup = programme.publication.minGroup
  // A comment can identify its writer: none carries a date, an episode or a position in time. The procurer
  // sees none of a provider with fewer than minGroup answers; a provider key only released comments of
  // months (and customer types) where at least minGroup respondents commented, in random order.
  return {
    programmeId: programme.id,
    period: { from: filter.from, to: filter.to },
    providers: sums.map((p) => {
      const ofProvider = rows.filter((r) => r.providerId === p.providerId)
      const list =
        audience === 'procurer'
          ? suppress(
              ofProvider.map(({ question, text }) => ({ question, text })),
              p.completed,
              minGroup,
            )
          : commentsForProvider(ofProvider, minGroup, Math.random)
      return {
        providerId: p.providerId,
        name: p.name,
        responses: p.completed,
        suppressed: list === null || (list.length === 0 && p.completed > 0),
        comments: list ?? [],
      }
    }),
  }
}
