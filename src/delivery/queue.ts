import type { OutboxMessage } from '../db/outbox.ts'
import { newId } from '../lib/crypto.ts'
import { queuedSurveyUrl } from '../lib/links.ts'
import { addDays } from '../lib/time.ts'
import type { Language } from '../schemas/common.ts'
import { composeMessage } from './messages.ts'

/** The invitation being delivered: its id, the hash of its current token, its dates and language. */
export type InvitationToDeliver = {
  invitationId: string
  tokenHash: string
  issuedAt: string
  expiresAt: string
  language: Language
}

/**
 * Whom to deliver to, and the plain token (known only when it is issued). The message's link is built
 * from the token with the origin left open; the delivery job fills in PUBLIC_BASE_URL when it sends.
 * The older `url` field is still taken, but only its token is used: never the origin in it.
 */
export type Recipient = { email: string; provider: string } & ({ token: string } | { /** @deprecated */ url: string })

/** The token of a survey link `<origin>/s/<token>`. */
const tokenOf = (to: Recipient) => ('token' in to ? to.token : to.url.slice(to.url.lastIndexOf('/s/') + 3))

/** The invitation message now, and one reminder after `reminderDays` if the link is still valid then. */
export function messagesFor(i: InvitationToDeliver, to: Recipient, reminderDays: number): OutboxMessage[] {
  const url = queuedSurveyUrl(tokenOf(to))
  const make = (kind: 'invitation' | 'reminder', sendAfter: string): OutboxMessage => ({
    id: newId('msg'),
    invitationId: i.invitationId,
    kind,
    dedupeKey: `${i.invitationId}:${kind}:${i.tokenHash.slice(0, 16)}`,
    recipient: to.email,
    ...composeMessage(kind, i.language, to.provider, url, i.expiresAt),
    sendAfter,
    createdAt: i.issuedAt,
  })
  const reminderAt = addDays(i.issuedAt, reminderDays)
  return reminderAt < i.expiresAt
    ? [make('invitation', i.issuedAt), make('reminder', reminderAt)]
    : [make('invitation', i.issuedAt)]
}
