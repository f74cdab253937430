import type { OutboxMessage } from '../db/outbox.ts'
import type { MessageWave } from '../delivery/messages.ts'
import { messagesFor } from '../delivery/queue.ts'
import { newInvitationToken } from '../domain/invitation-token.ts'
import { surveyUrl } from '../lib/links.ts'
import { seal } from '../lib/seal.ts'
import type { Language } from '../schemas/common.ts'
import type { Delivery } from './deps.ts'

export type InvitationLink = {
  token: string
  /** Null when no trusted origin is known (PUBLIC_BASE_URL unset on a non-local host). */
  url: string | null
  tokenHash: string
  issuedAt: string
  expiresAt: string
  /** The invitation and its reminder, queued in the same transaction as the link when there is a contact. */
  messages: OutboxMessage[]
  /** Without any contact, the token sealed for the procurer's invitation-links export; else null. */
  sealedToken: string | null
}

/**
 * A new personal link for an invitation, issued first or re-issued: the same token rules, lifetime and
 * messages either way. The token leaves this function once; only its hash is stored.
 */
export async function newInvitationLink(
  invitation: { id: string; language: Language; wave?: MessageWave },
  to: { email: string | null; phone: string | null; providerName: string },
  at: string,
  lifetimeDays: number,
  delivery: Delivery,
): Promise<InvitationLink> {
  const token = await newInvitationToken(at, lifetimeDays)
  const url = delivery.origin === null ? null : surveyUrl(delivery.origin, token.token)
  const messages = messagesFor(
    { ...token, invitationId: invitation.id, language: invitation.language, wave: invitation.wave },
    { email: to.email, phone: to.phone, provider: to.providerName, token: token.token },
    delivery.reminderDays,
  )
  const sealedToken = to.email || to.phone ? null : await seal(delivery.linkSecret, token.token)
  return { ...token, url, messages, sealedToken }
}
