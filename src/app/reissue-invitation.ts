import { contactsOf } from '../db/episodes.ts'
import { type Invitation, invitationsForEpisodes, reissueInvitation as storeReissue } from '../db/invitations.ts'
import { getProgramme } from '../db/programmes.ts'
import { getProvider } from '../db/providers.ts'
import type { Episode } from '../domain/episode.ts'
import { ApiError } from '../http/errors.ts'
import type { Delivery, Deps } from './deps.ts'
import { newInvitationLink } from './invitation-link.ts'

/** A lost link replaced: the old token stops working, its unsent messages are dropped, the new one is queued. */
export async function reissueInvitation(
  deps: Deps,
  delivery: Delivery,
  episode: Episode,
  asProvider: boolean,
): Promise<{ invitation: Invitation; url: string | null; token: string }> {
  const { db } = deps
  const current = (await invitationsForEpisodes(db, [episode.id])).get(episode.id)
  if (!current) {
    throw new ApiError(409, `The episode is ${episode.status}; only a confirmed episode has a link to re-issue`)
  }
  if (current.status !== 'open') {
    // A provider key is not told which (completed or declined): see docs/PRIVACY.md.
    const which = asProvider ? 'closed' : current.status
    throw new ApiError(409, `The invitation is ${which}; only an open invitation can be re-issued`)
  }
  const programme = (await getProgramme(db, episode.programmeId))!
  const provider = (await getProvider(db, episode.providerId))!
  const link = await newInvitationLink(
    current,
    { ...(await contactsOf(db, [episode.id])).get(episode.id)!, providerName: provider.name },
    deps.now(),
    programme.invitationDays,
    delivery,
  )
  const invitation = await storeReissue(db, current.id, link, link.messages)
  if (!invitation) throw new ApiError(409, 'The invitation was closed while it was being re-issued')
  return { invitation, url: link.url, token: link.token }
}
