// Runs the fee engine over a programme-period inside the Worker without holding every client in memory:
// provider-level sums for all providers first (one SQL aggregate), then clients one chunk of providers
// at a time, each chunk's statements handed to `sink` (which stores them) and dropped.

import { clientsOf } from '../db/fee-inputs.ts'
import { paidBefore } from '../db/ledger.ts'
import type { Programme } from '../db/programmes.ts'
import { providerSums } from '../db/scores.ts'
import type { FeeRule } from '../domain/fee-rule.ts'
import {
  assembleStatement,
  type BaselineProvider,
  feeContext,
  type ProviderStatement,
  type ProviderSummary,
  providerStatement,
  type Statement,
} from '../domain/fees.ts'
import { settleStatement } from '../domain/ledger.ts'
import { sha256Hex } from '../lib/crypto.ts'

/** Providers per chunk: about 1,250 clients each at full scale, so a chunk stays a few MB. */
const PROVIDERS_PER_CHUNK = 25

/**
 * statement.totalCents and each provider's totalCents are what the run pays; owedCents what it found owed.
 * Without a ledger (simulations) nothing was paid before, so the two are equal.
 */
export type RunResult = { statement: Statement; inputsHash: string; owedCents: number; paidBeforeCents: number }

async function summaries(db: D1Database, programmeId: string, from: string, to: string): Promise<ProviderSummary[]> {
  const sums = await providerSums(db, { programmeId, from, to, customerType: null, providerId: null })
  return sums
    .map((s) => ({
      providerId: s.providerId,
      name: s.name,
      clients: s.clients,
      invited: s.invited,
      completed: s.completed,
      responses: s.n,
      qualitySum: s.sum,
    }))
    .sort((a, b) => (a.providerId < b.providerId ? -1 : a.providerId > b.providerId ? 1 : 0))
}

/** Provider quality in the baseline period of a value-based component (the first one, if several). */
async function baselineOf(
  db: D1Database,
  programmeId: string,
  rule: FeeRule,
): Promise<{ providers: BaselineProvider[] } | undefined> {
  for (const c of rule.components) {
    if (c.type === 'quality' && c.basis === 'provider' && c.scoring.mode === 'valueBased') {
      const rows = await summaries(db, programmeId, c.scoring.baseline.from, c.scoring.baseline.to)
      return {
        providers: rows.map((r) => ({
          providerId: r.providerId,
          n: r.responses,
          q: r.responses === 0 ? null : r.qualitySum / r.responses,
        })),
      }
    }
  }
  return undefined
}

export async function computeRun(
  db: D1Database,
  programme: Programme,
  rule: { version: number | null; rule: FeeRule },
  period: { from: string; to: string },
  sink: (statements: ProviderStatement[]) => Promise<void>,
  /** Settle against the programme's fee ledger read at this version (fee runs); none for simulations. */
  ledger: { version: number } | null = null,
): Promise<RunResult> {
  const all = await summaries(db, programme.id, period.from, period.to)
  const baseline = await baselineOf(db, programme.id, rule.rule)
  const context = feeContext(rule.rule, programme.currency, all, baseline)
  const kept: ProviderStatement[] = []
  let owedCents = 0
  const providerHashes: string[] = []
  for (let i = 0; i < all.length; i += PROVIDERS_PER_CHUNK) {
    const chunk = all.slice(i, i + PROVIDERS_PER_CHUNK)
    const clients = await clientsOf(
      db,
      programme.id,
      period.from,
      period.to,
      chunk.map((p) => p.providerId),
    )
    const paid = ledger
      ? await paidBefore(
          db,
          programme.id,
          chunk.map((p) => p.providerId),
          period,
        )
      : null
    const statements: ProviderStatement[] = []
    let owed = 0
    for (const summary of chunk) {
      const provider = {
        providerId: summary.providerId,
        name: summary.name,
        clients: clients.get(summary.providerId)!,
        invited: summary.invited,
        completed: summary.completed,
      }
      // The hash covers every input that can move money: clients, outcomes, responses, counts.
      providerHashes.push(await sha256Hex(JSON.stringify(provider)))
      const statement = providerStatement(context, provider)
      owed += statement.totalCents
      statements.push(paid ? settleStatement(rule.rule, statement, period, paid) : statement)
    }
    await sink(statements)
    owedCents += owed
    for (const s of statements) kept.push({ ...s, lines: [] })
  }
  // The ledger version fixes what was paid before, so it is an input too.
  const inputsHash = await sha256Hex(
    JSON.stringify({
      ruleVersion: rule.version,
      rule: rule.rule,
      period,
      baseline,
      providers: providerHashes,
      ...(ledger ? { ledgerVersion: ledger.version } : {}),
    }),
  )
  const statement = assembleStatement(context, kept)
  return { statement, inputsHash, owedCents, paidBeforeCents: owedCents - statement.totalCents }
}
