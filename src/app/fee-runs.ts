import { surveyVersionsUsed } from '../db/fee-inputs.ts'
import {
  completeRun,
  discardRun,
  type FeeRun,
  finaliseRun,
  getRun,
  insertRun,
  insertRunProviders,
  listDisputes,
} from '../db/fee-runs.ts'
import { listFeeRules, type Programme } from '../db/programmes.ts'
import { type FeeRule, toCents } from '../domain/fee-rule.ts'
import { ApiError, invalid } from '../http/errors.ts'
import { newId } from '../lib/crypto.ts'
import { computeRun } from './compute-run.ts'
import type { Deps } from './deps.ts'

/** The rule version a run uses: the one asked for, or the latest. */
async function ruleFor(db: D1Database, programmeId: string, ruleVersion: number | undefined) {
  const versions = await listFeeRules(db, programmeId)
  const chosen =
    ruleVersion === undefined ? versions[versions.length - 1] : versions.find((v) => v.version === ruleVersion)
  if (chosen) return chosen
  if (ruleVersion === undefined) {
    throw invalid([{ path: 'feeRule', message: 'feeRule: the programme has no fee rule yet (PUT /fee-rule first)' }])
  }
  throw invalid([{ path: 'ruleVersion', message: `ruleVersion: the programme has no fee rule version ${ruleVersion}` }])
}

/**
 * A fee run's whole life up to its draft: stored as 'computing', computed chunk by chunk, then made a
 * draft (superseding older drafts of the period) or, if anything fails, discarded without a trace.
 */
export async function createFeeRun(
  deps: Deps,
  programme: Programme,
  request: { from: string; to: string; ruleVersion?: number; budget?: number },
  createdBy: string | null,
): Promise<FeeRun> {
  const { db } = deps
  const chosen = await ruleFor(db, programme.id, request.ruleVersion)
  const period = { from: request.from, to: request.to }
  const run = {
    id: newId('run'),
    programmeId: programme.id,
    ruleVersion: chosen.version,
    ...period,
    currency: programme.currency,
    createdAt: deps.now(),
    createdBy,
  }
  await insertRun(db, run)
  try {
    const rule = { version: chosen.version, rule: chosen.rule as FeeRule }
    const result = await computeRun(db, programme, rule, period, (parts) => insertRunProviders(db, run.id, parts), {
      now: run.createdAt,
      budgetCents: request.budget === undefined ? undefined : toCents(request.budget),
    })
    await completeRun(db, { id: run.id, programmeId: programme.id, period }, result.inputsHash, {
      totalCents: result.statement.totalCents,
      unallocatedCents: result.statement.unallocatedCents,
      surveyVersions: await surveyVersionsUsed(db, programme.id, period.from, period.to),
      linkCustody: programme.linkCustody,
    })
  } catch (err) {
    await discardRun(db, run.id)
    throw err
  }
  return (await getRun(db, run.id))!
}

/** A draft becomes final once every dispute on it is resolved; a final run never changes. */
export async function finaliseFeeRun(deps: Deps, run: FeeRun): Promise<FeeRun> {
  const open = (await listDisputes(deps.db, run.id, null)).filter((d) => d.status === 'open')
  if (open.length > 0) {
    throw new ApiError(409, `Resolve the ${open.length} open dispute(s) first`, {
      issues: open.map((d) => ({ path: `disputes.${d.id}`, message: `open dispute from ${d.providerId}` })),
    })
  }
  if (!(await finaliseRun(deps.db, run.id, deps.now()))) {
    throw new ApiError(409, `The run is ${run.status}; only a draft can be finalised`)
  }
  return (await getRun(deps.db, run.id))!
}
