import { Hono } from 'hono'
import { systemDeps } from '../app/deps.ts'
import { nationalComparison } from '../app/national.ts'
import type { AppEnv } from '../env.ts'
import { ApiError } from '../http/errors.ts'
import { queryParams } from '../http/validate.ts'
import { nationalComparisonQuery } from '../schemas/national.ts'

/** The ministry's view: national keys (and the admin) only; every figure is one the public ratings show. */
export const nationalRoutes = new Hono<AppEnv>().get('/comparison', queryParams(nationalComparisonQuery), async (c) => {
  const role = c.get('principal').role
  if (role !== 'national' && role !== 'admin')
    throw new ApiError(403, 'Only a national key reads the national comparison')
  return c.json(await nationalComparison(systemDeps(c.env), c.req.valid('query')))
})
