import type { ComponentOutcome, ComponentResult, FeeClient, FeeLine } from './types.ts'

export function clientLine(
  client: FeeClient,
  component: number,
  type: string,
  amountCents: number,
  reason: string,
): FeeLine {
  return { episodeId: client.episodeId, externalRef: client.externalRef, component, type, amountCents, reason }
}

export function providerLine(component: number, type: string, amountCents: number, reason: string): FeeLine {
  return { episodeId: null, externalRef: null, component, type, amountCents, reason }
}

/** The component total is the sum of its lines, so a statement always adds up line by line. */
export function outcomeOf(
  index: number,
  type: string,
  lines: FeeLine[],
  explanation: string,
  details?: ComponentResult['details'],
): ComponentOutcome {
  const amountCents = lines.reduce((total, line) => total + line.amountCents, 0)
  const result: ComponentResult = { index, type, amountCents, explanation }
  if (details) result.details = details
  return { result, lines }
}
