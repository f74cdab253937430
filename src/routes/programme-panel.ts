import { Hono } from 'hono'
import { systemDeps } from '../app/deps.ts'
import { programmeProvider, recordPanelRating, recordProviderOutcome } from '../app/panel.ts'
import { listPanelRatings } from '../db/panel-ratings.ts'
import { listProviderOutcomes } from '../db/provider-outcomes.ts'
import type { AppEnv } from '../env.ts'
import { ApiError } from '../http/errors.ts'
import { assertProcurerOf, providerScope } from '../http/principal.ts'
import { programmeFor } from '../http/programme-access.ts'
import { jsonBody } from '../http/validate.ts'
import { outcomeSchema } from '../schemas/episodes.ts'
import { panelRatingSchema } from '../schemas/panel.ts'

/** Panel ratings and provider outcomes of one programme (mounted under /programmes/:pid). */
export const programmePanelRoutes = new Hono<AppEnv>()
  .post('/panel-ratings', jsonBody(panelRatingSchema), async (c) => {
    const programme = await programmeFor(c, c.req.param('pid')!)
    const principal = c.get('principal')
    assertProcurerOf(principal, programme.id)
    return c.json(await recordPanelRating(systemDeps(c.env), programme, c.req.valid('json'), principal.keyId), 201)
  })
  .get('/panel-ratings', async (c) => {
    const programme = await programmeFor(c, c.req.param('pid')!)
    // A provider key sees its own ratings and their reasons, never another provider's.
    const ratings = await listPanelRatings(c.env.DB, programme.id, providerScope(c.get('principal')))
    return c.json({ ratings })
  })
  .post('/providers/:prvId/outcomes', jsonBody(outcomeSchema), async (c) => {
    const programme = await programmeFor(c, c.req.param('pid')!)
    // Results drive fees, so only the procurer records them, never the provider who is paid for them.
    assertProcurerOf(c.get('principal'), programme.id)
    const deps = systemDeps(c.env)
    const provider = await programmeProvider(deps, programme, c.req.param('prvId'))
    const { outcome, created } = await recordProviderOutcome(deps, provider, c.req.valid('json'))
    return c.json(outcome, created ? 201 : 200)
  })
  .get('/providers/:prvId/outcomes', async (c) => {
    const programme = await programmeFor(c, c.req.param('pid')!)
    const own = providerScope(c.get('principal'))
    const provider = await programmeProvider(systemDeps(c.env), programme, c.req.param('prvId'))
    if (own !== null && own !== provider.id)
      throw new ApiError(403, "A provider key sees only its own provider's outcomes")
    return c.json({ outcomes: await listProviderOutcomes(c.env.DB, provider.id) })
  })
