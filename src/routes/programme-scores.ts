import { Hono } from 'hono'
import { systemDeps } from '../app/deps.ts'
import { audienceOf, commentsFor, diagnosticsFor, scoresFor } from '../app/programme-reads.ts'
import type { AppEnv } from '../env.ts'
import { providerScope } from '../http/principal.ts'
import { programmeFor } from '../http/programme-access.ts'
import { queryParams } from '../http/validate.ts'
import { commentsQuerySchema, scoresQuerySchema } from '../schemas/scores.ts'

export const programmeScoreRoutes = new Hono<AppEnv>()
  .get('/scores', queryParams(scoresQuerySchema), async (c) => {
    const programme = await programmeFor(c, c.req.param('pid')!)
    const own = providerScope(c.get('principal'))
    const result = await scoresFor(systemDeps(c.env), programme, c.req.valid('query'), audienceOf(own))
    // A provider key gets its own row and the programme aggregate, never another provider's row.
    return c.json(
      own === null ? result : { ...result, providers: result.providers.filter((p) => p.providerId === own) },
    )
  })
  .get('/diagnostics', queryParams(scoresQuerySchema), async (c) => {
    const programme = await programmeFor(c, c.req.param('pid')!)
    const own = providerScope(c.get('principal'))
    return c.json(await diagnosticsFor(systemDeps(c.env), programme, c.req.valid('query'), own))
  })
  .get('/comments', queryParams(commentsQuerySchema), async (c) => {
    const programme = await programmeFor(c, c.req.param('pid')!)
    const own = providerScope(c.get('principal'))
    return c.json(await commentsFor(systemDeps(c.env), programme, c.req.valid('query'), own))
  })
