// capPerClient: no client earns more than the cap across the rule's per-client components in one run.
// Later components are cut first (the last component in the rule, then the one before it, ...), so the fees a
// rule lists first (base, then results, ...) are the ones kept. Provider-level lines are never cut.
import { counted, formatCents } from './money.ts'
import type { ComponentOutcome, FeeLine } from './types.ts'

export function applyCap(outcomes: ComponentOutcome[], capCents: number): ComponentOutcome[] {
  const byClient = new Map<string, FeeLine[]>()
  for (const o of outcomes) {
    for (const line of o.lines) {
      if (line.episodeId === null) continue
      const list = byClient.get(line.episodeId) ?? []
      list.push(line)
      byClient.set(line.episodeId, list)
    }
  }
  const cut = new Map<FeeLine, number>()
  for (const lines of byClient.values()) {
    let excess = lines.reduce((s, l) => s + l.amountCents, 0) - capCents
    for (const line of [...lines].sort((a, b) => b.component - a.component)) {
      if (excess <= 0) break
      const by = Math.min(excess, line.amountCents)
      if (by > 0) cut.set(line, by)
      excess -= by
    }
  }
  if (cut.size === 0) return outcomes
  const cap = formatCents(capCents)
  return outcomes.map((o) => {
    let clients = 0
    let cutCents = 0
    const lines = o.lines.map((line) => {
      const by = cut.get(line)
      if (by === undefined) return line
      clients += 1
      cutCents += by
      return {
        ...line,
        amountCents: line.amountCents - by,
        reason: `${line.reason}; cut by ${formatCents(by)} to the cap of ${cap} per client`,
      }
    })
    if (cutCents === 0) return o
    const amountCents = lines.reduce((s, l) => s + l.amountCents, 0)
    return {
      lines,
      result: {
        ...o.result,
        amountCents,
        explanation: `${o.result.explanation}; ${counted(clients, 'client')} cut by ${formatCents(cutCents)} in all to the cap of ${cap} per client (later components are cut first)`,
        details: { ...o.result.details, cappedCents: cutCents, cappedClients: clients },
      },
    }
  })
}
