import { type Context, Hono } from 'hono'
import { systemDeps } from '../app/deps.ts'
import { reportedOutcomesOf, reviewReportedOutcomes } from '../app/reported-outcomes.ts'
import type { AppEnv } from '../env.ts'
import { assertProcurerOf } from '../http/principal.ts'
import { programmeFor } from '../http/programme-access.ts'
import { jsonBody, queryParams } from '../http/validate.ts'
import { reportedOutcomesQuerySchema, reviewReportedSchema } from '../schemas/reported-outcomes.ts'

type ReviewContext = Context<AppEnv, string, { in: { json: unknown }; out: { json: { ids: string[] } } }>

/** POST .../confirm and .../reject: the same checks, one decision each. */
const review = (decision: 'confirm' | 'reject') => async (c: ReviewContext) => {
  const programme = await programmeFor(c, c.req.param('pid')!)
  const principal = c.get('principal')
  assertProcurerOf(principal, programme.id)
  const { ids } = c.req.valid('json')
  return c.json(await reviewReportedOutcomes(systemDeps(c.env), programme.id, ids, decision, principal.keyId))
}

/** The procurer's queue of outcomes that follow-up answers report; a provider key never sees one. */
export const programmeReportedOutcomeRoutes = new Hono<AppEnv>()
  .get('/reported-outcomes', queryParams(reportedOutcomesQuerySchema), async (c) => {
    const programme = await programmeFor(c, c.req.param('pid')!)
    assertProcurerOf(c.get('principal'), programme.id)
    return c.json(await reportedOutcomesOf(systemDeps(c.env), programme.id, c.req.valid('query').status))
  })
  .post('/reported-outcomes/confirm', jsonBody(reviewReportedSchema), review('confirm'))
  .post('/reported-outcomes/reject', jsonBody(reviewReportedSchema), review('reject'))
