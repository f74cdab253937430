import type { Channel, OutboxMessage } from '../db/outbox.ts'
import { newId } from '../lib/crypto.ts'
import { queuedSurveyUrl } from '../lib/links.ts'
import { toE164 } from '../lib/phone.ts'
import { addDays } from '../lib/time.ts'
import type { Language } from '../schemas/common.ts'
import { composeMessage, composeSms, type MessageWave } from './messages.ts'

/** The invitation being delivered: its id, the hash of its current token, its dates and language. */
export type InvitationToDeliver = {
  invitationId: string
  tokenHash: string
  issuedAt: string
  expiresAt: string
  language: Language
  /** Which survey the messages invite to (default exit); a follow-up's words say it asks what happened since. */
  wave?: MessageWave
}

/**
 * Whom to deliver to, and the plain token (known only when it is issued). The message's link is built
 * from the token with the origin left open; the delivery job fills in PUBLIC_BASE_URL when it sends.
 */
export type Recipient = {
  provider: string
  email?: string | null
  /** As stored; normalised to E.164 here (a Finnish 040 123 4567 becomes +358401234567). */
  phone?: string | null
  token: string
}

/** Email if there is an address, else a text message if there is a usable phone number, else nothing. */
function channelOf(to: Recipient): { channel: Channel; recipient: string } | null {
  if (to.email) return { channel: 'email', recipient: to.email }
  const phone = to.phone ? toE164(to.phone) : null
  return phone ? { channel: 'sms', recipient: phone } : null
}

/**
 * The invitation message now, and one reminder after `reminderDays` if the link is still valid then,
 * by email or else by text message; none when the episode has no usable contact.
 */
export function messagesFor(i: InvitationToDeliver, to: Recipient, reminderDays: number): OutboxMessage[] {
  const route = channelOf(to)
  if (!route) return []
  const url = queuedSurveyUrl(to.token)
  const make = (kind: 'invitation' | 'reminder', sendAfter: string): OutboxMessage => ({
    id: newId('msg'),
    invitationId: i.invitationId,
    kind,
    channel: route.channel,
    // one message per invitation, kind, channel and issued link (email keys keep their earlier form)
    dedupeKey: `${i.invitationId}:${kind}:${route.channel === 'sms' ? 'sms:' : ''}${i.tokenHash.slice(0, 16)}`,
    recipient: route.recipient,
    ...(route.channel === 'email'
      ? composeMessage(kind, i.language, to.provider, url, i.expiresAt, i.wave)
      : { subject: '', body: composeSms(kind, i.language, to.provider, url, i.expiresAt, i.wave) }),
    sendAfter,
    createdAt: i.issuedAt,
  })
  const reminderAt = addDays(i.issuedAt, reminderDays)
  return reminderAt < i.expiresAt
    ? [make('invitation', i.issuedAt), make('reminder', reminderAt)]
    : [make('invitation', i.issuedAt)]
}
