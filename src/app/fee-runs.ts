import { surveyVersionsOf } from '../db/fee-inputs.ts'
import {
  completeRun,
  discardRun,
  type FeeRun,
  getRun,
  insertRun,
  insertRunProviders,
  listDisputes,
} from '../db/fee-runs.ts'
import { finaliseIntoLedger, ledgerVersion, owedProviderLines, paidProviderLines } from '../db/ledger.ts'
import { listFeeRules, type Programme } from '../db/programmes.ts'
import { type FeeRule, toCents } from '../domain/fee-rule.ts'
import { providerLevelConflict } from '../domain/ledger.ts'
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
    throw invalid([{ path: 'feeRule', message: 'the programme has no fee rule yet (PUT /fee-rule first)' }])
  }
  throw invalid([{ path: 'ruleVersion', message: `the programme has no fee rule version ${ruleVersion}` }])
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
    // Read before any paid-before figure: a finalisation after this makes the draft stale (finaliseFeeRun).
    const ledger = { version: await ledgerVersion(db, programme.id) }
    const store = (parts: Parameters<typeof insertRunProviders>[2]) => insertRunProviders(db, run.id, parts)
    const budgetCents = request.budget === undefined ? undefined : toCents(request.budget)
    const result = await computeRun(db, programme, rule, period, store, { now: run.createdAt, budgetCents, ledger })
    const completed = { id: run.id, programmeId: programme.id, period, ledgerVersion: ledger.version }
    await completeRun(db, completed, result.inputsHash, {
      totalCents: result.statement.totalCents,
      owedCents: result.owedCents,
      expectedOwedCents: result.statement.expectedTotalCents,
      paidBeforeCents: result.paidBeforeCents,
      unallocatedCents: result.statement.unallocatedCents,
      surveyVersions: await surveyVersionsOf(db, result.surveyVersions),
      linkCustody: programme.linkCustody,
      ...(result.statement.budget ? { budget: result.statement.budget } : {}),
    })
  } catch (err) {
    await discardRun(db, run.id)
    throw err
  }
  return (await getRun(db, run.id))!
}

const STALE =
  'Stale draft: another run of the programme was finalised after this draft was computed, so what it pays ' +
  'may already be paid. Compute the run again (POST /fee-runs) and finalise the new draft'

/** Refuses a run that would pay a provider-level component over a period overlapping a different paid one. */
async function checkProviderLevel(db: D1Database, run: FeeRun): Promise<void> {
  const paid = await paidProviderLines(db, run.programmeId, run.period)
  if (paid.length === 0) return
  const clash = providerLevelConflict(run.period, await owedProviderLines(db, run.id), paid)
  if (!clash) return
  throw new ApiError(
    409,
    `Final run ${clash.runId} already paid component ${clash.componentKey} (${clash.type}) to provider ${clash.providerId} ` +
      `for ${clash.from}..${clash.to}, which overlaps ${run.period.from}..${run.period.to}: a provider-level amount ` +
      'is paid once per period, so run it over the same period or one that does not overlap',
    { issues: [{ path: `runs.${clash.runId}`, message: `overlapping final run ${clash.runId}` }] },
  )
}

/**
 * A draft becomes final once every dispute on it is resolved; a final run never changes. Its lines enter the
 * fee ledger in the same transaction, and only if no other run of the programme was finalised since the draft
 * read the ledger: of two concurrent finalisations one pays, the other gets 409 (stale draft).
 */
export async function finaliseFeeRun(deps: Deps, run: FeeRun): Promise<FeeRun> {
  const open = (await listDisputes(deps.db, run.id, null)).filter((d) => d.status === 'open')
  if (open.length > 0) {
    throw new ApiError(409, `Resolve the ${open.length} open dispute(s) first`, {
      issues: open.map((d) => ({ path: `disputes.${d.id}`, message: `open dispute from ${d.providerId}` })),
    })
  }
  const notDraft = (status: string) => new ApiError(409, `The run is ${status}; only a draft can be finalised`)
  if (run.status !== 'draft') throw notDraft(run.status)
  if (run.ledgerVersion === null) throw new ApiError(409, STALE)
  await checkProviderLevel(deps.db, run)
  const outcome = await finaliseIntoLedger(deps.db, run, run.ledgerVersion, deps.now())
  const now = (await getRun(deps.db, run.id))!
  if (outcome === 'final') return now
  throw now.status !== 'draft' ? notDraft(now.status) : new ApiError(409, STALE)
}
