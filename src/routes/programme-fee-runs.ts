import { Hono } from 'hono'
import { systemDeps } from '../app/deps.ts'
import { createFeeRun } from '../app/fee-runs.ts'
import { simulateFees } from '../app/simulate-fees.ts'
import { listRuns, runProviders } from '../db/fee-runs.ts'
import type { AppEnv } from '../env.ts'
import { assertProcurerOf } from '../http/principal.ts'
import { programmeFor } from '../http/programme-access.ts'
import { jsonBody } from '../http/validate.ts'
import { createRunSchema, simulationSchema } from '../schemas/fee-runs.ts'
import { runHeader, runView, simulationView } from '../views/fee-run.ts'

/** Fee runs and simulations of one programme (mounted under /programmes/:pid). */
export const programmeFeeRunRoutes = new Hono<AppEnv>()
  .post('/fee-runs', jsonBody(createRunSchema), async (c) => {
    const programme = await programmeFor(c, c.req.param('pid')!)
    const principal = c.get('principal')
    assertProcurerOf(principal, programme.id)
    const run = await createFeeRun(systemDeps(c.env), programme, c.req.valid('json'), principal.keyId)
    return c.json(runView(run, await runProviders(c.env.DB, run.id, null, false), false), 201)
  })
  .get('/fee-runs', async (c) => {
    const programme = await programmeFor(c, c.req.param('pid')!)
    const own = c.get('principal').role === 'provider'
    const runs = await listRuns(c.env.DB, programme.id)
    return c.json({ runs: runs.map((r) => runHeader(r, own)) })
  })
  .post('/fee-simulations', jsonBody(simulationSchema), async (c) => {
    const programme = await programmeFor(c, c.req.param('pid')!)
    assertProcurerOf(c.get('principal'), programme.id)
    const body = c.req.valid('json')
    const results = await simulateFees(systemDeps(c.env), programme, body)
    return c.json(simulationView(programme, { from: body.from, to: body.to }, results))
  })
