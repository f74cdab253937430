import { Hono } from 'hono'
import { deliveryFrom, systemDeps } from '../app/deps.ts'
import { invitationLinks } from '../app/invitation-links.ts'
import type { AppEnv } from '../env.ts'
import { csvResponse } from '../http/csv-response.ts'
import { assertProcurerOf } from '../http/principal.ts'
import { programmeFor } from '../http/programme-access.ts'

/** GET /programmes/:pid/invitation-links.csv: the procurer's links for clients without contact data. */
export const programmeInvitationLinkRoutes = new Hono<AppEnv>().get('/invitation-links.csv', async (c) => {
  const programme = await programmeFor(c, c.req.param('pid')!)
  assertProcurerOf(c.get('principal'), programme.id)
  const providerId = c.req.query('providerId') ?? null
  const links = await invitationLinks(systemDeps(c.env), deliveryFrom(c.env, c.req.url), programme.id, providerId)
  const header = [
    'episodeId',
    'externalRef',
    'providerId',
    'provider',
    'customerType',
    'wave',
    'language',
    'expiresAt',
    'url',
  ]
  const rows = links.map((l) => [
    l.episodeId,
    l.externalRef,
    l.providerId,
    l.providerName,
    l.customerType,
    l.wave,
    l.language,
    l.expiresAt,
    l.url,
  ])
  return csvResponse(c, `invitation-links-${programme.id}.csv`, header, rows)
})
