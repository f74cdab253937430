import { type Context, Hono } from 'hono'
import { deliveryFrom, systemDeps } from '../app/deps.ts'
import { recordOutcome } from '../app/record-outcome.ts'
import { reissueInvitation } from '../app/reissue-invitation.ts'
import { getEpisode } from '../db/episodes.ts'
import { invitationsForEpisodes } from '../db/invitations.ts'
import { listOutcomes } from '../db/outcomes.ts'
import { mayHoldLinks } from '../domain/custody.ts'
import type { Episode } from '../domain/episode.ts'
import type { AppEnv } from '../env.ts'
import { ApiError } from '../http/errors.ts'
import { assertCanRead, assertProcurerOf, providerScope } from '../http/principal.ts'
import { programmeFor } from '../http/programme-access.ts'
import { jsonBody } from '../http/validate.ts'
import { outcomeSchema } from '../schemas/episodes.ts'
import { episodeView, invitationView } from '../views/episode.ts'

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

export const episodeRoutes = new Hono<AppEnv>()
  .get('/:eid', async (c) => {
    const episode = await episodeFor(c)
    const invitation = (await invitationsForEpisodes(c.env.DB, [episode.id])).get(episode.id) ?? null
    const providerKey = providerScope(c.get('principal')) !== null
    return c.json({
      ...episodeView(episode, invitation, providerKey),
      outcomes: await listOutcomes(c.env.DB, episode.id),
    })
  })
  .post('/:eid/invitation', async (c) => {
    const episode = await episodeFor(c)
    const principal = c.get('principal')
    if (principal.role === 'provider') {
      // A provider may replace a link only where it holds the links anyway (provider custody).
      const programme = await programmeFor(c, episode.programmeId)
      if (!mayHoldLinks(principal, programme.linkCustody, 'exit')) {
        throw new ApiError(403, 'Only the procurer may re-issue survey links in this programme')
      }
    } else assertProcurerOf(principal, episode.programmeId)
    const { invitation, url, token } = await reissueInvitation(
      systemDeps(c.env),
      deliveryFrom(c.env, c.req.url),
      episode,
      principal.role === 'provider',
    )
    return c.json({ ...invitationView(invitation, principal.role === 'provider'), url, token }, 201)
  })
  .post('/:eid/outcomes', jsonBody(outcomeSchema), async (c) => {
    const episode = await episodeFor(c)
    // Results drive fees, so only the procurer records them, never the provider who is paid for them.
    assertProcurerOf(c.get('principal'), episode.programmeId)
    const { outcome, created } = await recordOutcome(systemDeps(c.env), episode, c.req.valid('json'))
    return c.json(outcome, created ? 201 : 200)
  })
  .get('/:eid/outcomes', async (c) => {
    const episode = await episodeFor(c)
    return c.json({ outcomes: await listOutcomes(c.env.DB, episode.id) })
  })
