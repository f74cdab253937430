import { Hono } from 'hono'
import { systemDeps } from '../app/deps.ts'
import { scoresFor } from '../app/programme-reads.ts'
import { getProgramme } from '../db/programmes.ts'
import type { AppEnv } from '../env.ts'
import { ApiError } from '../http/errors.ts'
import { queryParams } from '../http/validate.ts'
import { scoresQuerySchema } from '../schemas/scores.ts'

/** Public provider ratings: no key, only published figures of groups large enough to show. */
export const publicRoutes = new Hono<AppEnv>().get(
  '/programmes/:pid/ratings',
  queryParams(scoresQuerySchema),
  async (c) => {
    const programme = await getProgramme(c.env.DB, c.req.param('pid'))
    if (!programme) throw new ApiError(404, 'No such programme')
    const scores = await scoresFor(systemDeps(c.env), programme, c.req.valid('query'), 'public')
    c.header('cache-control', 'public, max-age=300')
    const info = {
      id: programme.id,
      name: programme.name,
      region: programme.region,
      minResponses: programme.publication.minResponses,
    }
    return c.json({ ...scores, programme: { ...info, ...scores.programme } })
  },
)
