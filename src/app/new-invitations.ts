import type { NewInvitation, Wave } from '../db/invitations.ts'
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
  /** The exit links by episode id; the caller decides who may see them. */
  links: Map<string, InvitationLink>
  /** The intake links by episode id (episodes that got an intake invitation), under the same custody rules. */
  intakeLinks: Map<string, InvitationLink>
}

export const noInvitations = (): NewInvitations => ({
  invitations: [],
  messages: [],
  links: new Map(),
  intakeLinks: new Map(),
})

type Invitable = {
  id: string
  providerId: string
  customerType: CustomerType
  serviceType: string | null
  language: Language
  contactEmail: string | null
  contactPhone: string | null
  startedOn: string
  endedOn: string
}

/**
 * When a link is issued: now, except that the exit survey of a service that has not ended yet (a programme with an
 * intake wave confirms its clients as they start) is issued, sent and given its lifetime from the end day, so the
 * client is asked about the service as it ended. (A link handed over by hand before then works at once.)
 */
export function issuedAt(wave: Wave, episode: Pick<Invitable, 'endedOn'>, at: string): string {
  return wave === 'exit' && episode.endedOn > at.slice(0, 10) ? `${episode.endedOn}T00:00:00.000Z` : at
}

/**
 * Whether a confirmed episode gets an intake invitation: the programme has the intake wave on, the service
 * started no more than intakeWindowDays before the day of confirmation (a later start is still ahead: invited)
 * and has not ended before that day (an intake asked after the service describes no start of it).
 */
export function takesIntake(
  programme: Pick<Programme, 'intakeWindowDays'>,
  episode: { startedOn: string; endedOn: string },
  at: string,
): boolean {
  const window = programme.intakeWindowDays
  const today = at.slice(0, 10)
  const daysSinceStart = (Date.parse(today) - Date.parse(episode.startedOn)) / 86_400_000
  return window !== null && daysSinceStart <= window && episode.endedOn >= today
}

/**
 * The personal invitations of confirmed episodes, each with the survey version the programme's map gives its
 * customer type and service type now ("id": the latest published version, "id@N": version N): the exit invitation always, and an intake invitation (the same survey version, its own token) where takesIntake.
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
  const out = noInvitations()
  const surveyOf = surveyIssuer(db, programme.surveys)
  for (const episode of episodes) {
    const survey = await surveyOf(episode.customerType, episode.serviceType)
    const to = {
      email: episode.contactEmail,
      phone: episode.contactPhone,
      providerName: providerNames.get(episode.providerId)!,
    }
    const waves: Array<[Wave, Map<string, InvitationLink>]> = [['exit', out.links]]
    if (takesIntake(programme, episode, at)) waves.push(['intake', out.intakeLinks])
    for (const [wave, links] of waves) {
      const invitation = { id: newId('inv'), episodeId: episode.id, wave, language: episode.language }
      const link = await newInvitationLink(
        invitation,
        to,
        issuedAt(wave, episode, at),
        programme.invitationDays,
        delivery,
      )
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
      links.set(episode.id, link)
    }
  }
  return out
}
