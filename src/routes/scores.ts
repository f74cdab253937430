import { Hono } from 'hono'
import type { Programme } from '../db/programmes.ts'
import {
  comments,
  daysToAnswer,
  integrityCounts,
  itemCounts,
  monthlyCounts,
  outcomeFacts,
  type PeriodFilter,
  providerSums,
  responseCells,
  versionSums,
  weeklyFunnel,
} from '../db/scores.ts'
import { diagnostics } from '../domain/diagnostics.ts'
import { resolvePeriodQuery } from '../domain/periods.ts'
import { suppress } from '../domain/quality-stats.ts'
import { commentsForProvider, releaseGroup } from '../domain/release.ts'
import { type Audience, scoreTable } from '../domain/scores.ts'
import type { AppEnv } from '../env.ts'
import { ApiError } from '../http/errors.ts'
import { providerScope } from '../http/principal.ts'
import { programmeFor } from '../http/programme-access.ts'
import { queryParams } from '../http/validate.ts'
import { nowIso } from '../lib/time.ts'
import { type ScoresQuery, scoresQuerySchema } from '../schemas/scores.ts'
import { surveyVersions } from '../surveys/catalog.ts'
import { surveyRuntime } from '../surveys/runtime.ts'

/**
 * The rows an audience may have figures of: a whole month, quarter or year for provider keys and the public
 * (from/to is a 400 naming period), and for them only released answers (domain/release.ts).
 */
export function periodFilter(
  programme: Programme,
  q: ScoresQuery,
  providerId: string | null,
  audience: Audience,
): PeriodFilter {
  const resolved = resolvePeriodQuery(q, nowIso().slice(0, 10), audience !== 'procurer')
  if (!resolved.ok)
    throw new ApiError(400, `Bad query parameter: ${resolved.issue.message}`, { issues: [resolved.issue] })
  return {
    programmeId: programme.id,
    ...resolved.range,
    customerType: q.customerType ?? null,
    providerId,
    releaseGroup: releaseGroup(audience, programme.publication.minGroup),
  }
}

const audienceOf = (own: string | null): Audience => (own === null ? 'procurer' : 'provider')

/** Scores of every provider; the caller decides which rows and figures an audience gets. */
export async function scoresFor(db: D1Database, programme: Programme, q: ScoresQuery, audience: Audience) {
  const filter = periodFilter(programme, q, null, audience)
  const table = scoreTable(await providerSums(db, filter), programme.publication, audience)
  return {
    programmeId: programme.id,
    period: { from: filter.from, to: filter.to },
    customerType: filter.customerType,
    ...table,
  }
}

export const scoreRoutes = new Hono<AppEnv>()
  .get('/scores', queryParams(scoresQuerySchema), async (c) => {
    const programme = await programmeFor(c, c.req.param('pid')!)
    const own = providerScope(c.get('principal'))
    const result = await scoresFor(c.env.DB, programme, c.req.valid('query'), audienceOf(own))
    // A provider key gets its own row and the programme aggregate, never another provider's row.
    return c.json(
      own === null ? result : { ...result, providers: result.providers.filter((p) => p.providerId === own) },
    )
  })
  .get('/diagnostics', queryParams(scoresQuerySchema), async (c) => {
    const programme = await programmeFor(c, c.req.param('pid')!)
    const own = providerScope(c.get('principal'))
    const db = c.env.DB
    const audience = audienceOf(own)
    const filter = periodFilter(programme, c.req.valid('query'), null, audience)
    const procurer = audience === 'procurer'
    // Programme-wide figures (median provider rate, item benchmarks) need every provider's rows;
    // only the provider's own rows leave the Worker for a provider key. Single invitations' steps
    // (outcome facts, cells, weeks) are read for procurer keys only.
    const [sums, outcomes, days, cells, integrity, weeks, months, counts, versions] = await Promise.all([
      providerSums(db, filter),
      procurer ? outcomeFacts(db, filter) : [],
      daysToAnswer(db, filter),
      procurer ? responseCells(db, filter) : [],
      integrityCounts(db, filter),
      procurer ? weeklyFunnel(db, filter) : [],
      monthlyCounts(db, filter),
      itemCounts(db, filter),
      versionSums(db, filter),
    ])
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
    return c.json({ programmeId: programme.id, period: { from: filter.from, to: filter.to }, ...result })
  })
  .get('/comments', queryParams(scoresQuerySchema), async (c) => {
    const programme = await programmeFor(c, c.req.param('pid')!)
    const own = providerScope(c.get('principal'))
    const audience = audienceOf(own)
    const filter = periodFilter(programme, c.req.valid('query'), own, audience)
    // Every free-text question of every survey version (their names come from the compiled surveys).
    const textQuestions = [
      ...new Set(
        surveyVersions.flatMap((v) =>
          [...surveyRuntime(v.id, v.version)!.questions.values()]
            .filter((q) => q.domain.kind === 'text')
            .map((q) => q.name),
        ),
      ),
    ]
    const [rows, sums] = await Promise.all([comments(c.env.DB, filter, textQuestions), providerSums(c.env.DB, filter)])
    const minGroup = programme.publication.minGroup
    // A comment can identify its writer: none carries a date, an episode or a position in time. The procurer
    // sees none of a provider with fewer than minGroup answers; a provider key only released comments of
    // months (and customer types) where at least minGroup respondents commented, in random order.
    return c.json({
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
    })
  })
