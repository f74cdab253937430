// The fee lines a provider key sees. Base and result lines per client are the provider's own business (it
// knows its clients and their results), but a client-basis quality line is one client's quality index in
// euros: a provider key gets each such component as one line per run, with the clients, the respondents and
// the amount, never one per client. The procurer keeps the per-client lines (a payment must be traceable).
import { counted } from './money.ts'
import type { FeeLine } from './types.ts'

export type ProviderFeeLine = FeeLine & { clients: number | null; respondents: number | null }

/** A client line of a quality component: its amount follows from one client's answers. */
const isClientQuality = (l: FeeLine) => l.type === 'quality' && l.externalRef !== null

/**
 * Lines with every client-basis quality component summed into one provider-level line (in the place of its
 * first client line's component order: provider-level lines come last, as in the full statement).
 * `respondents` is the provider's count of clients with a scored response in the run.
 */
export function linesForProviderKey(lines: readonly FeeLine[], respondents: number): ProviderFeeLine[] {
  const kept: ProviderFeeLine[] = []
  const quality = new Map<number, { clients: number; amountCents: number }>()
  for (const l of lines) {
    if (!isClientQuality(l)) {
      kept.push({ ...l, clients: null, respondents: null })
      continue
    }
    const sum = quality.get(l.component) ?? { clients: 0, amountCents: 0 }
    sum.clients += 1
    sum.amountCents += l.amountCents
    quality.set(l.component, sum)
  }
  const summed = [...quality.entries()]
    .sort(([a], [b]) => a - b)
    .map(
      ([component, s]): ProviderFeeLine => ({
        episodeId: null,
        externalRef: null,
        component,
        type: 'quality',
        amountCents: s.amountCents,
        reason: `${counted(s.clients, 'client')}, ${respondents} with a scored response (per-client quality lines go to the procurer only)`,
        clients: s.clients,
        respondents,
      }),
    )
  const provider = [...kept.filter((l) => l.externalRef === null), ...summed].sort((a, b) => a.component - b.component)
  return [...kept.filter((l) => l.externalRef !== null), ...provider]
}
