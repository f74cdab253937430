import type { OutboxMessage } from '../db/outbox.ts'
import { newId } from '../lib/crypto.ts'
import { addDays } from '../lib/time.ts'
import type { Language } from '../schemas/common.ts'
import { composeMessage } from './messages.ts'

/** The invitation message now, and one reminder after `reminderDays` if the link is still valid then. */
export function messagesFor(
  i: { invitationId: string; tokenHash: string; issuedAt: string; expiresAt: string; language: Language },
  to: { email: string; provider: string; url: string },
  reminderDays: number,
): OutboxMessage[] {
  const make = (kind: 'invitation' | 'reminder', sendAfter: string): OutboxMessage => ({
    id: newId('msg'),
    invitationId: i.invitationId,
    kind,
    dedupeKey: `${i.invitationId}:${kind}:${i.tokenHash.slice(0, 16)}`,
    recipient: to.email,
    ...composeMessage(kind, i.language, to.provider, to.url, i.expiresAt),
    sendAfter,
    createdAt: i.issuedAt,
  })
  const reminderAt = addDays(i.issuedAt, reminderDays)
  return reminderAt < i.expiresAt
    ? [make('invitation', i.issuedAt), make('reminder', reminderAt)]
    : [make('invitation', i.issuedAt)]
}
