import type { RunResult } from '../app/compute-run.ts'
import type { FeeRun, StoredProviderPart } from '../db/fee-runs.ts'
import { linesForProviderKey, type ProviderFeeLine } from '../domain/fees/provider-lines.ts'
import { type ComponentResult, type FeeLine, formatCents, type ProviderStatement } from '../domain/fees.ts'

const componentView = (c: ComponentResult) => ({
  type: c.type,
  amount: formatCents(c.amountCents),
  explanation: c.explanation,
  ...(c.details ? { details: c.details } : {}),
})
const lineView = (l: FeeLine | ProviderFeeLine) => ({
  episodeId: l.episodeId,
  externalRef: l.externalRef,
  component: l.component,
  type: l.type,
  amount: formatCents(l.amountCents),
  reason: l.reason,
  ...('clients' in l && l.clients !== null ? { clients: l.clients, respondents: l.respondents } : {}),
})

/**
 * The lines a key may see: all of them for a procurer; for a provider key, each client-basis quality
 * component as one line per run (clients, respondents, amount), never one client's quality share.
 */
export function visibleLines(
  statement: Omit<ProviderStatement, 'lines'>,
  lines: FeeLine[],
  providerKey: boolean,
): Array<FeeLine | ProviderFeeLine> {
  return providerKey ? linesForProviderKey(lines, statement.responses) : lines
}

export function providerView(s: Omit<ProviderStatement, 'lines'>, lines: FeeLine[] | null = null, providerKey = false) {
  return {
    providerId: s.providerId,
    name: s.name,
    clients: s.clients,
    responses: s.responses,
    responseRate: s.responseRate,
    qualityIndex: s.qualityIndex,
    components: s.components.map(componentView),
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
    unallocated: ownProviderOnly || !run.summary ? null : formatCents(run.summary.unallocatedCents),
    total: ownProviderOnly || !run.summary ? null : formatCents(run.summary.totalCents),
  }
}

/** A stored run as the API shows it; a provider key's view has only its own part and no programme totals. */
export function runView(run: FeeRun, parts: StoredProviderPart[], ownProviderOnly: boolean) {
  return {
    ...runHeader(run, ownProviderOnly),
    providers: parts.map((p) => providerView(p.statement, p.lines, ownProviderOnly)),
  }
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
      unallocated: formatCents(r.statement.unallocatedCents),
      inputsHash: r.inputsHash,
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
