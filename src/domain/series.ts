// Survey series: the versions of a survey whose scores pool (docs/METHODS.md, "Survey series"). A version
// marked comparableTo an earlier one continues that version's series; any other version starts its own.
// Every score table shows one series per survey: by default the series of the latest version with
// completed responses in the period (with none answered, the latest version invited), or the one asked for.
import type { FieldIssue } from './issues.ts'

/** One published version and the first version of its series (survey_versions.series). */
export type SeriesMapRow = { surveyId: string; version: number; series: number }

/** The exit invitations of the period per survey version, and how many of them the caller may count as answered. */
export type SeriesCensusRow = { surveyId: string; version: number; invited: number; answers: number }

/** A survey version named in the query, `cx-company@2`: the series it belongs to. */
export type SeriesRequest = { surveyId: string; version: number }

/** A series of one survey: its first version, every published version in it, and its counts in the period. */
export type SeriesShown = { surveyId: string; from: number; versions: number[]; invited: number; answers: number }

export type SeriesChoice = {
  /** The series each survey's figures come from, one per survey, by survey id. */
  series: SeriesShown[]
  /** Every other series with invitations in the period: left out of every figure, never pooled. */
  otherSeries: SeriesShown[]
  /** The versions ("id@version") whose invitations the figures count. */
  surveyVersions: string[]
}

export const SERIES_PATTERN = /^[a-z0-9-]{2,60}@[1-9][0-9]{0,5}(,[a-z0-9-]{2,60}@[1-9][0-9]{0,5})*$/

/** `cx-company@2,cx-jobseeker@1` as requests (the format is checked by the query schema). */
export function parseSeriesParam(value: string | undefined): SeriesRequest[] {
  if (!value) return []
  return value.split(',').map((part) => {
    const at = part.lastIndexOf('@')
    return { surveyId: part.slice(0, at), version: Number(part.slice(at + 1)) }
  })
}

const key = (surveyId: string, version: number) => `${surveyId}@${version}`

/**
 * The series each survey shows. `map` holds the published versions of the surveys in the census and the
 * request; a version missing from it (never published as a row) is a series of its own. A request naming an
 * unknown version or one survey twice is an issue on `series`.
 */
export function chooseSeries(
  map: readonly SeriesMapRow[],
  census: readonly SeriesCensusRow[],
  requested: readonly SeriesRequest[],
): { ok: true; choice: SeriesChoice } | { ok: false; issue: FieldIssue } {
  const seriesOf = new Map(map.map((r) => [key(r.surveyId, r.version), r.series]))
  for (const [k, r] of requested.entries()) {
    if (!seriesOf.has(key(r.surveyId, r.version)))
      return issue(`${key(r.surveyId, r.version)} is not a published survey version`)
    if (requested.findIndex((o) => o.surveyId === r.surveyId) !== k) return issue(`names ${r.surveyId} twice`)
  }
  const firstOf = (surveyId: string, version: number) => seriesOf.get(key(surveyId, version)) ?? version
  // Every series met, keyed by survey and first version, with its versions and counts.
  const all = new Map<string, SeriesShown>()
  const entry = (surveyId: string, from: number) => {
    const k = key(surveyId, from)
    let s = all.get(k)
    if (!s) {
      s = { surveyId, from, versions: [], invited: 0, answers: 0 }
      all.set(k, s)
    }
    return s
  }
  for (const r of map) entry(r.surveyId, r.series).versions.push(r.version)
  for (const c of census) {
    const s = entry(c.surveyId, firstOf(c.surveyId, c.version))
    if (!s.versions.includes(c.version)) s.versions.push(c.version)
    s.invited += c.invited
    s.answers += c.answers
  }
  const chosen = new Map<string, number>()
  for (const r of requested) chosen.set(r.surveyId, firstOf(r.surveyId, r.version))
  // The default: the latest version answered, or with none of the survey answered the latest version invited.
  for (const surveyId of new Set(census.map((c) => c.surveyId))) {
    if (chosen.has(surveyId)) continue
    const rows = census.filter((c) => c.surveyId === surveyId)
    const answered = rows.filter((c) => c.answers > 0)
    const latest = Math.max(...(answered.length > 0 ? answered : rows).map((c) => c.version))
    chosen.set(surveyId, firstOf(surveyId, latest))
  }
  const sorted = [...all.values()]
    .map((s) => ({ ...s, versions: [...s.versions].sort((a, b) => a - b) }))
    .sort((a, b) => a.surveyId.localeCompare(b.surveyId) || a.from - b.from)
  const series = sorted.filter((s) => chosen.get(s.surveyId) === s.from)
  const otherSeries = sorted.filter((s) => chosen.get(s.surveyId) !== s.from && s.invited > 0)
  return {
    ok: true,
    choice: { series, otherSeries, surveyVersions: series.flatMap((s) => s.versions.map((v) => key(s.surveyId, v))) },
  }
}

function issue(message: string): { ok: false; issue: FieldIssue } {
  return { ok: false, issue: { path: 'series', message } }
}
