// The ministry's view: every programme that invited with a survey's series in a period, side by side, each with
// exactly the figures its public ratings give (scoresFor with the 'public' audience: release rule, small groups,
// publication thresholds), plus a programme-level R-indicator where the public sees the programme's own figures.
import { listProgrammes, type Programme } from '../db/programmes.ts'
import { responseCells } from '../db/scores.ts'
import { seriesMap } from '../db/survey-series.ts'
import { getSurvey } from '../db/surveys.ts'
import { resolvePeriodQuery } from '../domain/periods.ts'
import { releaseGroup } from '../domain/release.ts'
import { cellKey, type ResponseCell, rIndicator } from '../domain/representativeness.ts'
import { mayShowProgrammeFigures } from '../domain/scores.ts'
import { ApiError } from '../http/errors.ts'
import { SURVEY_REF_PATTERN } from '../schemas/common.ts'
import type { NationalComparisonQuery } from '../schemas/national.ts'
import type { ScoresQuery } from '../schemas/scores.ts'
import type { Deps } from './deps.ts'
import { factsFor } from './facts.ts'
import { scoresFor } from './programme-reads.ts'

type Interval = [number, number] | null

export type NationalProvider = {
  providerId: string
  name: string
  publication: string
  published: boolean
  invited: number
  responses: number
  responseRate: number | null
  qualityIndex: { mean: number | null; ci95: Interval; shrunk: number | null; shrunkCi95: Interval }
  stars: number | null
}

export type NationalRIndicator = { r: number; interval: Interval }

export type NationalProgramme = {
  id: string
  name: string
  region: string
  minResponses: number
  linkCustody: string
  /** Other surveys' series whose answers the programme's public table pools with this one (same customer type). */
  otherSurveys: string[]
  programme: {
    providers: number
    invited: number
    responses: number
    responseRate: number | null
    qualityIndex: { mean: number | null; ci95: Interval }
    /** Whether the clients who answered resemble all invited (1: evenly); null where the public sees no programme figure. */
    rIndicator: NationalRIndicator | null
  }
  providers: NationalProvider[]
}

/** The survey named, its series and the versions in it; 404 for a survey never published. */
async function seriesOf(db: D1Database, ref: string) {
  const [, surveyId, versionText] = SURVEY_REF_PATTERN.exec(ref)!
  const survey = await getSurvey(db, surveyId)
  const map = survey ? await seriesMap(db, [surveyId]) : []
  if (!survey || map.length === 0) throw new ApiError(404, `No published survey ${surveyId}`)
  const named = versionText === undefined ? map[map.length - 1] : map.find((r) => r.version === Number(versionText))
  if (!named) {
    const message = `${ref} is not a published survey version`
    throw new ApiError(400, `Bad query parameter: survey: ${message}`, { issues: [{ path: 'survey', message }] })
  }
  const versions = map.filter((r) => r.series === named.series).map((r) => r.version)
  return { id: survey.id, title: survey.title, customerType: survey.customerType, from: named.series, versions }
}

const round2 = (x: number) => Math.round(x * 100) / 100

/**
 * The programme's R-indicator for the public eye: cells summed over providers (no provider's own R: a provider's
 * cells of a few invitations would show single clients' answers), cells under minGroup invitations pooled into one
 * before the usual pooling, and R and its interval rounded to two decimals. docs/METHODS.md, "National comparison".
 */
export function publicRIndicator(cells: readonly ResponseCell[], minGroup: number): NationalRIndicator | null {
  const byKey = new Map<string, ResponseCell>()
  for (const c of cells) {
    const k = cellKey(c)
    const sum = byKey.get(k) ?? { ...c, invited: 0, responded: 0 }
    sum.invited += c.invited
    sum.responded += c.responded
    byKey.set(k, sum)
  }
  const other: ResponseCell = {
    customerType: 'other',
    serviceType: null,
    riskClass: null,
    language: 'other',
    invited: 0,
    responded: 0,
  }
  const pooled: ResponseCell[] = []
  for (const c of byKey.values()) {
    if (c.invited >= minGroup) pooled.push(c)
    else {
      other.invited += c.invited
      other.responded += c.responded
    }
  }
  if (other.invited > 0) pooled.push(other)
  const indicator = rIndicator(pooled)
  if (indicator.r === null) return null
  return {
    r: round2(indicator.r),
    interval: indicator.interval === null ? null : [round2(indicator.interval.low), round2(indicator.interval.high)],
  }
}

async function programmeComparison(
  deps: Deps,
  programme: Programme,
  query: ScoresQuery,
  series: { id: string; from: number },
): Promise<NationalProgramme | null> {
  const table = await scoresFor(deps, programme, query, 'public')
  const shown = table.series.find((s) => s.surveyId === series.id && s.from === series.from)
  if (!shown || shown.invited === 0) return null
  const publication = programme.publication
  const showProgramme = mayShowProgrammeFigures(
    table.providers.map((p) => p.responses),
    publication,
    'public',
  )
  const cellsFilter = {
    programmeId: programme.id,
    from: table.period.from,
    to: table.period.to,
    customerType: table.customerType,
    providerId: null,
    // Released answers only, as every public figure: a withheld answer moves no R-indicator.
    releaseGroup: releaseGroup('public', programme.publication.minGroup),
    surveyVersions: table.series.flatMap((s) => s.versions.map((v) => `${s.surveyId}@${v}`)),
  }
  const cells = showProgramme
    ? await responseCells(await factsFor(deps.db, programme, cellsFilter, ['cells'], deps.now()), cellsFilter)
    : []
  const p = table.programme
  return {
    id: programme.id,
    name: programme.name,
    region: programme.region,
    minResponses: publication.minResponses,
    linkCustody: table.linkCustody,
    otherSurveys: table.series.filter((s) => s.surveyId !== series.id && s.invited > 0).map((s) => s.surveyId),
    programme: {
      providers: p.providers,
      invited: p.invited,
      responses: p.responses,
      responseRate: p.responseRate,
      qualityIndex: { mean: p.qualityIndex.mean, ci95: p.qualityIndex.ci95 },
      rIndicator: showProgramme ? publicRIndicator(cells, publication.minGroup) : null,
    },
    providers: table.providers.map((r) => ({
      providerId: r.providerId,
      name: r.name,
      publication: r.publication,
      published: r.published,
      invited: r.invited,
      responses: r.responses,
      responseRate: r.responseRate,
      qualityIndex: {
        mean: r.qualityIndex.mean,
        ci95: r.qualityIndex.ci95,
        shrunk: r.qualityIndex.shrunk,
        shrunkCi95: r.qualityIndex.shrunkCi95,
      },
      stars: r.stars,
    })),
  }
}

/** Every programme that invited with the survey's series in the period, by region and name. */
export async function nationalComparison(deps: Deps, q: NationalComparisonQuery) {
  const series = await seriesOf(deps.db, q.survey)
  const resolved = resolvePeriodQuery({ period: q.period }, deps.now().slice(0, 10), true)
  if (!resolved.ok)
    throw new ApiError(400, `Bad query parameter: ${resolved.issue.path}: ${resolved.issue.message}`, {
      issues: [resolved.issue],
    })
  // The same query the public ratings take: the survey's customer type and its series, named by the first version.
  const query: ScoresQuery = {
    period: q.period,
    customerType: series.customerType,
    series: `${series.id}@${series.from}`,
  }
  const programmes = await listProgrammes(deps.db, null)
  const rows = await Promise.all(programmes.map((p) => programmeComparison(deps, p, query, series)))
  return {
    survey: series,
    period: resolved.range,
    programmes: rows
      .filter((r): r is NationalProgramme => r !== null)
      .sort((a, b) => a.region.localeCompare(b.region, 'fi') || a.name.localeCompare(b.name, 'fi')),
  }
}
