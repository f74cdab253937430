// SQL aggregates behind the scores, ratings and diagnostics. Every query groups inside D1 and returns a
// handful of rows per provider, never one row per response, so cost grows with the rows scanned only.
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
import { MIN_SECONDS_PER_ITEM, SOON_AFTER_REGISTRATION_MINUTES } from '../domain/integrity-flags.ts'
import type { ScoreSums } from '../domain/scores.ts'
import type { SeriesCensusRow } from '../domain/series.ts'
import { changePairs } from './change-pairs.ts'

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

// Confirmed episodes of the programme ending in the period, optionally of one customer type and provider
// (a pending or rejected episode counts in no score, rate or fee).
const inPeriod = `e.programme_id = ?1 AND e.status = 'confirmed' AND e.ended_on >= ?2 AND e.ended_on <= ?3
  AND (?4 IS NULL OR e.customer_type = ?4) AND (?5 IS NULL OR e.provider_id = ?5)`
// An exit invitation (alias i) of the series shown: ?7 is the JSON array of its versions, or NULL for all.
const inSeries = `(?7 IS NULL OR i.survey_id || '@' || i.survey_version IN (SELECT value FROM json_each(?7)))`
const seriesParam = (f: PeriodFilter) => (f.surveyVersions ? JSON.stringify(f.surveyVersions) : null)
const bindPeriod = (s: D1PreparedStatement, f: PeriodFilter, ...more: unknown[]) =>
  s.bind(f.programmeId, f.from, f.to, f.customerType, f.providerId, f.releaseGroup ?? 1, seriesParam(f), ...more)
/** For the figures only procurer keys get (single invitations' steps and timing): no release rule applies (?6 unused). */
function bindUnreleased(s: D1PreparedStatement, f: PeriodFilter): D1PreparedStatement {
  if ((f.releaseGroup ?? 1) > 1) throw new Error('this aggregate is for procurer keys only (no release rule)')
  return s.bind(f.programmeId, f.from, f.to, f.customerType, f.providerId, 1, seriesParam(f))
}

// The atomic bucket of the release rule: provider, calendar month of the episode's end, customer type and
// survey version (the item statistics split by version, the score tables by series, a union of versions). Whole months of the period are
// ranked whatever the period's ends, so a bucket is never cut in two. With ?6 = 1 the CTEs are empty at
// once (a constant false condition) and the filters below let every row through.
const bucketMonths = `e.programme_id = ?1 AND e.status = 'confirmed' AND e.ended_on >= substr(?2, 1, 7) || '-01' AND e.ended_on <= substr(?3, 1, 7) || '-31'`
const bucket = 'e.provider_id, substr(e.ended_on, 1, 7), e.customer_type'

/**
 * The rows of `from` released in whole groups of ?6: within each bucket and survey version (of the invitation or
 * response `v`), in `order`, the first floor(n / ?6) * ?6. Empty at once with ?6 = 1.
 */
const wholeGroups = (name: string, id: string, v: string, order: string, from: string, where: string) => `${name} AS (
    SELECT id FROM (
      SELECT ${id} AS id,
        ROW_NUMBER() OVER (PARTITION BY ${bucket}, ${v}.survey_id, ${v}.survey_version ORDER BY ${order}) AS pos,
        COUNT(*) OVER (PARTITION BY ${bucket}, ${v}.survey_id, ${v}.survey_version) AS size
      FROM ${from}
      WHERE ?6 > 1 AND ${bucketMonths}${where})
    WHERE pos <= size - size % ?6)`

const exitInvitations = `episodes e JOIN invitations i ON i.episode_id = e.id AND i.wave = 'exit'`
/**
 * Completed responses released to provider keys and the public: within each bucket, in order of completion
 * (then invitation id), the first floor(n / ?6) * ?6. Declines the same way, in order of declining.
 */
const releasedCtes = `${wholeGroups(
  'released',
  'r.invitation_id',
  'r',
  'r.completed_at, r.invitation_id',
  `${exitInvitations} JOIN responses r ON r.invitation_id = i.id AND r.completed = 1`,
  '',
)},
  ${wholeGroups('released_declines', 'i.id', 'i', 'i.declined_at, i.id', exitInvitations, " AND i.status = 'declined'")}`
/** A completed response (by invitation id) that the caller may count. */
const releasedResponse = (invitationId: string) => `(?6 = 1 OR ${invitationId} IN (SELECT id FROM released))`
/** A decline (by invitation id) that the caller may count. */
const releasedDecline = (invitationId: string) => `(?6 = 1 OR ${invitationId} IN (SELECT id FROM released_declines))`

/**
 * A completed response that counts as a completion (AAPOR I): at least half of its scored items answered on
 * the scale, as classifyInvitation and a quality index need. Fewer is a break-off (R) and counts in no rate.
 */
export const COUNTED_COMPLETION = 'r.scored_answered * 2 >= r.scored_total'

/**
 * One row per provider: what the score table is built from. clients: the confirmed episodes of the period
 * whose exit invitation is of the series shown, and those not invited (yet); an episode invited with
 * another series counts in that series' table only.
 */
export type ProviderSums = ScoreSums

export async function providerSums(db: D1Database, f: PeriodFilter): Promise<ProviderSums[]> {
  const { results } = await db
    .prepare(
      `WITH ${releasedCtes}
       SELECT pr.id AS providerId, pr.name AS name,
         COUNT(CASE WHEN i.id IS NOT NULL OR NOT EXISTS (SELECT 1 FROM invitations x WHERE x.episode_id = e.id AND x.wave = 'exit') THEN e.id END) AS clients,
         COUNT(i.id) AS invited,
         COUNT(CASE WHEN ${COUNTED_COMPLETION} THEN 1 END) AS completed,
         COUNT(r.quality_index) AS n, COALESCE(SUM(r.quality_index), 0) AS sum,
         COALESCE(SUM(r.quality_index * r.quality_index), 0) AS sumOfSquares,
         COALESCE(SUM(r.quality_index IS NOT NULL AND r.all_top = 1), 0) AS topBox,
         COALESCE(SUM(r.scored_answered + r.cannot_say), 0) AS itemAnswers,
         COALESCE(SUM(r.cannot_say), 0) AS cannotSay
       FROM providers pr
       LEFT JOIN episodes e ON e.provider_id = pr.id AND ${inPeriod}
       LEFT JOIN invitations i ON i.episode_id = e.id AND i.wave = 'exit' AND ${inSeries}
       LEFT JOIN responses r ON r.invitation_id = i.id AND r.completed = 1 AND ${releasedResponse('r.invitation_id')}
       WHERE pr.programme_id = ?1 AND (?5 IS NULL OR pr.id = ?5)
       GROUP BY pr.id ORDER BY pr.name, pr.id`,
    )
    .bind(f.programmeId, f.from, f.to, f.customerType, f.providerId, f.releaseGroup ?? 1, seriesParam(f))
    .all<ProviderSums>()
  return results
}

/**
 * Per survey version: the exit invitations of the period the filter admits, and their completed responses
 * the caller may count (released ones with a release group). What the series of a table is chosen from.
 */
export async function seriesCensus(db: D1Database, f: PeriodFilter): Promise<SeriesCensusRow[]> {
  const { results } = await bindPeriod(
    db.prepare(
      `WITH ${releasedCtes}
       SELECT i.survey_id AS surveyId, i.survey_version AS version, COUNT(*) AS invited,
         COUNT(CASE WHEN r.invitation_id IS NOT NULL AND ${releasedResponse('r.invitation_id')} THEN 1 END) AS answers
       FROM episodes e JOIN invitations i ON i.episode_id = e.id AND i.wave = 'exit'
       LEFT JOIN responses r ON r.invitation_id = i.id AND r.completed = 1
       WHERE ${inPeriod} AND ${inSeries}
       GROUP BY 1, 2`,
    ),
    f,
  ).all<SeriesCensusRow>()
  return results
}

/** Invitations grouped by the facts that decide their AAPOR outcome (the domain does the deciding). */
export async function outcomeFacts(db: D1Database, f: PeriodFilter): Promise<OutcomeFacts[]> {
  const { results } = await bindUnreleased(
    db.prepare(
      `SELECT e.provider_id AS providerId, i.status AS status, i.opened_at IS NOT NULL AS opened,
         i.started_at IS NOT NULL AS answeredAny, COALESCE(r.scored_answered, 0) AS scoredAnswered,
         COALESCE(r.scored_total, 0) AS scoredTotal, COUNT(*) AS count
       FROM episodes e JOIN invitations i ON i.episode_id = e.id AND i.wave = 'exit'
       LEFT JOIN responses r ON r.invitation_id = i.id
       WHERE ${inPeriod} AND ${inSeries}
       GROUP BY 1, 2, 3, 4, 5, 6`,
    ),
    f,
  ).all<OutcomeFacts>()
  return results
}

/**
 * Follow-up invitations (wave 'followup') of episodes ending in the period, grouped by the facts that decide
 * their AAPOR outcome: the follow-up's own rates, which never mix with the exit wave's. A follow-up has no scored
 * items, so only its status and whether it was opened or answered matter. No release rule: the counts say
 * nothing about any answer (domain/follow-up-rates.ts hides a provider's small groups from provider keys).
 */
export async function followUpFacts(db: D1Database, f: PeriodFilter): Promise<OutcomeFacts[]> {
  const { results } = await db
    .prepare(
      `SELECT e.provider_id AS providerId, i.status AS status, i.opened_at IS NOT NULL AS opened,
         i.started_at IS NOT NULL AS answeredAny, 0 AS scoredAnswered, 0 AS scoredTotal, COUNT(*) AS count
       FROM episodes e JOIN invitations i ON i.episode_id = e.id AND i.wave = 'followup'
       WHERE ${inPeriod}
       GROUP BY 1, 2, 3, 4`,
    )
    .bind(f.programmeId, f.from, f.to, f.customerType, f.providerId)
    .all<OutcomeFacts>()
  return results
}

/** Completions per provider by whole days from service end to answer. */
export async function daysToAnswer(
  db: D1Database,
  f: PeriodFilter,
): Promise<Array<{ providerId: string; days: number; count: number }>> {
  const { results } = await bindPeriod(
    db.prepare(
      `WITH ${releasedCtes}
       SELECT e.provider_id AS providerId,
         CAST(julianday(substr(i.completed_at, 1, 10)) - julianday(e.ended_on) AS INTEGER) AS days, COUNT(*) AS count
       FROM episodes e JOIN invitations i ON i.episode_id = e.id AND i.wave = 'exit'
       WHERE ${inPeriod} AND ${inSeries} AND i.status = 'completed' AND ${releasedResponse('i.id')}
       GROUP BY 1, 2`,
    ),
    f,
  ).all<{ providerId: string; days: number; count: number }>()
  return results
}

/** Scored completions per provider and respondent background (days to answer included), for the case-mix fit. */
export async function caseMixCells(db: D1Database, f: PeriodFilter): Promise<CaseMixCell[]> {
  const { results } = await bindPeriod(
    db.prepare(
      `WITH ${releasedCtes}
       SELECT e.provider_id AS providerId, e.customer_type AS customerType, e.service_type AS serviceType,
         e.risk_class AS riskClass, e.language AS language,
         CAST(julianday(substr(i.completed_at, 1, 10)) - julianday(e.ended_on) AS INTEGER) AS daysToAnswer,
         COUNT(*) AS n, SUM(r.quality_index) AS sum, SUM(r.quality_index * r.quality_index) AS sumOfSquares
       FROM episodes e JOIN invitations i ON i.episode_id = e.id AND i.wave = 'exit'
       JOIN responses r ON r.invitation_id = i.id AND r.completed = 1 AND r.quality_index IS NOT NULL
       WHERE ${inPeriod} AND ${inSeries} AND ${releasedResponse('r.invitation_id')}
       GROUP BY 1, 2, 3, 4, 5, 6`,
    ),
    f,
  ).all<CaseMixCell>()
  return results
}

/** Invitations and counted completions (break-offs are not) per respondent-background cell, for the R-indicator and mix tables. */
export async function responseCells(db: D1Database, f: PeriodFilter): Promise<ResponseCell[]> {
  const { results } = await bindUnreleased(
    db.prepare(
      `SELECT e.provider_id AS providerId, e.customer_type AS customerType, e.service_type AS serviceType,
         e.risk_class AS riskClass, e.language AS language, COUNT(*) AS invited,
         COUNT(CASE WHEN ${COUNTED_COMPLETION} THEN 1 END) AS responded
       FROM episodes e JOIN invitations i ON i.episode_id = e.id AND i.wave = 'exit'
       LEFT JOIN responses r ON r.invitation_id = i.id AND r.completed = 1
       WHERE ${inPeriod} AND ${inSeries}
       GROUP BY 1, 2, 3, 4, 5`,
    ),
    f,
  ).all<ResponseCell>()
  return results
}

export async function integrityCounts(db: D1Database, f: PeriodFilter): Promise<IntegrityCounts[]> {
  const { results } = await bindPeriod(
    db.prepare(
      `WITH ${releasedCtes},
       done AS (
         SELECT e.provider_id, e.created_at, i.completed_at, COALESCE(i.opened_at, i.started_at) AS began,
           r.scored_total, r.scored_answered, r.straight_line, r.net_hash, r.cannot_say
         FROM episodes e JOIN invitations i ON i.episode_id = e.id AND i.wave = 'exit'
         JOIN responses r ON r.invitation_id = i.id AND r.completed = 1
         WHERE ${inPeriod} AND ${inSeries} AND ${releasedResponse('r.invitation_id')}),
       nets AS (
         SELECT provider_id, MAX(c) AS largest FROM
           (SELECT provider_id, net_hash, COUNT(*) AS c FROM done WHERE net_hash IS NOT NULL GROUP BY 1, 2)
         GROUP BY 1),
       agg AS (
         SELECT d.provider_id, COUNT(*) AS completions,
           SUM((julianday(d.completed_at) - julianday(d.created_at)) * 1440 <= ?8) AS completedSoonAfterRegistration,
           SUM((julianday(d.completed_at) - julianday(d.began)) * 86400 < ?9 * d.scored_total) AS completedTooFast,
           SUM(d.straight_line) AS straightLined, COALESCE(MAX(n.largest), 0) AS largestNetworkGroup,
           SUM(d.scored_answered + d.cannot_say) AS itemAnswers, SUM(d.cannot_say) AS cannotSay
         FROM done d LEFT JOIN nets n ON n.provider_id = d.provider_id
         GROUP BY d.provider_id),
       -- links replaced: every re-issue of the provider's invitations, whoever asked for it
       links AS (
         SELECT e.provider_id, COUNT(*) AS invited, SUM(i.reissues) AS reissued
         FROM episodes e JOIN invitations i ON i.episode_id = e.id AND i.wave = 'exit' WHERE ${inPeriod} AND ${inSeries}
         GROUP BY e.provider_id)
       SELECT l.provider_id AS providerId, COALESCE(a.completions, 0) AS completions,
         COALESCE(a.completedSoonAfterRegistration, 0) AS completedSoonAfterRegistration,
         COALESCE(a.completedTooFast, 0) AS completedTooFast, COALESCE(a.straightLined, 0) AS straightLined,
         COALESCE(a.largestNetworkGroup, 0) AS largestNetworkGroup, l.invited, l.reissued,
         COALESCE(a.itemAnswers, 0) AS itemAnswers, COALESCE(a.cannotSay, 0) AS cannotSay
       FROM links l LEFT JOIN agg a ON a.provider_id = l.provider_id`,
    ),
    f,
    SOON_AFTER_REGISTRATION_MINUTES,
    MIN_SECONDS_PER_ITEM,
  ).all<IntegrityCounts>()
  return results
}

/** Answer counts per provider, survey version, item and position, over completed responses. */
export async function itemCounts(db: D1Database, f: PeriodFilter): Promise<ItemCount[]> {
  const { results } = await bindPeriod(
    db.prepare(
      `WITH ${releasedCtes}
       SELECT e.provider_id AS providerId, r.survey_id AS surveyId, r.survey_version AS surveyVersion, ri.item AS item,
         ri.points AS points, ri.position AS position, COUNT(*) AS count
       FROM episodes e JOIN invitations i ON i.episode_id = e.id AND i.wave = 'exit'
       JOIN responses r ON r.invitation_id = i.id AND r.completed = 1
       JOIN response_items ri ON ri.invitation_id = r.invitation_id
       WHERE ${inPeriod} AND ${inSeries} AND ${releasedResponse('r.invitation_id')}
       GROUP BY 1, 2, 3, 4, 5, 6`,
    ),
    f,
  ).all<ItemCount>()
  return results
}

/**
 * Per provider and survey version: completed responses, and over the complete cases (every scored item answered on
 * the scale) the sums Cronbach's alpha needs. A complete case's total of item scores is K x its index.
 */
export async function versionSums(
  db: D1Database,
  f: PeriodFilter,
): Promise<{ versions: VersionSums[]; items: ItemSums[] }> {
  const [versions, items] = await db.batch([
    bindPeriod(
      db.prepare(
        `WITH ${releasedCtes}
         SELECT e.provider_id AS providerId, r.survey_id AS surveyId, r.survey_version AS surveyVersion, COUNT(*) AS completed,
           SUM(r.scored_answered = r.scored_total) AS completeCases,
           COALESCE(SUM(CASE WHEN r.scored_answered = r.scored_total THEN r.quality_index END), 0) AS indexSum,
           COALESCE(SUM(CASE WHEN r.scored_answered = r.scored_total THEN r.quality_index * r.quality_index END), 0) AS indexSumOfSquares,
           MAX(r.scored_total) AS scoredTotal
         FROM episodes e JOIN invitations i ON i.episode_id = e.id AND i.wave = 'exit'
         JOIN responses r ON r.invitation_id = i.id AND r.completed = 1
         WHERE ${inPeriod} AND ${inSeries} AND ${releasedResponse('r.invitation_id')}
         GROUP BY 1, 2, 3`,
      ),
      f,
    ),
    bindPeriod(
      db.prepare(
        `WITH ${releasedCtes}
         SELECT e.provider_id AS providerId, r.survey_id AS surveyId, r.survey_version AS surveyVersion, ri.item AS item,
           SUM((ri.position - 1) * 100.0 / (ri.points - 1)) AS sum,
           SUM(((ri.position - 1) * 100.0 / (ri.points - 1)) * ((ri.position - 1) * 100.0 / (ri.points - 1))) AS sumOfSquares
         FROM episodes e JOIN invitations i ON i.episode_id = e.id AND i.wave = 'exit'
         JOIN responses r ON r.invitation_id = i.id AND r.completed = 1 AND r.scored_answered = r.scored_total
         JOIN response_items ri ON ri.invitation_id = r.invitation_id
         WHERE ${inPeriod} AND ${inSeries} AND ${releasedResponse('r.invitation_id')}
         GROUP BY 1, 2, 3, 4`,
      ),
      f,
    ),
  ])
  return { versions: versions.results as VersionSums[], items: items.results as ItemSums[] }
}

/** The invitation funnel per week of service end (weeks start on Monday). */
export async function weeklyFunnel(db: D1Database, f: PeriodFilter): Promise<FunnelWeek[]> {
  const { results } = await bindUnreleased(
    db.prepare(
      `SELECT date(e.ended_on, 'weekday 0', '-6 days') AS weekStart, COUNT(*) AS invited,
         SUM(i.opened_at IS NOT NULL) AS opened, SUM(i.started_at IS NOT NULL) AS started,
         SUM(i.status = 'completed') AS completed, SUM(i.status = 'declined') AS declined
       FROM episodes e JOIN invitations i ON i.episode_id = e.id AND i.wave = 'exit'
       WHERE ${inPeriod} AND ${inSeries}
       GROUP BY 1 ORDER BY 1`,
    ),
    f,
  ).all<FunnelWeek>()
  return results
}

/** Invitations, completions and declines per provider and month of service end (released ones, with a release group). */
export async function monthlyCounts(db: D1Database, f: PeriodFilter): Promise<MonthCounts[]> {
  const { results } = await bindPeriod(
    db.prepare(
      `WITH ${releasedCtes}
       SELECT e.provider_id AS providerId, substr(e.ended_on, 1, 7) AS month, COUNT(*) AS invited,
         SUM(i.status = 'completed' AND ${COUNTED_COMPLETION} AND ${releasedResponse('i.id')}) AS completed,
         SUM(i.status = 'declined' AND ${releasedDecline('i.id')}) AS declined
       FROM episodes e JOIN invitations i ON i.episode_id = e.id AND i.wave = 'exit'
       LEFT JOIN responses r ON r.invitation_id = i.id
       WHERE ${inPeriod} AND ${inSeries}
       GROUP BY 1, 2 ORDER BY 2, 1`,
    ),
    f,
  ).all<MonthCounts>()
  return results
}

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
  const { results } = await bindPeriod(
    db.prepare(
      `WITH ${releasedCtes}
       SELECT e.provider_id AS providerId, r.survey_id AS surveyId, r.survey_version AS surveyVersion,
         substr(e.ended_on, 1, 7) AS month, e.customer_type AS customerType, r.invitation_id AS responseId,
         j.key AS question, j.value AS text
       FROM episodes e JOIN invitations i ON i.episode_id = e.id AND i.wave = 'exit'
       JOIN responses r ON r.invitation_id = i.id AND r.completed = 1, json_each(r.answers) j
       WHERE ${inPeriod} AND ${inSeries} AND ${releasedResponse('r.invitation_id')} AND j.key IN (SELECT value FROM json_each(?8))
       ORDER BY 1, 7, 8`,
    ),
    f,
    JSON.stringify(questions),
  ).all<CommentRow>()
  return results
}

/**
 * Clients with both waves released to provider keys and the public: of the pairs whose exit answer is released,
 * within each bucket in the order the pairs formed (the exit's completion, the later, then its invitation id), the first
 * floor(n / ?6) * ?6. Released exit answers alone would not do: the pairs among them are not whole groups, so
 * two change figures could differ by one client's change.
 */
const releasedPairsCte = wholeGroups(
  'released_pairs',
  'x.invitation_id',
  'x',
  'x.completed_at, x.invitation_id',
  changePairs,
  ' AND x.invitation_id IN (SELECT id FROM released)',
)
// A change figure counts a client's pair (changePairs) only where the caller may count its exit answer.
const releasedPair = `(?6 = 1 OR x.invitation_id IN (SELECT id FROM released_pairs))`

/**
 * Per provider the clients with both waves and the sums of their changes (exit index - intake index), and per
 * provider and item, over those clients, how many answered the item on the scale in both waves and how many
 * at least one point higher at exit.
 */
export async function changeFacts(
  db: D1Database,
  f: PeriodFilter,
): Promise<{ sums: ChangeSums[]; items: ItemUpCount[] }> {
  const [sums, items] = await db.batch([
    bindPeriod(
      db.prepare(
        `WITH ${releasedCtes}, ${releasedPairsCte}
         SELECT e.provider_id AS providerId, COUNT(*) AS n, SUM(x.quality_index - y.quality_index) AS sum,
           SUM((x.quality_index - y.quality_index) * (x.quality_index - y.quality_index)) AS sumOfSquares
         FROM ${changePairs}
         WHERE ${inPeriod} AND ${inSeries} AND ${releasedPair}
         GROUP BY 1`,
      ),
      f,
    ),
    bindPeriod(
      db.prepare(
        `WITH ${releasedCtes}, ${releasedPairsCte}
         SELECT e.provider_id AS providerId, a.item AS item, COUNT(*) AS n, SUM(a.position >= b.position + 1) AS up
         FROM ${changePairs}
         JOIN response_items a ON a.invitation_id = x.invitation_id AND a.position IS NOT NULL
         JOIN response_items b ON b.invitation_id = y.invitation_id AND b.item = a.item AND b.position IS NOT NULL
         WHERE ${inPeriod} AND ${inSeries} AND ${releasedPair}
         GROUP BY 1, 2`,
      ),
      f,
    ),
  ])
  return { sums: sums.results as ChangeSums[], items: items.results as ItemUpCount[] }
}

/** Intake invitations and counted completions (not break-offs) per provider, for the intake response rates. */
export async function intakeCounts(
  db: D1Database,
  f: PeriodFilter,
): Promise<Array<{ providerId: string; invited: number; completed: number }>> {
  const { results } = await db
    .prepare(
      `SELECT e.provider_id AS providerId, COUNT(*) AS invited,
         COUNT(CASE WHEN r.completed = 1 AND ${COUNTED_COMPLETION} THEN 1 END) AS completed
       FROM episodes e JOIN invitations i ON i.episode_id = e.id AND i.wave = 'intake'
       LEFT JOIN responses r ON r.invitation_id = i.id
       WHERE ${inPeriod}
       GROUP BY 1`,
    )
    .bind(f.programmeId, f.from, f.to, f.customerType, f.providerId)
    .all<{ providerId: string; invited: number; completed: number }>()
  return results
}
