import type { EpisodeInput } from '../schemas/episodes.ts'
import type { Episode } from './episode.ts'
import type { FieldIssue } from './issues.ts'
import { referenceKey } from './unicode-text.ts'

/** The fields that identify what was delivered; contact data is not compared (it may have been erased). */
function sameEpisode(
  input: EpisodeInput,
  existing: Pick<
    Episode,
    'providerId' | 'customerType' | 'serviceType' | 'startedOn' | 'endedOn' | 'riskClass' | 'language'
  >,
): boolean {
  // Look-alike references were refused by the schema; the same reference in another case is the same client.
  return (
    input.providerId === existing.providerId &&
    input.customerType === existing.customerType &&
    (input.serviceType ?? null) === existing.serviceType &&
    input.startedOn === existing.startedOn &&
    input.endedOn === existing.endedOn &&
    (input.riskClass ?? null) === existing.riskClass &&
    input.language === existing.language
  )
}

export type ImportPlan = {
  /** Rows to create, each once, with their index in the request. */
  create: Array<{ index: number; input: EpisodeInput }>
  /** Rows that repeat a stored episode exactly: returned as they are. */
  existing: Array<{ index: number; episode: Episode }>
  /** Rows that repeat an externalRef within the request itself with other data (422). */
  invalid: FieldIssue[]
  /** Rows whose externalRef is stored with other data (409). */
  conflicts: FieldIssue[]
}

/**
 * Decides, for a validated import, what is new, what is a harmless repeat and what clashes.
 * Idempotency is by (programme, externalRef compared as referenceKey): `stored` is keyed that way.
 * A provider's riskClass is only its proposal, so its repeat is compared with the proposal.
 */
export function planImport(
  inputs: EpisodeInput[],
  stored: Map<string, Episode>,
  knownProviders: Set<string>,
  options: { byProvider: boolean },
): ImportPlan {
  const plan: ImportPlan = { create: [], existing: [], invalid: [], conflicts: [] }
  const firstInRequest = new Map<string, { index: number; input: EpisodeInput }>()
  const asProvider = options.byProvider
  inputs.forEach((input, index) => {
    if (!knownProviders.has(input.providerId)) {
      plan.invalid.push({
        path: `episodes[${index}].providerId`,
        message: `no provider ${input.providerId} in this programme`,
      })
      return
    }
    const key = referenceKey(input.externalRef)
    const earlier = firstInRequest.get(key)
    if (earlier) {
      if (
        !sameEpisode(input, {
          ...earlier.input,
          serviceType: earlier.input.serviceType ?? null,
          riskClass: earlier.input.riskClass ?? null,
        })
      ) {
        plan.invalid.push({
          path: `episodes[${index}].externalRef`,
          message: `"${input.externalRef}" appears again at episodes[${earlier.index}] with other data`,
        })
      }
      return
    }
    firstInRequest.set(key, { index, input })
    const found = stored.get(key)
    const compared = found && asProvider ? { ...found, riskClass: found.proposedRiskClass ?? found.riskClass } : found
    if (!found || !compared) plan.create.push({ index, input })
    else if (sameEpisode(input, compared)) plan.existing.push({ index, episode: found })
    else {
      // Never name the stored episode or its provider: the caller may not be allowed to read it.
      plan.conflicts.push({
        path: `episodes[${index}].externalRef`,
        message: `already used in this programme`,
      })
    }
  })
  return plan
}
