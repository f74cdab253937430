import type { Actor, EpisodeStatus } from './episode.ts'
import type { Principal } from './principal.ts'

export type LinkCustody = 'laatu' | 'provider'
export type ProviderEpisodes = 'confirm' | 'trusted' | 'off'

/**
 * Links go to the procurer always, to a provider only where the programme chose provider custody, and never the
 * follow-up wave's: its answers report the outcomes that result components pay the provider for, so a provider
 * holding the link could answer "recruited: yes" itself. Laatu sends those, or the procurer hands them over.
 */
export const mayHoldLinks = (
  principal: Principal,
  custody: LinkCustody,
  wave: 'exit' | 'intake' | 'followup',
): boolean => principal.role !== 'provider' || (custody === 'provider' && wave !== 'followup')

export function actorOf(principal: Principal): Actor {
  // A national key writes nothing (requireKey refuses it every write); no episode may name it as its actor.
  if (principal.role === 'national') throw new Error('A national key cannot act on episodes')
  return { keyId: principal.keyId, role: principal.role }
}

/**
 * What a new episode becomes: a procurer's is confirmed by its import; a provider's waits for the
 * procurer unless the programme trusts its providers (then the setting is the confirmation: no key).
 */
export function newEpisodeReview(
  principal: Principal,
  setting: ProviderEpisodes,
  at: string,
): { status: EpisodeStatus; reviewedBy: (Actor & { at: string }) | null } {
  if (principal.role !== 'provider') return { status: 'confirmed', reviewedBy: { ...actorOf(principal), at } }
  if (setting === 'trusted') return { status: 'confirmed', reviewedBy: { keyId: null, role: null, at } }
  return { status: 'pending', reviewedBy: null }
}
