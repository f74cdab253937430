// The facts behind scores, ratings and diagnostics, each one grouped SELECT over a set of episodes (a scope).
// The same SQL runs over the raw rows of a period (src/db/facts/raw.ts) and over one provider's month or year
// when its bucket is rebuilt (src/db/facts/buckets.ts), so a bucket holds exactly what the raw query would
// return for it. Every row is keyed by provider, customer type and the exit invitation's survey version (sv,
// "id@version"), so a period, a customer type and a series are chosen by adding rows up (domain/fact-rows.ts).
import { MIN_SECONDS_PER_ITEM, SOON_AFTER_REGISTRATION_MINUTES } from '../../domain/integrity-flags.ts'
import { pairJoins } from '../change-pairs.ts'

/**
 * How a kind's episodes (alias e) are chosen. Parameters: ?1 programme id, ?6 the release group (1: every
 * answer counts). `releaseWhere` chooses the rows the release rule ranks: whole calendar months.
 */
export type Scope = { episodes: string; where: string; releaseWhere: string; prefix: string[] }

/** How a value adds up across buckets: SQL SUM (NULL only when every part is NULL) or MAX. */
export type Merge = 'sum' | 'max'

export type Kind = {
  name: KindName
  /** Joins after `episodes e`. */
  from: string
  where?: string
  /** The exit invitation's survey version; NULL-able only for kinds that hold rows of no series. */
  sv: string
  keys: Array<[alias: string, sql: string]>
  values: Array<[alias: string, sql: string, merge: Merge]>
  /** Procurer keys only: not kept in the released variant. */
  procurerOnly?: boolean
  /** Rows with no survey version (sv NULL) count in every series. */
  seriesFree?: boolean
  /**
   * Read of every provider only as sums over them (the weekly funnel, the monthly counts of a procurer's
   * diagnostics): a read of every provider in the 'all' variant gets its years and months already added up over
   * providers, with provider ''. Provider buckets keep them too, for days, one provider and released answers.
   */
  programmeWide?: boolean
}

export type KindName =
  | 'clients'
  | 'sums'
  | 'outcomes'
  | 'followups'
  | 'days'
  | 'casemix'
  | 'cells'
  | 'integrity'
  | 'nets'
  | 'items'
  | 'versions'
  | 'itemsums'
  | 'weekly'
  | 'monthly'
  | 'change'
  | 'changeitems'
  | 'intake'

// The atomic bucket of the release rule: provider, calendar month of the episode's end, customer type and survey
// version. With ?6 = 1 the CTEs are empty at once (a constant false condition).
const bucket = 'e.provider_id, substr(e.ended_on, 1, 7), e.customer_type'

/**
 * The rows of `from` released in whole groups of ?6: within each bucket and survey version (of the invitation or
 * response `v`), in `order`, the first floor(n / ?6) * ?6. Empty at once with ?6 = 1.
 */
const wholeGroups = (scope: Scope, name: string, id: string, v: string, order: string, from: string, where: string) =>
  `${name} AS (
    SELECT id FROM (
      SELECT ${id} AS id,
        ROW_NUMBER() OVER (PARTITION BY ${bucket}, ${v}.survey_id, ${v}.survey_version ORDER BY ${order}) AS pos,
        COUNT(*) OVER (PARTITION BY ${bucket}, ${v}.survey_id, ${v}.survey_version) AS size
      FROM ${scope.episodes} ${from}
      WHERE ?6 > 1 AND ${scope.releaseWhere}${where})
    WHERE pos <= size - size % ?6)`

const exitJoin = `JOIN invitations i ON i.episode_id = e.id AND i.wave = 'exit'`

/**
 * Completed responses released to provider keys and the public: within each bucket, in order of completion (then
 * invitation id), the first floor(n / ?6) * ?6; declines the same way in order of declining; and the clients with
 * both waves, of the pairs whose exit answer is released, in the order the pairs formed (the exit's completion,
 * the later, then its invitation id), so two change figures never differ by one client's change.
 */
export const releasedCtes = (scope: Scope) => `${wholeGroups(
  scope,
  'released',
  'r.invitation_id',
  'r',
  'r.completed_at, r.invitation_id',
  `${exitJoin} JOIN responses r ON r.invitation_id = i.id AND r.completed = 1`,
  '',
)},
  ${wholeGroups(scope, 'released_declines', 'i.id', 'i', 'i.declined_at, i.id', exitJoin, " AND i.status = 'declined'")},
  ${wholeGroups(
    scope,
    'released_pairs',
    'x.invitation_id',
    'x',
    'x.completed_at, x.invitation_id',
    pairJoins,
    ' AND x.invitation_id IN (SELECT id FROM released)',
  )}`

/** A completed response (by invitation id) that the caller may count. */
export const releasedResponse = (invitationId: string) => `(?6 = 1 OR ${invitationId} IN (SELECT id FROM released))`
/** A client's pair (changePairs) whose exit answer the caller may count. */
const releasedPair = '(?6 = 1 OR x.invitation_id IN (SELECT id FROM released_pairs))'
/** A decline (by invitation id) that the caller may count. */
const releasedDecline = (invitationId: string) => `(?6 = 1 OR ${invitationId} IN (SELECT id FROM released_declines))`

/**
 * A completed response that counts as a completion (AAPOR I): at least half of its scored items answered on
 * the scale, as classifyInvitation and a quality index need. Fewer is a break-off (R) and counts in no rate.
 */
export const COUNTED_COMPLETION = 'r.scored_answered * 2 >= r.scored_total'

const exitVersion = (alias: string) => `${alias}.survey_id || '@' || ${alias}.survey_version`
const daysToAnswer = `CAST(julianday(substr(i.completed_at, 1, 10)) - julianday(e.ended_on) AS INTEGER)`
const itemScore = '((ri.position - 1) * 100.0 / (ri.points - 1))'
const completedResponse = `${exitJoin} JOIN responses r ON r.invitation_id = i.id AND r.completed = 1`

// The response's survey version, as the item statistics split by it.
const versionKeys: Kind['keys'] = [
  ['surveyId', 'r.survey_id'],
  ['surveyVersion', 'r.survey_version'],
]

export const KINDS: readonly Kind[] = [
  {
    // The confirmed episodes whose exit invitation is of the series shown, and those not invited (yet): an
    // episode invited with another series counts in that series' table only.
    name: 'clients',
    from: `LEFT JOIN invitations i ON i.episode_id = e.id AND i.wave = 'exit'`,
    sv: exitVersion('i'),
    seriesFree: true,
    keys: [],
    values: [['clients', 'COUNT(*)', 'sum']],
  },
  {
    // Exit invitations and their completed responses the caller may count.
    name: 'sums',
    from: `${exitJoin} LEFT JOIN responses r ON r.invitation_id = i.id AND r.completed = 1 AND ${releasedResponse('r.invitation_id')}`,
    sv: exitVersion('i'),
    keys: [],
    values: [
      ['invited', 'COUNT(*)', 'sum'],
      ['answers', 'COUNT(r.invitation_id)', 'sum'],
      ['completed', `COUNT(CASE WHEN ${COUNTED_COMPLETION} THEN 1 END)`, 'sum'],
      ['n', 'COUNT(r.quality_index)', 'sum'],
      ['sum', 'COALESCE(SUM(r.quality_index), 0)', 'sum'],
      ['sumOfSquares', 'COALESCE(SUM(r.quality_index * r.quality_index), 0)', 'sum'],
      ['topBox', 'COALESCE(SUM(r.quality_index IS NOT NULL AND r.all_top = 1), 0)', 'sum'],
      ['itemAnswers', 'COALESCE(SUM(r.scored_answered + r.cannot_say), 0)', 'sum'],
      ['cannotSay', 'COALESCE(SUM(r.cannot_say), 0)', 'sum'],
      ['reissued', 'SUM(i.reissues)', 'sum'],
    ],
  },
  {
    // Exit invitations grouped by the facts that decide their AAPOR outcome (the domain does the deciding).
    name: 'outcomes',
    from: `${exitJoin} LEFT JOIN responses r ON r.invitation_id = i.id`,
    sv: exitVersion('i'),
    procurerOnly: true,
    keys: [
      ['status', 'i.status'],
      ['opened', 'i.opened_at IS NOT NULL'],
      ['answeredAny', 'i.started_at IS NOT NULL'],
      ['scoredAnswered', 'COALESCE(r.scored_answered, 0)'],
      ['scoredTotal', 'COALESCE(r.scored_total, 0)'],
    ],
    values: [['count', 'COUNT(*)', 'sum']],
  },
  {
    // Follow-up invitations: their own rates, which never mix with the exit wave's (no series, no release rule).
    name: 'followups',
    from: `JOIN invitations i ON i.episode_id = e.id AND i.wave = 'followup'`,
    sv: 'NULL',
    seriesFree: true,
    keys: [
      ['status', 'i.status'],
      ['opened', 'i.opened_at IS NOT NULL'],
      ['answeredAny', 'i.started_at IS NOT NULL'],
    ],
    values: [['count', 'COUNT(*)', 'sum']],
  },
  {
    // Completions by whole days from service end to answer.
    name: 'days',
    from: exitJoin,
    where: `i.status = 'completed' AND ${releasedResponse('i.id')}`,
    sv: exitVersion('i'),
    keys: [['days', daysToAnswer]],
    values: [['count', 'COUNT(*)', 'sum']],
  },
  {
    // Scored completions per respondent background (days to answer included), for the case-mix fit.
    name: 'casemix',
    from: `${completedResponse} AND r.quality_index IS NOT NULL`,
    where: releasedResponse('r.invitation_id'),
    sv: exitVersion('i'),
    keys: [
      ['serviceType', 'e.service_type'],
      ['riskClass', 'e.risk_class'],
      ['language', 'e.language'],
      ['daysToAnswer', daysToAnswer],
    ],
    values: [
      ['n', 'COUNT(*)', 'sum'],
      ['sum', 'SUM(r.quality_index)', 'sum'],
      ['sumOfSquares', 'SUM(r.quality_index * r.quality_index)', 'sum'],
    ],
  },
  {
    // Invitations and counted completions per respondent-background cell (R-indicator, mix tables). With a release
    // group only released completions count: the national R-indicator never moves with a withheld answer.
    name: 'cells',
    from: `${exitJoin} LEFT JOIN responses r ON r.invitation_id = i.id AND r.completed = 1 AND ${releasedResponse('r.invitation_id')}`,
    sv: exitVersion('i'),
    keys: [
      ['serviceType', 'e.service_type'],
      ['riskClass', 'e.risk_class'],
      ['language', 'e.language'],
    ],
    values: [
      ['invited', 'COUNT(*)', 'sum'],
      ['responded', `COUNT(CASE WHEN ${COUNTED_COMPLETION} THEN 1 END)`, 'sum'],
    ],
  },
  {
    // Completions that trip each integrity check (domain/integrity-flags.ts).
    name: 'integrity',
    from: completedResponse,
    where: releasedResponse('r.invitation_id'),
    sv: exitVersion('i'),
    keys: [],
    values: [
      ['completions', 'COUNT(*)', 'sum'],
      [
        'completedSoonAfterRegistration',
        `COALESCE(SUM((julianday(i.completed_at) - julianday(e.created_at)) * 1440 <= ${SOON_AFTER_REGISTRATION_MINUTES}), 0)`,
        'sum',
      ],
      [
        'completedTooFast',
        `COALESCE(SUM((julianday(i.completed_at) - julianday(COALESCE(i.opened_at, i.started_at))) * 86400 < ${MIN_SECONDS_PER_ITEM} * r.scored_total), 0)`,
        'sum',
      ],
      ['straightLined', 'COALESCE(SUM(r.straight_line), 0)', 'sum'],
    ],
  },
  {
    // Completions per network hash: the largest group is taken after adding up the period.
    name: 'nets',
    from: `${completedResponse} AND r.net_hash IS NOT NULL`,
    where: releasedResponse('r.invitation_id'),
    sv: exitVersion('i'),
    keys: [['netHash', 'r.net_hash']],
    values: [['count', 'COUNT(*)', 'sum']],
  },
  {
    // Answer counts per survey version, item and position.
    name: 'items',
    from: `${completedResponse} JOIN response_items ri ON ri.invitation_id = r.invitation_id`,
    where: releasedResponse('r.invitation_id'),
    sv: exitVersion('i'),
    keys: [...versionKeys, ['item', 'ri.item'], ['points', 'ri.points'], ['position', 'ri.position']],
    values: [['count', 'COUNT(*)', 'sum']],
  },
  {
    // Completed responses per survey version and, over the complete cases, the sums Cronbach's alpha needs.
    name: 'versions',
    from: completedResponse,
    where: releasedResponse('r.invitation_id'),
    sv: exitVersion('i'),
    keys: [...versionKeys],
    values: [
      ['completed', 'COUNT(*)', 'sum'],
      ['completeCases', 'SUM(r.scored_answered = r.scored_total)', 'sum'],
      ['indexSum', 'COALESCE(SUM(CASE WHEN r.scored_answered = r.scored_total THEN r.quality_index END), 0)', 'sum'],
      [
        'indexSumOfSquares',
        'COALESCE(SUM(CASE WHEN r.scored_answered = r.scored_total THEN r.quality_index * r.quality_index END), 0)',
        'sum',
      ],
      ['scoredTotal', 'MAX(r.scored_total)', 'max'],
    ],
  },
  {
    // Per item, sums of its 0-100 scores over the complete cases.
    name: 'itemsums',
    from: `${completedResponse} AND r.scored_answered = r.scored_total JOIN response_items ri ON ri.invitation_id = r.invitation_id`,
    where: releasedResponse('r.invitation_id'),
    sv: exitVersion('i'),
    keys: [...versionKeys, ['item', 'ri.item']],
    values: [
      ['sum', `SUM(${itemScore})`, 'sum'],
      ['sumOfSquares', `SUM(${itemScore} * ${itemScore})`, 'sum'],
    ],
  },
  {
    // The invitation funnel per week of service end (weeks start on Monday).
    name: 'weekly',
    from: exitJoin,
    sv: exitVersion('i'),
    procurerOnly: true,
    programmeWide: true,
    keys: [['weekStart', `date(e.ended_on, 'weekday 0', '-6 days')`]],
    values: [
      ['invited', 'COUNT(*)', 'sum'],
      ['opened', 'SUM(i.opened_at IS NOT NULL)', 'sum'],
      ['started', 'SUM(i.started_at IS NOT NULL)', 'sum'],
      ['completed', `SUM(i.status = 'completed')`, 'sum'],
      ['declined', `SUM(i.status = 'declined')`, 'sum'],
    ],
  },
  {
    // Invitations, counted completions and declines per month of service end (released ones, with a release group).
    name: 'monthly',
    from: `${exitJoin} LEFT JOIN responses r ON r.invitation_id = i.id`,
    sv: exitVersion('i'),
    programmeWide: true,
    keys: [['month', 'substr(e.ended_on, 1, 7)']],
    values: [
      ['invited', 'COUNT(*)', 'sum'],
      ['completed', `SUM(i.status = 'completed' AND ${COUNTED_COMPLETION} AND ${releasedResponse('i.id')})`, 'sum'],
      ['declined', `SUM(i.status = 'declined' AND ${releasedDecline('i.id')})`, 'sum'],
    ],
  },
  {
    // Clients with both waves and the sums of their changes (exit index - intake index).
    name: 'change',
    from: pairJoins,
    where: releasedPair,
    sv: exitVersion('i'),
    keys: [],
    values: [
      ['n', 'COUNT(*)', 'sum'],
      ['sum', 'SUM(x.quality_index - y.quality_index)', 'sum'],
      ['sumOfSquares', 'SUM((x.quality_index - y.quality_index) * (x.quality_index - y.quality_index))', 'sum'],
    ],
  },
  {
    // Per item, over those clients: answered on the scale in both waves, and at least one point higher at exit.
    name: 'changeitems',
    from: `${pairJoins}
      JOIN response_items a ON a.invitation_id = x.invitation_id AND a.position IS NOT NULL
      JOIN response_items b ON b.invitation_id = y.invitation_id AND b.item = a.item AND b.position IS NOT NULL`,
    where: releasedPair,
    sv: exitVersion('i'),
    keys: [['item', 'a.item']],
    values: [
      ['n', 'COUNT(*)', 'sum'],
      ['up', 'SUM(a.position >= b.position + 1)', 'sum'],
    ],
  },
  {
    // Intake invitations and counted completions (not break-offs), for the intake response rates.
    name: 'intake',
    from: `JOIN invitations i ON i.episode_id = e.id AND i.wave = 'intake' LEFT JOIN responses r ON r.invitation_id = i.id`,
    sv: 'NULL',
    seriesFree: true,
    keys: [],
    values: [
      ['invited', 'COUNT(*)', 'sum'],
      ['completed', `COUNT(CASE WHEN r.completed = 1 AND ${COUNTED_COMPLETION} THEN 1 END)`, 'sum'],
    ],
  },
]

export const kindNamed = (name: KindName): Kind => KINDS.find((k) => k.name === name)!

/** The columns every row of a kind starts with: the scope's prefix, provider, customer type, survey version. */
function leading(scope: Scope, kind: Kind): string[] {
  return [...scope.prefix, 'e.provider_id', 'e.customer_type', kind.sv]
}

/**
 * One kind's grouped SELECT over a scope: columns p, ct, sv, then k0.. (keys) and v0.. (values), after the scope's
 * prefix columns. The release CTEs must be in a WITH before it.
 */
export function kindSelect(scope: Scope, kind: Kind): string {
  const lead = leading(scope, kind)
  const cols = [
    ...scope.prefix.map((c, n) => `${c} AS s${n}`),
    'e.provider_id AS p',
    'e.customer_type AS ct',
    `${kind.sv} AS sv`,
    ...kind.keys.map(([, sql], n) => `${sql} AS k${n}`),
    ...kind.values.map(([, sql], n) => `${sql} AS v${n}`),
  ]
  const groups = [...lead, ...kind.keys.map(([, sql]) => sql)]
  return `SELECT ${cols.join(', ')}
    FROM ${scope.episodes} ${kind.from}
    WHERE ${scope.where}${kind.where ? ` AND ${kind.where}` : ''}
    GROUP BY ${groups.join(', ')}`
}
