import { findEpisodesByRefs, type NewEpisode, storeImport } from '../db/episodes.ts'
import { type Invitation, invitationsForEpisodes, type NewInvitation } from '../db/invitations.ts'
import type { OutboxMessage } from '../db/outbox.ts'
import type { Programme } from '../db/programmes.ts'
import { listProviders } from '../db/providers.ts'
import type { Episode } from '../domain/episode.ts'
import { planImport } from '../domain/episode-import.ts'
import { ApiError, invalid } from '../http/errors.ts'
import { newId } from '../lib/crypto.ts'
import type { EpisodeInput } from '../schemas/episodes.ts'
import { latestVersion } from '../surveys/catalog.ts'
import type { Delivery, Deps } from './deps.ts'
import { type InvitationLink, newInvitationLink } from './invitation-link.ts'

export type ImportedEpisode = {
  id: string
  externalRef: string
  created: boolean
  invitation: Invitation
  /** The personal link, present only for invitations created by this request. */
  link: InvitationLink | null
}

export type ImportResult = { created: number; existing: number; episodes: ImportedEpisode[] }

/** Rows a provider key sends for another provider: refused whole, with each row named. */
function assertOwnRows(inputs: EpisodeInput[], ownProvider: string | null): void {
  if (ownProvider === null) return
  const foreign = inputs.flatMap((e, i) => (e.providerId === ownProvider ? [] : [i]))
  if (foreign.length === 0) return
  throw new ApiError(403, 'A provider key may import only its own episodes', {
    issues: foreign.map((i) => ({
      path: `episodes[${i}].providerId`,
      message: `episodes[${i}].providerId: not this key's provider`,
    })),
  })
}

/**
 * Imports service episodes all or nothing, idempotent by externalRef: each new episode gets its
 * personal invitation (and queued messages when it has an email) in the same transaction.
 */
export async function importEpisodes(
  deps: Deps,
  delivery: Delivery,
  programme: Programme,
  inputs: EpisodeInput[],
  ownProvider: string | null,
): Promise<ImportResult> {
  assertOwnRows(inputs, ownProvider)
  const { db } = deps
  const providers = await listProviders(db, programme.id, null)
  const stored = await findEpisodesByRefs(db, programme.id, [...new Set(inputs.map((e) => e.externalRef))])
  const plan = planImport(inputs, stored, new Set(providers.map((p) => p.id)))
  if (plan.invalid.length > 0) throw invalid(plan.invalid, 'Some episodes are invalid; nothing was stored')
  if (plan.conflicts.length > 0) {
    throw new ApiError(409, 'Some externalRefs are already stored with other data; nothing was stored', {
      issues: plan.conflicts,
    })
  }

  const now = deps.now()
  const providerNames = new Map(providers.map((p) => [p.id, p.name]))
  const episodes: NewEpisode[] = []
  const invitations: NewInvitation[] = []
  const messages: OutboxMessage[] = []
  const links = new Map<string, InvitationLink>()
  for (const { input } of plan.create) {
    const survey = latestVersion(programme.surveys[input.customerType])!
    const episode: NewEpisode = {
      id: newId('epi'),
      programmeId: programme.id,
      providerId: input.providerId,
      customerType: input.customerType,
      externalRef: input.externalRef,
      serviceType: input.serviceType ?? null,
      startedOn: input.startedOn,
      endedOn: input.endedOn,
      riskClass: input.riskClass ?? null,
      language: input.language,
      createdAt: now,
      contactEmail: input.contact?.email ?? null,
      contactPhone: input.contact?.phone ?? null,
    }
    const invitation = { id: newId('inv'), episodeId: episode.id, language: input.language }
    const link = await newInvitationLink(
      invitation,
      { email: episode.contactEmail, providerName: providerNames.get(episode.providerId)! },
      now,
      programme.invitationDays,
      delivery,
    )
    episodes.push(episode)
    invitations.push({
      ...invitation,
      surveyId: survey.id,
      surveyVersion: survey.version,
      tokenHash: link.tokenHash,
      issuedAt: link.issuedAt,
      expiresAt: link.expiresAt,
    })
    messages.push(...link.messages)
    links.set(episode.id, link)
  }
  if (episodes.length > 0 && (await storeImport(db, episodes, invitations, messages)) === 'conflict') {
    throw new ApiError(
      409,
      'Another import stored some of these externalRefs at the same time; nothing was stored, send again',
      {
        code: 'concurrent_import',
      },
    )
  }
  return {
    created: episodes.length,
    existing: plan.existing.length,
    episodes: await resultRows(db, inputs, episodes, plan.existing, links),
  }
}

/** One row per externalRef, in request order, with its invitation as stored now. */
async function resultRows(
  db: D1Database,
  inputs: EpisodeInput[],
  created: NewEpisode[],
  existing: Array<{ episode: Episode }>,
  links: Map<string, InvitationLink>,
): Promise<ImportedEpisode[]> {
  const byRef = new Map<string, { id: string; created: boolean }>()
  for (const e of created) byRef.set(e.externalRef, { id: e.id, created: true })
  for (const { episode } of existing) byRef.set(episode.externalRef, { id: episode.id, created: false })
  const invitations = await invitationsForEpisodes(
    db,
    [...byRef.values()].map((v) => v.id),
  )
  const seen = new Set<string>()
  return inputs.flatMap((input) => {
    if (seen.has(input.externalRef)) return []
    seen.add(input.externalRef)
    const { id, created } = byRef.get(input.externalRef)!
    return [
      { id, externalRef: input.externalRef, created, invitation: invitations.get(id)!, link: links.get(id) ?? null },
    ]
  })
}
