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

const componentView = (c: ComponentResult & { key?: string; paidBeforeCents?: number }) => ({
  type: c.type,
  ...(c.key !== undefined ? { key: c.key } : {}),
  ...paidFigures(c.amountCents, c.paidBeforeCents),
  explanation: c.explanation,
  ...(c.details ? { details: c.details } : {}),
  ...(c.suppression
    ? { suppressionSensitivity: { answers: c.suppression.answers, gain: formatCents(c.suppression.gainCents) } }
    : {}),
})
const lineView = (l: MaybeSettled | ProviderSettledLine) => ({
  episodeId: l.episodeId,
  externalRef: l.externalRef,
  component: l.component,
  ...(l.componentKey !== undefined ? { componentKey: l.componentKey } : {}),
  type: l.type,
  ...paidFigures(l.amountCents, l.paidBeforeCents),
  reason: l.reason,
  ...('clients' in l && l.clients !== null ? { clients: l.clients, respondents: l.respondents } : {}),
  ...(l.confidence ? confidenceView(l.confidence) : {}),
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

/** Below this many scored answers (the programme's minGroup) a provider key's figures would name answers. */
export const tooFewForProvider = (s: Pick<Stored, 'responses'>, providerKeyMinGroup: number | null) =>
  providerKeyMinGroup !== null && s.responses < providerKeyMinGroup

// Other providers' figures behind a provider-level amount: the rest of the programme's mean, the prior weight
// estimated from them and the pool's total weight. With two providers the rest is one provider.
const OTHERS_FIGURES = new Set(['programmeMean', 'priorWeight', 'totalWeight'])
const WITHHELD =
  "fewer scored answers than the programme's minimum group: the figures behind this amount are shown to the procurer only"
const answerBased = (type: string) => type === 'quality' || type === 'qualityPool'

/**
 * A provider key's copy of its stored part: never other providers' figures, nor the suppression sensitivity
 * (it rests on the lowest 10 % of answers, one answer below 10); below minGroup answers neither its index, nor
 * the explanations and reasons that state it, nor how sure a line is (with two answers the mean and the spread
 * behind a confidence give both away). The JSON view and both CSVs read this copy.
 */
export function partForProviderKey(part: StoredProviderPart, minGroup: number): StoredProviderPart {
  const small = tooFewForProvider(part.statement, minGroup)
  const components = part.statement.components.map(({ details, suppression: _, ...c }) => {
    if (small && answerBased(c.type)) return { ...c, explanation: WITHHELD }
    if (!details) return c
    return { ...c, details: Object.fromEntries(Object.entries(details).filter(([k]) => !OTHERS_FIGURES.has(k))) }
  })
  const lines = small
    ? (part.lines?.map(({ confidence: _, ...l }) =>
        l.externalRef === null && answerBased(l.type) ? { ...l, reason: WITHHELD } : l,
      ) ?? null)
    : part.lines
  return {
    statement: { ...part.statement, qualityIndex: small ? null : part.statement.qualityIndex, components },
    lines,
  }
}

/** The parts a key may read: as stored for a procurer (`providerKeyMinGroup` null), else partForProviderKey. */
export const partsForKey = (parts: StoredProviderPart[], providerKeyMinGroup: number | null) =>
  providerKeyMinGroup === null ? parts : parts.map((p) => partForProviderKey(p, providerKeyMinGroup))

/** `total` is what the run pays the provider (sum of payable); `owed` what it found owed. */
export function providerView(s: Stored, lines: MaybeSettled[] | null = null, providerKey = false) {
  return {
    providerId: s.providerId,
    name: s.name,
    clients: s.clients,
    responses: s.responses,
    responseRate: s.responseRate,
    qualityIndex: s.qualityIndex,
    components: s.components.map(componentView),
    owed: formatCents(s.owedCents ?? s.totalCents),
    expectedOwed: expectedOwed(s.expectedTotalCents),
    paidBefore: formatCents(s.paidBeforeCents ?? 0),
    total: formatCents(s.totalCents),
    ...(lines ? { lines: visibleLines(s, lines, providerKey).map(lineView) } : {}),
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
    providers: partsForKey(parts, providerKeyMinGroup).map((p) =>
      providerView(p.statement, p.lines, providerKeyMinGroup !== null),
    ),
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

export const LINES_CSV_HEADER = [
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
  'componentKey',
  'paidBefore',
  'payable',
]
