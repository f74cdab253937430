import { dueFollowUps, insertFollowUps } from '../db/follow-ups.ts'
import type { NewInvitation } from '../db/invitations.ts'
import type { OutboxMessage } from '../db/outbox.ts'
import { newId } from '../lib/crypto.ts'
import type { Delivery } from './deps.ts'
import { newInvitationLink } from './invitation-link.ts'

/** Follow-ups made per run of the delivery job; the rest wait for the next run. */
const BATCH = 200

/** How the job makes links: no origin (the job fills it in when it sends), the reminder and the sealing secret. */
export type LinkSettings = Pick<Delivery, 'reminderDays' | 'linkSecret'>

/**
 * Invites every episode whose follow-up day has come (docs/METHODS.md, "Follow-up surveys"): a personal link
 * like the exit survey's, by email or text message where a contact is kept, else sealed for the procurer's
 * invitation-links export. Idempotent: an episode gets one follow-up, however often the job runs.
 */
export async function inviteDueFollowUps(db: D1Database, now: string, links: LinkSettings): Promise<number> {
  const due = await dueFollowUps(db, now, BATCH)
  const invitations: NewInvitation[] = []
  const messages: OutboxMessage[] = []
  for (const d of due) {
    const invitation = { id: newId('inv'), episodeId: d.episodeId, wave: 'followup' as const, language: d.language }
    const to = { email: d.contactEmail, phone: d.contactPhone, providerName: d.providerName }
    const link = await newInvitationLink(invitation, to, now, d.invitationDays, {
      ...links,
      origin: null,
    })
    invitations.push({
      ...invitation,
      surveyId: d.surveyId,
      surveyVersion: d.surveyVersion,
      tokenHash: link.tokenHash,
      issuedAt: link.issuedAt,
      expiresAt: link.expiresAt,
      sealedToken: link.sealedToken,
    })
    messages.push(...link.messages)
  }
  return insertFollowUps(db, invitations, messages)
}
