// Steering-group ratings (panel fee components) and outcomes recorded on a provider (lumpSum components).
import { appendPanelRating, type PanelRatingRecord } from '../db/panel-ratings.ts'
import type { Programme } from '../db/programmes.ts'
import { listFeeRules } from '../db/programmes.ts'
import { insertProviderOutcome, listProviderOutcomes, type ProviderOutcome } from '../db/provider-outcomes.ts'
import { getProvider, type Provider } from '../db/providers.ts'
import type { FeeRule } from '../domain/fee-rule.ts'
import { ApiError, invalid } from '../http/errors.ts'
import { newId } from '../lib/crypto.ts'
import type { OutcomeInput } from '../schemas/episodes.ts'
import type { PanelRatingInput } from '../schemas/panel.ts'
import type { Deps } from './deps.ts'

/** The provider named, or 404 when it is not one of the programme's. */
export async function programmeProvider(deps: Deps, programme: Programme, providerId: string): Promise<Provider> {
  const provider = await getProvider(deps.db, providerId)
  if (!provider || provider.programmeId !== programme.id) {
    throw new ApiError(404, `No provider ${providerId} in programme ${programme.id}`)
  }
  return provider
}

/**
 * A new version of the provider's rating for the period (the latest counts). The rating must lie on the scale
 * of every panel component of the programme's current fee rule; without a panel component it is refused.
 */
export async function recordPanelRating(
  deps: Deps,
  programme: Programme,
  input: PanelRatingInput,
  by: string | null,
): Promise<PanelRatingRecord> {
  const versions = await listFeeRules(deps.db, programme.id)
  const rule = versions[versions.length - 1]?.rule as FeeRule | undefined
  const panels = (rule?.components ?? []).flatMap((c) => (c.type === 'panel' ? [c] : []))
  if (panels.length === 0) {
    throw invalid([{ path: 'rating', message: "the programme's current fee rule has no panel component" }])
  }
  for (const { scale } of panels) {
    if (input.rating < scale.min || input.rating > scale.max) {
      throw invalid([
        {
          path: 'rating',
          message: `must be between ${scale.min} and ${scale.max} (the scale of the fee rule's panel component)`,
        },
      ])
    }
  }
  if (!(await getProvider(deps.db, input.providerId).then((p) => p?.programmeId === programme.id))) {
    throw invalid([{ path: 'providerId', message: `no provider ${input.providerId} in this programme` }])
  }
  return appendPanelRating(deps.db, {
    id: newId('pnl'),
    programmeId: programme.id,
    providerId: input.providerId,
    period: input.period,
    rating: input.rating,
    reason: input.reason,
    createdAt: deps.now(),
    createdBy: by,
  })
}

/** Records a provider outcome once: the same type, day and value again is a harmless repeat (created: false). */
export async function recordProviderOutcome(
  deps: Deps,
  provider: Provider,
  input: OutcomeInput,
): Promise<{ outcome: ProviderOutcome; created: boolean }> {
  const value = input.value ?? null
  const same = (await listProviderOutcomes(deps.db, provider.id)).find(
    (o) => o.type === input.type && o.occurredOn === input.occurredOn,
  )
  if (same) {
    if (same.value === value) return { outcome: same, created: false }
    throw new ApiError(409, `A ${input.type} outcome on ${input.occurredOn} is already recorded with another value`, {
      issues: [{ path: 'value', message: `already recorded as ${same.value}` }],
    })
  }
  const outcome: ProviderOutcome = {
    id: newId('pout'),
    providerId: provider.id,
    type: input.type,
    occurredOn: input.occurredOn,
    value,
    createdAt: deps.now(),
  }
  await insertProviderOutcome(deps.db, outcome)
  return { outcome, created: true }
}
