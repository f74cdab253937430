import type { NewInvitation } from '../db/invitations.ts'
import type { OutboxMessage } from '../db/outbox.ts'
import type { Programme } from '../db/programmes.ts'
import type { Provider } from '../db/providers.ts'
import { newId } from '../lib/crypto.ts'
import type { CustomerType, Language } from '../schemas/common.ts'
import { latestVersion } from '../surveys/catalog.ts'
import type { Delivery } from './deps.ts'
import { type InvitationLink, newInvitationLink } from './invitation-link.ts'

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
  language: Language
  contactEmail: string | null
  contactPhone: string | null
}

/** The personal invitations of confirmed episodes, with the programme's current survey version for each. */
export async function newInvitations(
  programme: Programme,
  providers: Provider[],
  episodes: Invitable[],
  at: string,
  delivery: Delivery,
): Promise<NewInvitations> {
  const providerNames = new Map(providers.map((p) => [p.id, p.name]))
  const out: NewInvitations = { invitations: [], messages: [], links: new Map() }
  for (const episode of episodes) {
    const survey = latestVersion(programme.surveys[episode.customerType])!
    const invitation = { id: newId('inv'), episodeId: episode.id, language: episode.language }
    const to = {
      email: episode.contactEmail,
      phone: episode.contactPhone,
      providerName: providerNames.get(episode.providerId)!,
    }
    const link = await newInvitationLink(invitation, to, at, programme.invitationDays, delivery)
    out.invitations.push({
      ...invitation,
      surveyId: survey.id,
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
