import type { RunResult } from '../app/compute-run.ts'
import type { FeeRun, LineAtRisk, StoredProviderPart } from '../db/fee-runs.ts'
import type { BudgetSummary, ComponentResult, FeeConfidence, FeeLine } from '../domain/fees.ts'
import { formatCents } from '../domain/fees.ts'
import { type ProviderSettledLine, type SettledLine, settledLinesForProviderKey } from '../domain/ledger.ts'

type Stored = StoredProviderPart['statement']
type MaybeSettled = FeeLine & Partial<SettledLine>

// Amount: what the run found owed; paidBefore: what earlier final runs paid for the same client and
// component (0 in runs from before the ledger and in simulations); payable: what this run pays.
const paidFigures = (amountCents: number, paidBeforeCents: number | undefined) => ({
  amount: formatCents(amountCents),
  paidBefore: formatCents(paidBeforeCents ?? 0),
  payable: formatCents(amountCents - (paidBeforeCents ?? 0)),
})

// The suppression sensitivity rests on the provider's lowest 10 % of answers (one answer below 10): the
// procurer who chose the option sees it, a provider key never (it would read one respondent's index from it).
const componentView = (c: ComponentResult & { key?: string; paidBeforeCents?: number }, providerKey: boolean) => ({
  type: c.type,
  ...(c.key !== undefined ? { key: c.key } : {}),
  ...paidFigures(c.amountCents, c.paidBeforeCents),
  explanation: c.explanation,
  ...(c.details ? { details: c.details } : {}),
  ...(c.suppression && !providerKey
    ? { suppressionSensitivity: { answers: c.suppression.answers, gain: formatCents(c.suppression.gainCents) } }
    : {}),
})
const lineView = (l: MaybeSettled | ProviderSettledLine, small: boolean) => ({
  episodeId: l.episodeId,
  externalRef: l.externalRef,
  component: l.component,
  ...(l.componentKey !== undefined ? { componentKey: l.componentKey } : {}),
  type: l.type,
  ...paidFigures(l.amountCents, l.paidBeforeCents),
  reason: l.reason,
  ...('clients' in l && l.clients !== null ? { clients: l.clients, respondents: l.respondents } : {}),
  ...(l.confidence && !small ? confidenceView(l.confidence) : {}),
})

const confidenceView = (c: FeeConfidence) => ({
  confidence: c.confidence,
  threshold: c.threshold,
  thresholdReached: c.reached,
  thresholds: c.thresholds,
  expectedAmount: formatCents(c.expectedAmountCents),
})

/** Null for runs stored before fee confidence. */
const expectedOwed = (cents: number | undefined) => (cents === undefined ? null : formatCents(cents))

/**
 * The lines a key may see: all of them for a procurer; for a provider key, each client-basis quality
 * component as one line per run (clients, respondents, amount), never one client's quality share.
 */
export function visibleLines(
  statement: Pick<Stored, 'responses'>,
  lines: MaybeSettled[],
  providerKey: boolean,
): Array<MaybeSettled | ProviderSettledLine> {
  return providerKey ? settledLinesForProviderKey(lines, statement.responses) : lines
}

/**
 * Below minGroup answers a provider key sees neither its index nor how sure a line is: with two answers the
 * mean and the spread behind a confidence give both answers away.
 */
export const tooFewForProvider = (s: Pick<Stored, 'responses'>, providerKeyMinGroup: number | null) =>
  providerKeyMinGroup !== null && s.responses < providerKeyMinGroup

/**
 * `total` is what the run pays the provider (sum of payable); `owed` what it found owed. `providerKeyMinGroup`:
 * null for a procurer, the programme's minGroup for a provider key.
 */
export function providerView(
  s: Stored,
  lines: MaybeSettled[] | null = null,
  providerKeyMinGroup: number | null = null,
) {
  const providerKey = providerKeyMinGroup !== null
  const small = tooFewForProvider(s, providerKeyMinGroup)
  return {
    providerId: s.providerId,
    name: s.name,
    clients: s.clients,
    responses: s.responses,
    responseRate: s.responseRate,
    qualityIndex: small ? null : s.qualityIndex,
    components: s.components.map((c) => componentView(c, providerKey)),
    owed: formatCents(s.owedCents ?? s.totalCents),
    expectedOwed: expectedOwed(s.expectedTotalCents),
    paidBefore: formatCents(s.paidBeforeCents ?? 0),
    total: formatCents(s.totalCents),
    ...(lines ? { lines: visibleLines(s, lines, providerKey).map((l) => lineView(l, small)) } : {}),
  }
}

/** A run without its statements, as listed; a provider key's view has no programme totals. */
export function runHeader(run: FeeRun, ownProviderOnly: boolean) {
  return {
    id: run.id,
    programmeId: run.programmeId,
    status: run.status,
    ruleVersion: run.ruleVersion,
    surveyVersions: run.summary?.surveyVersions ?? [],
    linkCustody: run.summary?.linkCustody ?? 'laatu',
    period: run.period,
    inputsHash: run.inputsHash,
    createdAt: run.createdAt,
    finalisedAt: run.finalisedAt,
    supersededBy: run.supersededBy,
    currency: run.currency,
    ledgerVersion: run.ledgerVersion,
    unallocated: ownProviderOnly || !run.summary ? null : formatCents(run.summary.unallocatedCents),
    owed: ownProviderOnly || !run.summary ? null : formatCents(run.summary.owedCents ?? run.summary.totalCents),
    expectedOwed: ownProviderOnly || !run.summary ? null : expectedOwed(run.summary.expectedOwedCents),
    paidBefore: ownProviderOnly || !run.summary ? null : formatCents(run.summary.paidBeforeCents ?? 0),
    total: ownProviderOnly || !run.summary ? null : formatCents(run.summary.totalCents),
    budget: ownProviderOnly || !run.summary?.budget ? null : budgetView(run.summary.budget),
  }
}

/** What a budget did to a run: base fees kept, the rest scaled by `factor` (the statement says so). */
export function budgetView(b: BudgetSummary) {
  return {
    budget: formatCents(b.budgetCents),
    base: formatCents(b.baseCents),
    otherBeforeScaling: formatCents(b.unscaledCents),
    otherAfterScaling: formatCents(b.scaledCents),
    factor: b.factor,
  }
}

/**
 * A stored run as the API shows it; a provider key's view (`providerKeyMinGroup` not null) has only its own
 * part and no programme totals.
 */
export function runView(run: FeeRun, parts: StoredProviderPart[], providerKeyMinGroup: number | null) {
  return {
    ...runHeader(run, providerKeyMinGroup !== null),
    providers: parts.map((p) => providerView(p.statement, p.lines, providerKeyMinGroup)),
  }
}

/** Lines most at risk of misclassification, lowest confidence first (GET /fee-runs/{id}). */
export function atRiskView(rows: LineAtRisk[]) {
  return rows.map(({ providerId, name, qualityIndex, line }) => ({
    providerId,
    name,
    qualityIndex,
    component: line.component,
    ...(line.componentKey !== undefined ? { componentKey: line.componentKey } : {}),
    type: line.type,
    amount: formatCents(line.amountCents),
    ...(line.confidence ? confidenceView(line.confidence) : {}),
  }))
}

/** Simulated statements side by side, each rule's provider totals against the first rule's. */
export function simulationView(
  programme: { id: string; currency: string },
  period: { from: string; to: string },
  results: RunResult[],
) {
  const first = results[0].statement.providers
  return {
    programmeId: programme.id,
    period,
    currency: programme.currency,
    rules: results.map((r, i) => ({
      index: i,
      total: formatCents(r.statement.totalCents),
      expected: formatCents(r.statement.expectedTotalCents),
      unallocated: formatCents(r.statement.unallocatedCents),
      inputsHash: r.inputsHash,
      budget: r.statement.budget ? budgetView(r.statement.budget) : null,
    })),
    providers: first.map((p, k) => {
      const amounts = results.map((r) => r.statement.providers[k].totalCents)
      return {
        providerId: p.providerId,
        name: p.name,
        amounts: amounts.map(formatCents),
        differences: amounts.map((a) => formatCents(a - amounts[0])),
      }
    }),
    statements: results.map((r) => r.statement.providers.map((p) => providerView(p))),
  }
}

export const STATEMENT_CSV_HEADER = [
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
  'linkCustody',
  'paidBefore',
  'payable',
]
