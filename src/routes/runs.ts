import { type Context, Hono } from 'hono'
import {
  type Dispute,
  type FeeRun,
  finaliseRun,
  getDispute,
  getRun,
  insertDispute,
  listDisputes,
  resolveDispute,
  runProviders,
} from '../db/fee-runs.ts'
import { formatCents } from '../domain/fees.ts'
import type { AppEnv } from '../env.ts'
import { ApiError, invalid } from '../http/errors.ts'
import { assertCanRead, assertProcurerOf, providerScope } from '../http/principal.ts'
import { jsonBody } from '../http/validate.ts'
import { newId } from '../lib/crypto.ts'
import { toCsv } from '../lib/csv.ts'
import { nowIso } from '../lib/time.ts'
import { runView, visibleLines } from '../runs/run-view.ts'
import { disputeSchema, resolveDisputeSchema } from '../schemas/fee-runs.ts'

async function runFor(c: Context<AppEnv>): Promise<FeeRun> {
  const run = await getRun(c.env.DB, c.req.param('rid')!)
  if (!run) throw new ApiError(404, 'No such fee run')
  assertCanRead(c.get('principal'), run.programmeId)
  return run
}

function csv(c: Context<AppEnv>, name: string, body: string) {
  c.header('content-type', 'text/csv; charset=utf-8')
  c.header('content-disposition', `attachment; filename="${name}"`)
  // A UTF-8 byte-order mark so spreadsheets read ä, ö and å right.
  return c.body(`\uFEFF${body}`)
}

/** One fee run: its statement, its CSV exports, disputes and finalisation (mounted at /fee-runs). */
export const runs = new Hono<AppEnv>()
  .get('/:rid', async (c) => {
    const run = await runFor(c)
    const own = providerScope(c.get('principal'))
    const withLines = c.req.query('lines') === 'true'
    return c.json(runView(run, await runProviders(c.env.DB, run.id, own, withLines), own !== null))
  })
  .get('/:rid/statement.csv', async (c) => {
    const run = await runFor(c)
    const parts = await runProviders(c.env.DB, run.id, providerScope(c.get('principal')), false)
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
      ]),
    )
    const header = [
      'runId',
      'ruleVersion',
      'from',
      'to',
      'providerId',
      'provider',
      'clients',
      'responses',
      'component',
      'type',
      'amount',
      'currency',
      'explanation',
    ]
    return csv(c, `statement-${run.id}.csv`, toCsv(header, rows))
  })
  .get('/:rid/lines.csv', async (c) => {
    const run = await runFor(c)
    const own = providerScope(c.get('principal'))
    const parts = await runProviders(c.env.DB, run.id, own, true)
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
      ]),
    )
    const header = [
      'runId',
      'providerId',
      'provider',
      'externalRef',
      'component',
      'type',
      'amount',
      'currency',
      'reason',
      'clients',
      'respondents',
    ]
    return csv(c, `lines-${run.id}.csv`, toCsv(header, rows))
  })
  .post('/:rid/disputes', jsonBody(disputeSchema), async (c) => {
    const run = await runFor(c)
    const principal = c.get('principal')
    const body = c.req.valid('json')
    const own = providerScope(principal)
    if (own !== null && own !== body.providerId)
      throw new ApiError(403, 'A provider may dispute only its own statement', {
        issues: [{ path: 'providerId', message: "providerId: not this key's provider" }],
      })
    const [part] = await runProviders(c.env.DB, run.id, body.providerId, body.externalRef !== undefined)
    if (!part)
      throw invalid([{ path: 'providerId', message: `providerId: provider ${body.providerId} is not in this run` }])
    if (body.externalRef !== undefined && !part.lines!.some((l) => l.externalRef === body.externalRef)) {
      throw invalid([
        { path: 'externalRef', message: `externalRef: no line for ${body.externalRef} in this provider's statement` },
      ])
    }
    const dispute: Dispute = {
      id: newId('dsp'),
      runId: run.id,
      providerId: body.providerId,
      externalRef: body.externalRef ?? null,
      reason: body.reason,
      status: 'open',
      resolution: null,
      createdAt: nowIso(),
      resolvedAt: null,
    }
    if (!(await insertDispute(c.env.DB, dispute, principal.keyId)))
      throw new ApiError(409, `The run is ${run.status}; only a draft can be disputed`)
    return c.json(dispute, 201)
  })
  .get('/:rid/disputes', async (c) => {
    const run = await runFor(c)
    return c.json({ disputes: await listDisputes(c.env.DB, run.id, providerScope(c.get('principal'))) })
  })
  .post('/:rid/disputes/:did/resolve', jsonBody(resolveDisputeSchema), async (c) => {
    const run = await runFor(c)
    assertProcurerOf(c.get('principal'), run.programmeId)
    const existing = await getDispute(c.env.DB, c.req.param('did'))
    if (!existing || existing.runId !== run.id) throw new ApiError(404, 'No such dispute in this run')
    const body = c.req.valid('json')
    const resolved = await resolveDispute(c.env.DB, existing.id, body.status, body.resolution, nowIso())
    if (!resolved)
      throw new ApiError(
        409,
        existing.status === 'open'
          ? `The run is ${run.status}; its disputes are closed`
          : `The dispute is already ${existing.status}`,
      )
    return c.json(resolved)
  })
  .post('/:rid/finalise', async (c) => {
    const run = await runFor(c)
    assertProcurerOf(c.get('principal'), run.programmeId)
    const open = (await listDisputes(c.env.DB, run.id, null)).filter((d) => d.status === 'open')
    if (open.length > 0) {
      throw new ApiError(409, `Resolve the ${open.length} open dispute(s) first`, {
        issues: open.map((d) => ({ path: `disputes.${d.id}`, message: `open dispute from ${d.providerId}` })),
      })
    }
    if (!(await finaliseRun(c.env.DB, run.id, nowIso())))
      throw new ApiError(409, `The run is ${run.status}; only a draft can be finalised`)
    return c.json(runView((await getRun(c.env.DB, run.id))!, await runProviders(c.env.DB, run.id, null, false), false))
  })
