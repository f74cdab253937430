import { Hono } from 'hono'
import { surveyVersionsUsed } from '../db/fee-inputs.ts'
import {
  completeRun,
  discardRun,
  getRun,
  insertRun,
  insertRunProviders,
  listRuns,
  runProviders,
} from '../db/fee-runs.ts'
import { listFeeRules } from '../db/programmes.ts'
import type { FeeRule } from '../domain/fee-rule.ts'
import { formatCents } from '../domain/fees.ts'
import type { FieldIssue } from '../domain/issues.ts'
import type { AppEnv } from '../env.ts'
import { invalid } from '../http/errors.ts'
import { assertProcurerOf } from '../http/principal.ts'
import { programmeFor } from '../http/programme-access.ts'
import { jsonBody } from '../http/validate.ts'
import { newId } from '../lib/crypto.ts'
import { nowIso } from '../lib/time.ts'
import { computeRun, type RunResult } from '../runs/compute-run.ts'
import { providerView, runHeader, runView } from '../runs/run-view.ts'
import { parseFeeRule } from '../schemas/fee-rule.ts'
import { createRunSchema, simulationSchema } from '../schemas/fee-runs.ts'

/** Fee runs and simulations of one programme (mounted under /programmes/:pid). */
export const programmeFeeRoutes = new Hono<AppEnv>()
  .post('/fee-runs', jsonBody(createRunSchema), async (c) => {
    const programme = await programmeFor(c, c.req.param('pid')!)
    const principal = c.get('principal')
    assertProcurerOf(principal, programme.id)
    const body = c.req.valid('json')
    const versions = await listFeeRules(c.env.DB, programme.id)
    const chosen =
      body.ruleVersion === undefined
        ? versions[versions.length - 1]
        : versions.find((v) => v.version === body.ruleVersion)
    if (!chosen) {
      const path = body.ruleVersion === undefined ? 'feeRule' : 'ruleVersion'
      throw invalid([
        {
          path,
          message: `${path}: the programme has no fee rule${body.ruleVersion === undefined ? ' yet (PUT /fee-rule first)' : ` version ${body.ruleVersion}`}`,
        },
      ])
    }
    const db = c.env.DB
    const run = {
      id: newId('run'),
      programmeId: programme.id,
      ruleVersion: chosen.version,
      from: body.from,
      to: body.to,
      currency: programme.currency,
      createdAt: nowIso(),
      createdBy: principal.keyId,
    }
    await insertRun(db, run)
    try {
      const result = await computeRun(
        db,
        programme,
        { version: chosen.version, rule: chosen.rule as FeeRule },
        body,
        (parts) => insertRunProviders(db, run.id, parts),
      )
      const surveyVersions = await surveyVersionsUsed(db, programme.id, body.from, body.to)
      await completeRun(db, { id: run.id, programmeId: programme.id, period: body }, result.inputsHash, {
        totalCents: result.statement.totalCents,
        unallocatedCents: result.statement.unallocatedCents,
        surveyVersions,
      })
    } catch (err) {
      await discardRun(db, run.id)
      throw err
    }
    const saved = (await getRun(db, run.id))!
    return c.json(runView(saved, await runProviders(db, run.id, null, false), false), 201)
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
    const issues: FieldIssue[] = []
    const rules = body.rules.map((input, i) => {
      const parsed = parseFeeRule(input, programme.currency)
      if (!parsed.ok)
        issues.push(
          ...parsed.issues.map((x) => ({
            path: `rules[${i}]${x.path ? `.${x.path}` : ''}`,
            message: `rules[${i}]${x.path ? '.' : ': '}${x.message}`,
          })),
        )
      return parsed.ok ? parsed.rule : null
    })
    if (issues.length > 0) throw invalid(issues)
    // The same engine as a run, on the same data, without storing anything.
    const results: RunResult[] = []
    for (const rule of rules as FeeRule[])
      results.push(await computeRun(c.env.DB, programme, { version: null, rule }, body, async () => {}))
    const first = results[0].statement.providers
    return c.json({
      programmeId: programme.id,
      period: { from: body.from, to: body.to },
      currency: programme.currency,
      rules: results.map((r, i) => ({
        index: i,
        total: formatCents(r.statement.totalCents),
        unallocated: formatCents(r.statement.unallocatedCents),
        inputsHash: r.inputsHash,
      })),
      providers: first.map((p, k) => {
        const amounts = results.map((r) => r.statement.providers[k].totalCents)
        return {
          providerId: p.providerId,
          name: p.name,
          amounts: amounts.map(formatCents),
          // each rule against the first one
          differences: amounts.map((a) => formatCents(a - amounts[0])),
        }
      }),
      statements: results.map((r) => r.statement.providers.map((p) => providerView(p))),
    })
  })
