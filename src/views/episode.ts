import type { Invitation } from '../db/invitations.ts'
import type { Episode } from '../domain/episode.ts'
import { invitationFor } from '../domain/invitation-view.ts'

/**
 * An invitation as a key sees it: a provider key without what its client's actions reveal. The link
 * (url and token) exists only in the response that issued it; the database keeps the token's hash.
 */
export function invitationView(
  inv: Invitation | null,
  providerKey: boolean,
  link: { url: string | null; token: string } | null = null,
) {
  if (!inv) return null
  const { id, status, surveyId, surveyVersion, language, issuedAt, expiresAt } = inv
  const facts = { id, status, surveyId, surveyVersion, language, issuedAt, expiresAt }
  const timestamps = {
    openedAt: inv.openedAt,
    startedAt: inv.startedAt,
    completedAt: inv.completedAt,
    declinedAt: inv.declinedAt,
  }
  return {
    ...invitationFor({ ...facts, ...timestamps }, providerKey),
    url: link?.url ?? null,
    token: link?.token ?? null,
  }
}

/** An episode as a key sees it: the procurer also sees who created and reviewed it and the proposed class. */
export function episodeView(episode: Episode, invitation: Invitation | null, providerKey: boolean) {
  const { createdBy, reviewedBy, ...rest } = episode
  return {
    ...rest,
    ...(providerKey ? {} : { createdBy, reviewedBy }),
    invitation: invitationView(invitation, providerKey),
  }
}
