import { type Context, Hono } from 'hono'
import { type Episode, getEpisode } from '../db/episodes.ts'
import { invitationsForEpisodes, reissuedInvitation, reissueStatement } from '../db/invitations.ts'
import { cancelPendingStatement, contactEmailOf, queueStatements } from '../db/outbox.ts'
import { insertOutcome, listOutcomes, type Outcome } from '../db/outcomes.ts'
import { getProgramme } from '../db/programmes.ts'
import { getProvider } from '../db/providers.ts'
import { messagesFor } from '../delivery/queue.ts'
import { newInvitationToken } from '../domain/invitation-token.ts'
import { invitationFor } from '../domain/invitation-view.ts'
import type { AppEnv } from '../env.ts'
import { ApiError } from '../http/errors.ts'
import { assertCanRead, assertProcurerOf, providerScope } from '../http/principal.ts'
import { jsonBody } from '../http/validate.ts'
import { newId } from '../lib/crypto.ts'
import { publicOrigin, surveyUrl } from '../lib/links.ts'
import { nowIso } from '../lib/time.ts'
import { outcomeSchema } from '../schemas/episodes.ts'

/** The episode in the path, if the caller may see it: a provider only its own episodes. */
async function episodeFor(c: Context<AppEnv>): Promise<Episode> {
  const episode = await getEpisode(c.env.DB, c.req.param('eid')!)
  const principal = c.get('principal')
  const own = providerScope(principal)
  // A provider asking for another provider's episode learns nothing, not even that it exists.
  if (!episode || (own !== null && episode.providerId !== own)) throw new ApiError(404, 'No such episode')
  assertCanRead(principal, episode.programmeId)
  return episode
}

export const episodes = new Hono<AppEnv>()
  .get('/:eid', async (c) => {
    const episode = await episodeFor(c)
    const invitation = (await invitationsForEpisodes(c.env.DB, [episode.id])).get(episode.id)!
    const providerKey = providerScope(c.get('principal')) !== null
    return c.json({
      ...episode,
      invitation: invitationFor(invitation, providerKey),
      outcomes: await listOutcomes(c.env.DB, episode.id),
    })
  })
  .post('/:eid/invitation', async (c) => {
    const episode = await episodeFor(c)
    const principal = c.get('principal')
    if (providerScope(principal) === null) assertProcurerOf(principal, episode.programmeId)
    const current = (await invitationsForEpisodes(c.env.DB, [episode.id])).get(episode.id)!
    if (current.status !== 'open') {
      // A provider key is not told which (completed or declined): see docs/PRIVACY.md.
      throw new ApiError(
        409,
        providerScope(principal) === null
          ? `The invitation is ${current.status}; only an open invitation can be re-issued`
          : 'Only an open invitation can be re-issued',
      )
    }
    const programme = (await getProgramme(c.env.DB, episode.programmeId))!
    const token = await newInvitationToken(nowIso(), programme.invitationDays)
    const url = surveyUrl(publicOrigin(c.env.PUBLIC_BASE_URL, c.req.url), token.token)
    const email = await contactEmailOf(c.env.DB, episode.id)
    const provider = (await getProvider(c.env.DB, episode.providerId))!
    const messages = email
      ? messagesFor(
          { ...current, ...token, invitationId: current.id },
          { email, provider: provider.name, url },
          Number(c.env.REMINDER_DAYS ?? 7),
        )
      : []
    // One transaction: the new token, the old link's unsent messages dropped, the new link queued.
    const [reissued] = await c.env.DB.batch([
      reissueStatement(c.env.DB, current.id, token.tokenHash, token.issuedAt, token.expiresAt),
      cancelPendingStatement(c.env.DB, current.id),
      ...queueStatements(c.env.DB, messages),
    ])
    const invitation = reissuedInvitation(reissued)
    if (!invitation) throw new ApiError(409, 'The invitation was closed while it was being re-issued')
    return c.json({ ...invitationFor(invitation, providerScope(principal) !== null), url, token: token.token }, 201)
  })
  .post('/:eid/outcomes', jsonBody(outcomeSchema), async (c) => {
    const episode = await episodeFor(c)
    // Results drive fees, so only the procurer records them, never the provider who is paid for them.
    assertProcurerOf(c.get('principal'), episode.programmeId)
    const body = c.req.valid('json')
    if (body.occurredOn < episode.startedOn) {
      throw new ApiError(422, 'An outcome cannot precede the service', {
        issues: [
          { path: 'occurredOn', message: `occurredOn: must not be before the episode started (${episode.startedOn})` },
        ],
      })
    }
    const same = (await listOutcomes(c.env.DB, episode.id)).find(
      (o) => o.type === body.type && o.occurredOn === body.occurredOn,
    )
    if (same) {
      if (same.value === (body.value ?? null)) return c.json(same, 200)
      throw new ApiError(409, `A ${body.type} outcome on ${body.occurredOn} is already recorded with another value`, {
        issues: [{ path: 'value', message: `value: already recorded as ${same.value}` }],
      })
    }
    const outcome: Outcome = {
      id: newId('out'),
      episodeId: episode.id,
      type: body.type,
      occurredOn: body.occurredOn,
      value: body.value ?? null,
      createdAt: nowIso(),
    }
    await insertOutcome(c.env.DB, outcome)
    return c.json(outcome, 201)
  })
  .get('/:eid/outcomes', async (c) => {
    const episode = await episodeFor(c)
    return c.json({ outcomes: await listOutcomes(c.env.DB, episode.id) })
  })
