import { insertOutcome, listOutcomes, type Outcome } from '../db/outcomes.ts'
import type { Episode } from '../domain/episode.ts'
import { ApiError } from '../http/errors.ts'
import { newId } from '../lib/crypto.ts'
import type { OutcomeInput } from '../schemas/episodes.ts'
import type { Deps } from './deps.ts'

/** Records a result event once: the same type, day and value again is a harmless repeat (created: false). */
export async function recordOutcome(
  deps: Deps,
  episode: Episode,
  input: OutcomeInput,
): Promise<{ outcome: Outcome; created: boolean }> {
  if (input.occurredOn < episode.startedOn) {
    throw new ApiError(422, 'An outcome cannot precede the service', {
      issues: [{ path: 'occurredOn', message: `must not be before the episode started (${episode.startedOn})` }],
    })
  }
  const value = input.value ?? null
  const same = (await listOutcomes(deps.db, episode.id)).find(
    (o) => o.type === input.type && o.occurredOn === input.occurredOn,
  )
  if (same) {
    if (same.value === value) return { outcome: same, created: false }
    throw new ApiError(409, `A ${input.type} outcome on ${input.occurredOn} is already recorded with another value`, {
      issues: [{ path: 'value', message: `already recorded as ${same.value}` }],
    })
  }
  const outcome: Outcome = {
    id: newId('out'),
    episodeId: episode.id,
    type: input.type,
    occurredOn: input.occurredOn,
    value,
    createdAt: deps.now(),
  }
  await insertOutcome(deps.db, outcome)
  return { outcome, created: true }
}
