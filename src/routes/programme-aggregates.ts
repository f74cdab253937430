import { Hono } from 'hono'
import { freshenFacts } from '../app/facts.ts'
import { checkAggregates } from '../app/verify-aggregates.ts'
import { bucketPeriods } from '../db/facts/periods.ts'
import type { AppEnv } from '../env.ts'
import { assertProcurerOf } from '../http/principal.ts'
import { programmeFor } from '../http/programme-access.ts'
import { queryParams } from '../http/validate.ts'
import { nowIso } from '../lib/time.ts'
import { aggregateCheckQuerySchema } from '../schemas/aggregates.ts'

/** Rebuild batches (50 buckets each) a request may run before it answers with what is left marked. */
const ROUTE_REBUILD_BATCHES = 500

/** The procurer's (or admin's) check that the aggregates equal the raw rows (npm run verify:aggregates). */
export const programmeAggregateRoutes = new Hono<AppEnv>()
  .get('/aggregates', async (c) => {
    const programme = await programmeFor(c, c.req.param('pid')!)
    assertProcurerOf(c.get('principal'), programme.id)
    // Marked buckets are rebuilt first (as any read does), so every period with data is listed.
    await freshenFacts(c.env.DB, programme, nowIso(), ROUTE_REBUILD_BATCHES)
    return c.json({ programmeId: programme.id, ...(await bucketPeriods(c.env.DB, programme.id)) })
  })
  .get('/aggregates/check', queryParams(aggregateCheckQuerySchema), async (c) => {
    const programme = await programmeFor(c, c.req.param('pid')!)
    assertProcurerOf(c.get('principal'), programme.id)
    const { period } = c.req.valid('query')
    const now = nowIso()
    // Marked buckets are rebuilt first (as any read does): the check is of what a read would serve.
    await freshenFacts(c.env.DB, programme, now, ROUTE_REBUILD_BATCHES)
    const checks = await checkAggregates(c.env.DB, programme, period, now)
    return c.json({ programmeId: programme.id, period, equal: checks.every((x) => x.differences.length === 0), checks })
  })
