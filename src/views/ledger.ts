import type { LedgerEntry } from '../db/ledger.ts'
import { formatCents } from '../domain/fees.ts'

/** One fee ledger entry: what was paid for whom, when, in which run, under which rule version and why. */
export const ledgerEntryView = (e: LedgerEntry) => ({
  runId: e.runId,
  ledgerVersion: e.ledgerVersion,
  finalisedAt: e.finalisedAt,
  providerId: e.providerId,
  episodeId: e.episodeId,
  externalRef: e.externalRef,
  component: e.component,
  componentKey: e.componentKey,
  type: e.type,
  ruleVersion: e.ruleVersion,
  period: e.period,
  amount: formatCents(e.amountCents),
  paidBefore: formatCents(e.paidBeforeCents),
  payable: formatCents(e.payableCents),
  reason: e.reason,
  ...(e.lines !== undefined ? { lines: e.lines } : {}),
})

export const LEDGER_CSV_HEADER = [
  'runId',
  'ledgerVersion',
  'finalisedAt',
  'providerId',
  'externalRef',
  'component',
  'componentKey',
  'type',
  'ruleVersion',
  'from',
  'to',
  'amount',
  'paidBefore',
  'payable',
  'currency',
  'reason',
  'lines',
]

export const ledgerCsvRow = (e: LedgerEntry, currency: string) => [
  e.runId,
  e.ledgerVersion,
  e.finalisedAt,
  e.providerId,
  e.externalRef,
  e.component,
  e.componentKey,
  e.type,
  e.ruleVersion,
  e.period.from,
  e.period.to,
  formatCents(e.amountCents),
  formatCents(e.paidBeforeCents),
  formatCents(e.payableCents),
  currency,
  e.reason,
  e.lines ?? null,
]
