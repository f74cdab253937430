import { Hono } from 'hono'
import { systemDeps } from '../app/deps.ts'
import { createKey, revokeAccessKey } from '../app/keys.ts'
import { listKeys } from '../db/keys.ts'
import type { AppEnv } from '../env.ts'
import { assertProcurerOf } from '../http/principal.ts'
import { jsonBody, queryParams } from '../http/validate.ts'
import { createKeySchema } from '../schemas/keys.ts'
import { keyListQuery } from '../schemas/queries.ts'

export const keyRoutes = new Hono<AppEnv>()
  .post('/', jsonBody(createKeySchema), async (c) => {
    return c.json(await createKey(systemDeps(c.env), c.get('principal'), c.req.valid('json')), 201)
  })
  .get('/', queryParams(keyListQuery), async (c) => {
    const { programmeId } = c.req.valid('query')
    assertProcurerOf(c.get('principal'), programmeId)
    return c.json({ keys: await listKeys(c.env.DB, programmeId) })
  })
  .delete('/:kid', async (c) => {
    return c.json(await revokeAccessKey(systemDeps(c.env), c.get('principal'), c.req.param('kid')))
  })
