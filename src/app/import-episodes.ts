import { findEpisodesByRefs, type NewEpisode, storeImport } from '../db/episodes.ts'
import { type Invitation, invitationsForEpisodes } from '../db/invitations.ts'
import type { Programme } from '../db/programmes.ts'
import { listProviders } from '../db/providers.ts'
import { actorOf, mayHoldLinks, newEpisodeReview } from '../domain/custody.ts'
import type { Episode } from '../domain/episode.ts'
import { planImport } from '../domain/episode-import.ts'
import type { Principal } from '../domain/principal.ts'
import { referenceKey } from '../domain/unicode-text.ts'
import { ApiError, invalid } from '../http/errors.ts'
import { newId } from '../lib/crypto.ts'
import type { EpisodeInput } from '../schemas/episodes.ts'
import type { Delivery, Deps } from './deps.ts'
import { type InvitationLink, type NewInvitations, newInvitations, noInvitations } from './new-invitations.ts'

export type ImportedEpisode = {
  id: string
  externalRef: string
  created: boolean
  status: Episode['status']
  /** Null while the episode is pending (or was rejected): it has no invitation. */
  invitation: Invitation | null
  /** The personal link: only for invitations this request created, and only if the caller may hold links. */
  link: InvitationLink | null
  /** The intake invitation (programmes with an intake wave, episodes confirmed within its window), else null. */
  intakeInvitation: Invitation | null
  /** Its link, under the same rules as link. */
  intakeLink: InvitationLink | null
}

export type ImportResult = { created: number; existing: number; pending: number; episodes: ImportedEpisode[] }

/** Who may import at all, and which rows: a provider key only its own, and only where the programme lets it. */
function assertMayImport(programme: Programme, inputs: EpisodeInput[], principal: Principal): void {
  if (principal.role !== 'provider') return
  if (programme.providerEpisodes === 'off') {
    throw new ApiError(403, 'In this programme only the procurer imports episodes')
  }
  const foreign = inputs.flatMap((e, i) => (e.providerId === principal.providerId ? [] : [i]))
  if (foreign.length === 0) return
  throw new ApiError(403, 'A provider key may import only its own episodes', {
    issues: foreign.map((i) => ({
      path: `episodes[${i}].providerId`,
      message: `not this key's provider`,
    })),
  })
}

/**
 * Imports service episodes all or nothing, idempotent by externalRef (compared without case or look-alike
 * forms). A procurer's episodes are confirmed and invited at once; a provider's wait for the procurer's
 * confirmation unless the programme trusts its providers, and its riskClass is kept only as a proposal.
 */
export async function importEpisodes(
  deps: Deps,
  delivery: Delivery,
  programme: Programme,
  inputs: EpisodeInput[],
  principal: Principal,
): Promise<ImportResult> {
  assertMayImport(programme, inputs, principal)
  const { db } = deps
  const byProvider = principal.role === 'provider'
  const providers = await listProviders(db, programme.id, null)
  const stored = await findEpisodesByRefs(db, programme.id, [
    ...new Set(inputs.map((e) => referenceKey(e.externalRef))),
  ])
  const plan = planImport(inputs, stored, new Set(providers.map((p) => p.id)), { byProvider })
  if (plan.invalid.length > 0) throw invalid(plan.invalid, 'Some episodes are invalid; nothing was stored')
  if (plan.conflicts.length > 0) {
    throw new ApiError(409, 'Some externalRefs are already used in this programme; nothing was stored', {
      issues: plan.conflicts,
    })
  }

  const now = deps.now()
  const review = newEpisodeReview(principal, programme.providerEpisodes, now)
  const episodes: NewEpisode[] = plan.create.map(({ input }) => ({
    id: newId('epi'),
    programmeId: programme.id,
    providerId: input.providerId,
    customerType: input.customerType,
    externalRef: input.externalRef,
    refKey: referenceKey(input.externalRef),
    serviceType: input.serviceType ?? null,
    startedOn: input.startedOn,
    endedOn: input.endedOn,
    riskClass: byProvider ? null : (input.riskClass ?? null),
    proposedRiskClass: byProvider ? (input.riskClass ?? null) : null,
    language: input.language,
    ...review,
    createdAt: now,
    createdBy: actorOf(principal),
    contactEmail: input.contact?.email ?? null,
    contactPhone: input.contact?.phone ?? null,
  }))
  const invited: NewInvitations =
    review.status === 'confirmed'
      ? await newInvitations(db, programme, providers, episodes, now, delivery)
      : noInvitations()
  if (episodes.length > 0 && (await storeImport(db, episodes, invited.invitations, invited.messages)) === 'conflict') {
    throw new ApiError(
      409,
      'Another import stored some of these externalRefs at the same time; nothing was stored, send again',
      {
        code: 'concurrent_import',
      },
    )
  }
  const mayHold = (wave: 'exit' | 'intake') => mayHoldLinks(principal, programme.linkCustody, wave)
  const held = {
    links: mayHold('exit') ? invited.links : new Map(),
    intakeLinks: mayHold('intake') ? invited.intakeLinks : new Map(),
  }
  const rows = await resultRows(db, inputs, episodes, plan.existing, held)
  return {
    created: episodes.length,
    existing: plan.existing.length,
    pending: rows.filter((r) => r.status === 'pending').length,
    episodes: rows,
  }
}

/** One row per externalRef, in request order, with its invitation as stored now. */
async function resultRows(
  db: D1Database,
  inputs: EpisodeInput[],
  created: NewEpisode[],
  existing: Array<{ episode: Episode }>,
  held: Pick<NewInvitations, 'links' | 'intakeLinks'>,
): Promise<ImportedEpisode[]> {
  const byKey = new Map<string, Pick<Episode, 'id' | 'externalRef' | 'status'> & { created: boolean }>()
  for (const e of created) byKey.set(e.refKey, { ...e, created: true })
  for (const { episode } of existing) byKey.set(referenceKey(episode.externalRef), { ...episode, created: false })
  const ids = [...byKey.values()].map((v) => v.id)
  const [invitations, intakes] = await Promise.all([
    invitationsForEpisodes(db, ids),
    invitationsForEpisodes(db, ids, 'intake'),
  ])
  const seen = new Set<string>()
  return inputs.flatMap((input) => {
    const key = referenceKey(input.externalRef)
    if (seen.has(key)) return []
    seen.add(key)
    const { id, externalRef, status, created: isNew } = byKey.get(key)!
    return [
      {
        id,
        externalRef,
        created: isNew,
        status,
        invitation: invitations.get(id) ?? null,
        link: held.links.get(id) ?? null,
        intakeInvitation: intakes.get(id) ?? null,
        intakeLink: held.intakeLinks.get(id) ?? null,
      },
    ]
  })
}
