import { Hono } from 'hono'
import { systemDeps } from '../app/deps.ts'
import { createFeeRun } from '../app/fee-runs.ts'
import { readLedger } from '../app/ledger.ts'
import { simulateFees } from '../app/simulate-fees.ts'
import { listRuns, runProviders } from '../db/fee-runs.ts'
import type { AppEnv } from '../env.ts'
import { csvResponse } from '../http/csv-response.ts'
import { assertProcurerOf, providerScope } from '../http/principal.ts'
import { programmeFor } from '../http/programme-access.ts'
import { jsonBody, queryParams } from '../http/validate.ts'
import { createRunSchema, simulationSchema } from '../schemas/fee-runs.ts'
import { ledgerQuery } from '../schemas/queries.ts'
import { runHeader, runView, simulationView } from '../views/fee-run.ts'
import { LEDGER_CSV_HEADER, ledgerCsvRow, ledgerEntryView } from '../views/ledger.ts'

/** Fee runs and simulations of one programme (mounted under /programmes/:pid). */
export const programmeFeeRunRoutes = new Hono<AppEnv>()
  .post('/fee-runs', jsonBody(createRunSchema), async (c) => {
    const programme = await programmeFor(c, c.req.param('pid')!)
    const principal = c.get('principal')
    assertProcurerOf(principal, programme.id)
    const run = await createFeeRun(systemDeps(c.env), programme, c.req.valid('json'), principal.keyId)
    return c.json(runView(run, await runProviders(c.env.DB, run.id, null, false), null), 201)
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
  .get('/ledger', queryParams(ledgerQuery), async (c) => {
    const programme = await programmeFor(c, c.req.param('pid')!)
    const own = providerScope(c.get('principal'))
    const { entries, truncated } = await readLedger(c.env.DB, programme.id, own, c.req.valid('query'))
    return c.json({
      programmeId: programme.id,
      currency: programme.currency,
      entries: entries.map(ledgerEntryView),
      truncated,
    })
  })
  .get('/ledger.csv', queryParams(ledgerQuery), async (c) => {
    const programme = await programmeFor(c, c.req.param('pid')!)
    const own = providerScope(c.get('principal'))
    const { entries } = await readLedger(c.env.DB, programme.id, own, c.req.valid('query'))
    const rows = entries.map((e) => ledgerCsvRow(e, programme.currency))
    return csvResponse(c, `ledger-${programme.id}.csv`, LEDGER_CSV_HEADER, rows)
  })
