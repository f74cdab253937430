import { pendingEpisodes, storeConfirmation, storeRejection } from '../db/episodes.ts'
import type { Programme } from '../db/programmes.ts'
import { listProviders } from '../db/providers.ts'
import { actorOf } from '../domain/custody.ts'
import type { Principal } from '../domain/principal.ts'
import { ApiError, invalid } from '../http/errors.ts'
import type { ConfirmEpisodes, RejectEpisodes } from '../schemas/episodes.ts'
import type { Delivery, Deps } from './deps.ts'
import { type InvitationLink, newInvitations } from './new-invitations.ts'

type Selection = { episodeIds?: string[]; providerId?: string }

/** The pending episodes a request names; a listed id that is not pending in this programme is a 422. */
async function selected(deps: Deps, programme: Programme, body: Selection) {
  const selection = body.episodeIds ? { episodeIds: body.episodeIds } : { providerId: body.providerId! }
  const found = await pendingEpisodes(deps.db, programme.id, selection)
  if (body.episodeIds) {
    const pending = new Set(found.map((e) => e.id))
    const missing = body.episodeIds.flatMap((id, i) => (pending.has(id) ? [] : [i]))
    if (missing.length > 0) {
      throw invalid(
        missing.map((i) => ({
          path: `episodeIds[${i}]`,
          message: `no pending episode ${body.episodeIds![i]} in this programme`,
        })),
        'Some episodes are not pending; nothing was changed',
      )
    }
  }
  return found
}

export type ConfirmResult = {
  confirmed: number
  episodes: Array<{
    id: string
    externalRef: string
    providerId: string
    riskClass: string | null
    link: InvitationLink
    /** The intake link where the episode got an intake invitation, else null. */
    intakeLink: InvitationLink | null
  }>
}

/**
 * The procurer confirms episodes a provider imported: from now on they are billable, they get their
 * personal invitations (sent by Laatu, or returned here for clients without contact data), and the
 * procurer fixes the class that prices their result fees.
 */
export async function confirmEpisodes(
  deps: Deps,
  delivery: Delivery,
  programme: Programme,
  body: ConfirmEpisodes,
  principal: Principal,
): Promise<ConfirmResult> {
  const episodes = await selected(deps, programme, body)
  const at = deps.now()
  const priced = episodes.map((e) => ({
    ...e,
    riskClass: body.riskClass ?? (body.acceptProposedRiskClass ? e.proposedRiskClass : null) ?? e.riskClass,
  }))
  const providers = await listProviders(deps.db, programme.id, null)
  const invited = await newInvitations(deps.db, programme, providers, priced, at, delivery)
  const review = { ...actorOf(principal), at, note: null }
  if ((await storeConfirmation(deps.db, priced, review, invited.invitations, invited.messages)) === 'conflict') {
    throw new ApiError(409, 'Some of these episodes were confirmed by another request; nothing was changed, send again')
  }
  return {
    confirmed: priced.length,
    episodes: priced.map((e) => ({
      id: e.id,
      externalRef: e.externalRef,
      providerId: e.providerId,
      riskClass: e.riskClass,
      link: invited.links.get(e.id)!,
      intakeLink: invited.intakeLinks.get(e.id) ?? null,
    })),
  }
}

/** The procurer refuses episodes a provider imported: they stay on record, never invited, never paid. */
export async function rejectEpisodes(
  deps: Deps,
  programme: Programme,
  body: RejectEpisodes,
  principal: Principal,
): Promise<{ rejected: number; episodeIds: string[] }> {
  const episodes = await selected(deps, programme, body)
  const ids = episodes.map((e) => e.id)
  const rejected = await storeRejection(deps.db, ids, {
    ...actorOf(principal),
    at: deps.now(),
    note: body.reason ?? null,
  })
  return { rejected, episodeIds: ids }
}
