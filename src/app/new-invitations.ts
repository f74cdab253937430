import type { NewInvitation } from '../db/invitations.ts'
import type { OutboxMessage } from '../db/outbox.ts'
import type { Programme } from '../db/programmes.ts'
import type { Provider } from '../db/providers.ts'
import { newId } from '../lib/crypto.ts'
import type { CustomerType, Language } from '../schemas/common.ts'
import type { Delivery } from './deps.ts'
import { type InvitationLink, newInvitationLink } from './invitation-link.ts'
import { surveyIssuer } from './programme-surveys.ts'

export type { InvitationLink }

export type NewInvitations = {
  invitations: NewInvitation[]
  messages: OutboxMessage[]
  /** The links by episode id; the caller decides who may see them. */
  links: Map<string, InvitationLink>
}

type Invitable = {
  id: string
  providerId: string
  customerType: CustomerType
  serviceType: string | null
  language: Language
  contactEmail: string | null
  contactPhone: string | null
}

/**
 * The personal invitations of confirmed episodes, each with the survey version the programme's map gives its
 * customer type and service type now ("id": the latest published version, "id@N": version N).
 */
export async function newInvitations(
  db: D1Database,
  programme: Programme,
  providers: Provider[],
  episodes: Invitable[],
  at: string,
  delivery: Delivery,
): Promise<NewInvitations> {
  const providerNames = new Map(providers.map((p) => [p.id, p.name]))
  const out: NewInvitations = { invitations: [], messages: [], links: new Map() }
  const surveyOf = surveyIssuer(db, programme.surveys)
  for (const episode of episodes) {
    const survey = await surveyOf(episode.customerType, episode.serviceType)
    const invitation = { id: newId('inv'), episodeId: episode.id, language: episode.language }
    const to = {
      email: episode.contactEmail,
      phone: episode.contactPhone,
      providerName: providerNames.get(episode.providerId)!,
    }
    const link = await newInvitationLink(invitation, to, at, programme.invitationDays, delivery)
    out.invitations.push({
      ...invitation,
      surveyId: survey.surveyId,
      surveyVersion: survey.version,
      tokenHash: link.tokenHash,
      issuedAt: link.issuedAt,
      expiresAt: link.expiresAt,
      sealedToken: link.sealedToken,
    })
    out.messages.push(...link.messages)
    out.links.set(episode.id, link)
  }
  return out
}
