import { Hono } from 'hono'
import type { Programme } from '../db/programmes.ts'
import {
  comments,
  daysToAnswer,
  integrityCounts,
  itemCounts,
  outcomeFacts,
  type PeriodFilter,
  providerSums,
  responseCells,
  versionSums,
  weeklyFunnel,
} from '../db/scores.ts'
import { diagnostics } from '../domain/diagnostics.ts'
import { suppress } from '../domain/quality-stats.ts'
import { type Audience, scoreTable } from '../domain/scores.ts'
import type { AppEnv } from '../env.ts'
import { providerScope } from '../http/principal.ts'
import { programmeFor } from '../http/programme-access.ts'
import { queryParams } from '../http/validate.ts'
import { nowIso } from '../lib/time.ts'
import { resolvePeriod, type ScoresQuery, scoresQuerySchema } from '../schemas/scores.ts'
import { surveyVersions } from '../surveys/catalog.ts'
import { surveyRuntime } from '../surveys/runtime.ts'

export function periodFilter(programme: Programme, q: ScoresQuery, providerId: string | null): PeriodFilter {
  const { from, to } = resolvePeriod(q, nowIso().slice(0, 10))
  return { programmeId: programme.id, from, to, customerType: q.customerType ?? null, providerId }
}

/** Scores of every provider; the caller decides which rows and figures an audience gets. */
export async function scoresFor(db: D1Database, programme: Programme, q: ScoresQuery, audience: Audience) {
  const filter = periodFilter(programme, q, null)
  const table = scoreTable(await providerSums(db, filter), programme.publication, audience)
  return {
    programmeId: programme.id,
    period: { from: filter.from, to: filter.to },
    customerType: filter.customerType,
    ...table,
  }
}

export const programmeScoreRoutes = new Hono<AppEnv>()
  .get('/scores', queryParams(scoresQuerySchema), async (c) => {
    const programme = await programmeFor(c, c.req.param('pid')!)
    const own = providerScope(c.get('principal'))
    const result = await scoresFor(c.env.DB, programme, c.req.valid('query'), own === null ? 'procurer' : 'provider')
    // A provider key gets its own row and the programme aggregate, never another provider's row.
    return c.json(
      own === null ? result : { ...result, providers: result.providers.filter((p) => p.providerId === own) },
    )
  })
  .get('/diagnostics', queryParams(scoresQuerySchema), async (c) => {
    const programme = await programmeFor(c, c.req.param('pid')!)
    const own = providerScope(c.get('principal'))
    const db = c.env.DB
    const filter = periodFilter(programme, c.req.valid('query'), null)
    // Programme-wide figures (median provider rate, item benchmarks) need every provider's rows;
    // only the provider's own rows leave the Worker for a provider key.
    const [sums, outcomes, days, cells, integrity, weeks, counts, versions] = await Promise.all([
      providerSums(db, filter),
      outcomeFacts(db, filter),
      daysToAnswer(db, filter),
      responseCells(db, filter),
      integrityCounts(db, filter),
      weeklyFunnel(db, { ...filter, providerId: own }),
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
        itemCounts: counts,
        versions: versions.versions,
        itemSums: versions.items,
      },
      programme.publication,
      own === null ? 'procurer' : 'provider',
      own,
    )
    return c.json({ programmeId: programme.id, period: { from: filter.from, to: filter.to }, ...result })
  })
  .get('/comments', queryParams(scoresQuerySchema), async (c) => {
    const programme = await programmeFor(c, c.req.param('pid')!)
    const own = providerScope(c.get('principal'))
    const filter = periodFilter(programme, c.req.valid('query'), own)
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
    // A comment can identify its writer: none is shown for a provider with fewer than minGroup answers,
    // and none carries a date, an episode or a position in time.
    return c.json({
      programmeId: programme.id,
      period: { from: filter.from, to: filter.to },
      providers: sums.map((p) => {
        const list = suppress(
          rows.filter((r) => r.providerId === p.providerId).map(({ question, text }) => ({ question, text })),
          p.completed,
          programme.publication.minGroup,
        )
        return {
          providerId: p.providerId,
          name: p.name,
          responses: p.completed,
          suppressed: list === null,
          comments: list ?? [],
        }
      }),
    })
  })
