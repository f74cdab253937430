import { type Context, Hono } from 'hono'
import {
  type Episode,
  findEpisodesByRefs,
  insertEpisodesStatements,
  listEpisodes,
  type NewEpisode,
} from '../db/episodes.ts'
import {
  type Invitation,
  insertInvitationsStatements,
  invitationsForEpisodes,
  type NewInvitation,
} from '../db/invitations.ts'
import { type OutboxMessage, queueStatements } from '../db/outbox.ts'
import { listProviders } from '../db/providers.ts'
import { messagesFor } from '../delivery/queue.ts'
import { episodesFromCsv } from '../domain/episode-csv.ts'
import { planImport } from '../domain/episode-import.ts'
import { newInvitationToken } from '../domain/invitation-token.ts'
import { invitationFor } from '../domain/invitation-view.ts'
import type { AppEnv } from '../env.ts'
import { ApiError, invalid, zodIssues } from '../http/errors.ts'
import { assertProcurerOf, providerScope } from '../http/principal.ts'
import { programmeFor } from '../http/programme-access.ts'
import { queryParams } from '../http/validate.ts'
import { newId } from '../lib/crypto.ts'
import { publicOrigin, surveyUrl } from '../lib/links.ts'
import { nowIso } from '../lib/time.ts'
import { importEpisodesSchema } from '../schemas/episodes.ts'
import { episodeListQuery } from '../schemas/queries.ts'
import { latestVersion } from '../surveys/catalog.ts'

/** Reads an import body as JSON or CSV; both then pass the same schema. */
async function importBody(c: Context<AppEnv>): Promise<unknown> {
  const type = (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase()
  if (type === 'text/csv') {
    const parsed = episodesFromCsv(await c.req.text())
    if ('issues' in parsed) throw invalid(parsed.issues, 'The CSV could not be read; see issues')
    return { episodes: parsed.episodes }
  }
  if (/^application\/([\w.-]+\+)?json$/.test(type)) {
    try {
      return await c.req.json()
    } catch {
      throw new ApiError(400, 'Malformed JSON in request body')
    }
  }
  throw new ApiError(415, 'Send episodes as application/json or text/csv')
}

function invitationView(inv: Invitation, providerKey: boolean, link?: { url: string; token: string }) {
  return invitationFor(
    {
      id: inv.id,
      status: inv.status,
      surveyId: inv.surveyId,
      surveyVersion: inv.surveyVersion,
      language: inv.language,
      issuedAt: inv.issuedAt,
      expiresAt: inv.expiresAt,
      // The token exists only in this response (and when re-issued); the database keeps its hash.
      url: link?.url ?? null,
      token: link?.token ?? null,
    },
    providerKey,
  )
}

export const episodeRoutes = new Hono<AppEnv>()
  .post('/', async (c) => {
    const programme = await programmeFor(c, c.req.param('pid')!)
    const principal = c.get('principal')
    const ownProvider = providerScope(principal)
    if (ownProvider === null) assertProcurerOf(principal, programme.id)

    const parsed = importEpisodesSchema.safeParse(await importBody(c))
    if (!parsed.success) throw invalid(zodIssues(parsed.error))
    const inputs = parsed.data.episodes
    if (ownProvider !== null) {
      const foreign = inputs.flatMap((e, i) => (e.providerId === ownProvider ? [] : [i]))
      if (foreign.length > 0) {
        throw new ApiError(403, 'A provider key may import only its own episodes', {
          issues: foreign.map((i) => ({
            path: `episodes[${i}].providerId`,
            message: `episodes[${i}].providerId: not this key's provider`,
          })),
        })
      }
    }

    const db = c.env.DB
    const providers = await listProviders(db, programme.id, null)
    const stored = await findEpisodesByRefs(db, programme.id, [...new Set(inputs.map((e) => e.externalRef))])
    const plan = planImport(inputs, stored, new Set(providers.map((p) => p.id)))
    if (plan.invalid.length > 0) throw invalid(plan.invalid, 'Some episodes are invalid; nothing was stored')
    if (plan.conflicts.length > 0) {
      throw new ApiError(409, 'Some externalRefs are already stored with other data; nothing was stored', {
        issues: plan.conflicts,
      })
    }

    const now = nowIso()
    const origin = publicOrigin(c.env.PUBLIC_BASE_URL, c.req.url)
    const newEpisodes: NewEpisode[] = []
    const newInvitations: NewInvitation[] = []
    const links = new Map<string, { url: string; token: string }>()
    const messages: OutboxMessage[] = []
    const providerNames = new Map(providers.map((p) => [p.id, p.name]))
    const reminderDays = Number(c.env.REMINDER_DAYS ?? 7)
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
      const token = await newInvitationToken(now, programme.invitationDays)
      newEpisodes.push(episode)
      newInvitations.push({
        id: newId('inv'),
        episodeId: episode.id,
        tokenHash: token.tokenHash,
        surveyId: survey.id,
        surveyVersion: survey.version,
        language: input.language,
        issuedAt: token.issuedAt,
        expiresAt: token.expiresAt,
      })
      links.set(episode.id, { url: surveyUrl(origin, token.token), token: token.token })
      if (episode.contactEmail) {
        const invitation = newInvitations[newInvitations.length - 1]
        messages.push(
          ...messagesFor(
            { ...invitation, invitationId: invitation.id },
            {
              email: episode.contactEmail,
              provider: providerNames.get(episode.providerId)!,
              url: surveyUrl(origin, token.token),
            },
            reminderDays,
          ),
        )
      }
    }
    if (newEpisodes.length > 0) {
      try {
        // One batch is one transaction: every episode, invitation and queued message, or none.
        await db.batch([
          ...insertEpisodesStatements(db, newEpisodes),
          ...insertInvitationsStatements(db, newInvitations),
          ...queueStatements(db, messages),
        ])
      } catch (err) {
        if (String(err).includes('UNIQUE')) {
          throw new ApiError(
            409,
            'Another import stored some of these externalRefs at the same time; nothing was stored, send again',
            {
              code: 'concurrent_import',
            },
          )
        }
        throw err
      }
    }

    const byExternalRef = new Map<string, { episode: Pick<Episode, 'id' | 'externalRef'>; created: boolean }>()
    for (const e of newEpisodes) byExternalRef.set(e.externalRef, { episode: e, created: true })
    for (const { episode } of plan.existing) byExternalRef.set(episode.externalRef, { episode, created: false })
    const invitations = await invitationsForEpisodes(
      db,
      [...byExternalRef.values()].map((v) => v.episode.id),
    )
    const seen = new Set<string>()
    const episodes = inputs.flatMap((input) => {
      if (seen.has(input.externalRef)) return []
      seen.add(input.externalRef)
      const { episode, created } = byExternalRef.get(input.externalRef)!
      return [
        {
          id: episode.id,
          externalRef: episode.externalRef,
          created,
          invitation: invitationView(invitations.get(episode.id)!, ownProvider !== null, links.get(episode.id)),
        },
      ]
    })
    return c.json(
      { created: newEpisodes.length, existing: plan.existing.length, episodes },
      newEpisodes.length > 0 ? 201 : 200,
    )
  })
  .get('/', queryParams(episodeListQuery), async (c) => {
    const programme = await programmeFor(c, c.req.param('pid')!)
    const q = c.req.valid('query')
    const own = providerScope(c.get('principal'))
    if (own !== null && q.providerId !== undefined && q.providerId !== own)
      throw new ApiError(403, 'A provider key sees only its own episodes')
    const episodes = await listEpisodes(c.env.DB, {
      programmeId: programme.id,
      providerId: own ?? q.providerId ?? null,
      from: q.from ?? null,
      to: q.to ?? null,
      after: q.after ?? null,
      limit: q.limit,
    })
    const invitations = await invitationsForEpisodes(
      c.env.DB,
      episodes.map((e) => e.id),
    )
    return c.json({
      episodes: episodes.map((e) => ({ ...e, invitation: invitationView(invitations.get(e.id)!, own !== null) })),
      next: episodes.length === q.limit ? episodes[episodes.length - 1].id : null,
    })
  })
