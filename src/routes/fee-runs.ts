import { type Context, Hono } from 'hono'
import { systemDeps } from '../app/deps.ts'
import { openDispute, settleDispute } from '../app/disputes.ts'
import { finaliseFeeRun } from '../app/fee-runs.ts'
import { type FeeRun, getRun, linesAtRisk, listDisputes, runProviders } from '../db/fee-runs.ts'
import { getProgramme } from '../db/programmes.ts'
import { formatCents } from '../domain/fees.ts'
import type { AppEnv } from '../env.ts'
import { csvResponse } from '../http/csv-response.ts'
import { ApiError } from '../http/errors.ts'
import { assertCanRead, assertProcurerOf, providerScope } from '../http/principal.ts'
import { jsonBody } from '../http/validate.ts'

import { disputeSchema, resolveDisputeSchema } from '../schemas/fee-runs.ts'
import {
  atRiskView,
  LINES_CSV_HEADER,
  partsForKey,
  runView,
  STATEMENT_CSV_HEADER,
  tooFewForProvider,
  visibleLines,
} from '../views/fee-run.ts'

/** How many of the lines most at risk of misclassification a run shows. */
const AT_RISK_SHOWN = 20

/**
 * For a provider key, the programme's minGroup, below which it sees no index or confidence of its own
 * (views/fee-run.ts partForProviderKey); null for a procurer, who sees every figure.
 */
async function providerKeyMinGroup(c: Context<AppEnv>, run: FeeRun): Promise<number | null> {
  if (providerScope(c.get('principal')) === null) return null
  const programme = await getProgramme(c.env.DB, run.programmeId)
  if (!programme) throw new ApiError(404, 'No such programme')
  return programme.publication.minGroup
}

async function runFor(c: Context<AppEnv>): Promise<FeeRun> {
  const run = await getRun(c.env.DB, c.req.param('rid')!)
  if (!run) throw new ApiError(404, 'No such fee run')
  assertCanRead(c.get('principal'), run.programmeId)
  return run
}

/** One fee run: its statement, its CSV exports, disputes and finalisation (mounted at /fee-runs). */
export const feeRunRoutes = new Hono<AppEnv>()
  .get('/:rid', async (c) => {
    const run = await runFor(c)
    const own = providerScope(c.get('principal'))
    const withLines = c.req.query('lines') === 'true'
    const minGroup = await providerKeyMinGroup(c, run)
    const parts = await runProviders(c.env.DB, run.id, own, withLines)
    const atRisk = parts.some((p) => tooFewForProvider(p.statement, minGroup))
      ? []
      : atRiskView(await linesAtRisk(c.env.DB, run.id, own, AT_RISK_SHOWN))
    return c.json({ ...runView(run, parts, minGroup), atRisk })
  })
  .get('/:rid/statement.csv', async (c) => {
    const run = await runFor(c)
    const own = providerScope(c.get('principal'))
    const minGroup = await providerKeyMinGroup(c, run)
    const parts = partsForKey(await runProviders(c.env.DB, run.id, own, false), minGroup)
    const rows = parts.flatMap(({ statement: p }) =>
      p.components.map((k) => [
        run.id,
        run.ruleVersion,
        run.period.from,
        run.period.to,
        p.providerId,
        p.name,
        p.clients,
        p.responses,
        k.index,
        k.type,
        formatCents(k.amountCents),
        run.currency,
        k.explanation,
        run.summary?.linkCustody ?? 'laatu',
        formatCents(k.paidBeforeCents ?? 0),
        formatCents(k.amountCents - (k.paidBeforeCents ?? 0)),
      ]),
    )
    return csvResponse(c, `statement-${run.id}.csv`, STATEMENT_CSV_HEADER, rows)
  })
  .get('/:rid/lines.csv', async (c) => {
    const run = await runFor(c)
    const own = providerScope(c.get('principal'))
    const minGroup = await providerKeyMinGroup(c, run)
    const parts = partsForKey(await runProviders(c.env.DB, run.id, own, true), minGroup)
    const rows = parts.flatMap(({ statement: p, lines }) =>
      visibleLines(p, lines ?? [], own !== null).map((l) => [
        run.id,
        p.providerId,
        p.name,
        l.externalRef,
        l.component,
        l.type,
        formatCents(l.amountCents),
        run.currency,
        l.reason,
        'clients' in l ? l.clients : null,
        'respondents' in l ? l.respondents : null,
        l.componentKey ?? null,
        formatCents(l.paidBeforeCents ?? 0),
        formatCents(l.amountCents - (l.paidBeforeCents ?? 0)),
      ]),
    )
    return csvResponse(c, `lines-${run.id}.csv`, LINES_CSV_HEADER, rows)
  })
  .post('/:rid/disputes', jsonBody(disputeSchema), async (c) => {
    const run = await runFor(c)
    const principal = c.get('principal')
    const by = { keyId: principal.keyId, ownProvider: providerScope(principal) }
    return c.json(await openDispute(systemDeps(c.env), run, c.req.valid('json'), by), 201)
  })
  .get('/:rid/disputes', async (c) => {
    const run = await runFor(c)
    return c.json({ disputes: await listDisputes(c.env.DB, run.id, providerScope(c.get('principal'))) })
  })
  .post('/:rid/disputes/:did/resolve', jsonBody(resolveDisputeSchema), async (c) => {
    const run = await runFor(c)
    assertProcurerOf(c.get('principal'), run.programmeId)
    return c.json(await settleDispute(systemDeps(c.env), run, c.req.param('did'), c.req.valid('json')))
  })
  .post('/:rid/finalise', async (c) => {
    const run = await runFor(c)
    assertProcurerOf(c.get('principal'), run.programmeId)
    const final = await finaliseFeeRun(systemDeps(c.env), run)
    return c.json(runView(final, await runProviders(c.env.DB, run.id, null, false), null))
  })
