// Runs the fee engine over a programme-period inside the Worker without holding every client in memory:
// provider-level sums for all providers first (one SQL aggregate), then clients one chunk of providers
// at a time, each chunk's statements handed to `sink` (which stores them) and dropped. With a budget the
// chunks are computed twice: once for the totals the budget is split by, once to scale and store. A fee
// run settles each line against the fee ledger: what final runs paid for it before is subtracted.

import { rawFacts } from '../db/facts/source.ts'
import {
  changeSumsOf,
  clientsOf,
  feeSummaries,
  panelRatingsOf,
  providerOutcomesOf,
  type SurveyVersionUsed,
} from '../db/fee-inputs.ts'
import { paidBefore } from '../db/ledger.ts'
import type { Programme } from '../db/programmes.ts'
import { caseMixCells } from '../db/scores.ts'
import { fitCaseMix } from '../domain/case-mix.ts'
import type { FeeRule } from '../domain/fee-rule.ts'
import {
  assembleStatement,
  type BaselineProvider,
  BudgetBelowBase,
  type BudgetPlan,
  baselineIndices,
  budgetPlan,
  type FeeContext,
  feeContext,
  type ProviderStatement,
  type ProviderSummary,
  providerStatement,
  type Statement,
  scaleToBudget,
  totalsOf,
} from '../domain/fees.ts'
import { settleStatement } from '../domain/ledger.ts'
import { invalid } from '../http/errors.ts'
import { sha256Hex } from '../lib/crypto.ts'

/** Providers per chunk: about 1,250 clients each at full scale, so a chunk stays a few MB. */
const PROVIDERS_PER_CHUNK = 25

/**
 * statement.totalCents and each provider's totalCents are what the run pays; owedCents what it found owed.
 * Without a ledger (simulations) nothing was paid before, so the two are equal. surveyVersions: those of the
 * completed responses of the clients ending in the period, in no particular order and possibly repeated.
 */
export type RunResult = {
  statement: Statement
  inputsHash: string
  owedCents: number
  paidBeforeCents: number
  surveyVersions: SurveyVersionUsed[]
}

/**
 * The moment the run is computed (open invitations then are pending), an optional budget in cents, and the
 * fee ledger's version to settle against (fee runs; none for simulations).
 */
export type RunOptions = { now: string; budgetCents?: number; ledger?: { version: number } | null }

/** Provider quality in the baseline period of a value-based component (the first one, if several). */
async function baselineOf(
  db: D1Database,
  programmeId: string,
  rule: FeeRule,
  now: string,
): Promise<{ providers: BaselineProvider[] } | undefined> {
  for (const c of rule.components) {
    if (c.type === 'quality' && c.basis === 'provider' && c.scoring.mode === 'valueBased') {
      const rows = await feeSummaries(db, programmeId, c.scoring.baseline.from, c.scoring.baseline.to, now)
      return { providers: baselineIndices(c, rows) }
    }
  }
  return undefined
}

/** Whether some provider-level quality component of the rule pays by this index. */
const paysBy = (rule: FeeRule, index: 'adjusted' | 'change') =>
  rule.components.some((c) => c.type === 'quality' && c.basis === 'provider' && c.index === index)

/**
 * The summaries with each provider's case-mix adjustment when some component pays by the adjusted index: the
 * model is fitted on the run's period over every provider, as the scores fit it (domain/case-mix.ts).
 */
async function withCaseMix(
  db: D1Database,
  programme: Programme,
  rule: FeeRule,
  period: { from: string; to: string },
  summaries: ProviderSummary[],
): Promise<ProviderSummary[]> {
  if (!paysBy(rule, 'adjusted')) return summaries
  const filter = { programmeId: programme.id, ...period, customerType: null, providerId: null }
  const fit = fitCaseMix(
    await caseMixCells(rawFacts(db, { ...filter, releaseGroup: 1 }), filter),
    programme.publication.minGroup,
  )
  return summaries.map((s) => {
    const caseMixAdjustment = fit?.adjustments.get(s.providerId)
    return caseMixAdjustment === undefined ? s : { ...s, caseMixAdjustment }
  })
}

/**
 * The summaries with each provider's change sums (clients with both waves) when some component pays by the
 * change from intake to exit; a rule that does not never reads an intake answer.
 */
async function withChange(
  db: D1Database,
  programme: Programme,
  rule: FeeRule,
  period: { from: string; to: string },
  summaries: ProviderSummary[],
): Promise<ProviderSummary[]> {
  if (!paysBy(rule, 'change')) return summaries
  const sums = await changeSumsOf(db, programme.id, period.from, period.to)
  return summaries.map((s) => ({ ...s, change: sums.get(s.providerId) ?? { n: 0, sum: 0, sumOfSquares: 0 } }))
}

async function eachChunk(
  db: D1Database,
  programme: Programme,
  context: FeeContext,
  period: { from: string; to: string },
  now: string,
  onProvider: (statement: ProviderStatement, inputsHash: string) => Promise<void>,
  onChunk: (providerIds: string[]) => Promise<void> = async () => {},
  surveyVersions: SurveyVersionUsed[] = [],
): Promise<void> {
  const all = [...context.summaries.values()]
  const providerOutcomes = await providerOutcomesOf(db, programme.id, period)
  const panelRatings = await panelRatingsOf(db, programme.id)
  for (let i = 0; i < all.length; i += PROVIDERS_PER_CHUNK) {
    const chunk = all.slice(i, i + PROVIDERS_PER_CHUNK)
    await onChunk(chunk.map((p) => p.providerId))
    const { clients, surveyVersions: used } = await clientsOf(
      db,
      programme.id,
      period,
      chunk.map((p) => p.providerId),
      now,
    )
    surveyVersions.push(...used)
    for (const summary of chunk) {
      const provider = {
        providerId: summary.providerId,
        name: summary.name,
        clients: clients.get(summary.providerId)!,
        invited: summary.invited,
        completed: summary.completed,
        outcomes: providerOutcomes.get(summary.providerId) ?? [],
        panelRatings: panelRatings.get(summary.providerId) ?? [],
      }
      // The hash covers every input that can move money: clients, outcomes, responses, counts, ratings, and the
      // change sums where a rule pays by them.
      const hashed = summary.change === undefined ? provider : { ...provider, change: summary.change }
      await onProvider(providerStatement(context, provider), await sha256Hex(JSON.stringify(hashed)))
    }
  }
}

export async function computeRun(
  db: D1Database,
  programme: Programme,
  rule: { version: number | null; rule: FeeRule },
  period: { from: string; to: string },
  sink: (statements: ProviderStatement[]) => Promise<void>,
  options: RunOptions,
): Promise<RunResult> {
  const { now, budgetCents, ledger = null } = options
  const summaries = await feeSummaries(db, programme.id, period.from, period.to, now)
  const all = await withChange(
    db,
    programme,
    rule.rule,
    period,
    await withCaseMix(db, programme, rule.rule, period, summaries),
  )
  const baseline = await baselineOf(db, programme.id, rule.rule, now)
  const context = feeContext(rule.rule, programme.currency, all, baseline, period)
  let plan: BudgetPlan | undefined
  if (budgetCents !== undefined) {
    const totals: ReturnType<typeof totalsOf>[] = []
    await eachChunk(db, programme, context, period, now, async (s) => {
      totals.push(totalsOf(s))
    })
    try {
      plan = budgetPlan(budgetCents, totals)
    } catch (err) {
      if (err instanceof BudgetBelowBase) throw invalid([{ path: 'budget', message: err.message }])
      throw err
    }
  }
  const kept: ProviderStatement[] = []
  const providerHashes: string[] = []
  let pending: ProviderStatement[] = []
  let owedCents = 0
  // What final runs already paid for this chunk's clients and components (read per chunk, as the clients are).
  let paid: Map<string, number> | null = null
  const readPaid = async (providerIds: string[]) => {
    if (ledger) paid = await paidBefore(db, programme.id, providerIds, period)
  }
  const settle = async (statement: ProviderStatement, hash: string) => {
    providerHashes.push(hash)
    const owed = plan ? scaleToBudget(statement, plan) : statement
    owedCents += owed.totalCents
    pending.push(paid ? settleStatement(rule.rule, owed, period, paid) : owed)
    if (pending.length >= PROVIDERS_PER_CHUNK) {
      await sink(pending)
      for (const s of pending) kept.push({ ...s, lines: [] })
      pending = []
    }
  }
  const surveyVersions: SurveyVersionUsed[] = []
  await eachChunk(db, programme, context, period, now, settle, readPaid, surveyVersions)
  if (pending.length > 0) {
    await sink(pending)
    for (const s of pending) kept.push({ ...s, lines: [] })
  }
  const inputsHash = await sha256Hex(
    JSON.stringify({
      ruleVersion: rule.version,
      rule: rule.rule,
      period,
      baseline,
      budgetCents,
      // The case-mix adjustments rest on answers' backgrounds and dates, which the provider hashes do not cover.
      ...(paysBy(rule.rule, 'adjusted') ? { caseMix: all.map((s) => s.caseMixAdjustment ?? null) } : {}),
      providers: providerHashes,
      // The ledger version fixes what was paid before, so it is an input too.
      ...(ledger ? { ledgerVersion: ledger.version } : {}),
    }),
  )
  const statement = assembleStatement(context, kept, plan)
  return {
    statement,
    inputsHash,
    owedCents,
    paidBeforeCents: owedCents - statement.totalCents,
    surveyVersions,
  }
}
