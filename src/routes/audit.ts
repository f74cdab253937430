import { Hono } from 'hono'
import { listAudit } from '../db/audit.ts'
import type { AppEnv } from '../env.ts'
import { ApiError } from '../http/errors.ts'
import { assertProcurerOf } from '../http/principal.ts'
import { queryParams } from '../http/validate.ts'
import { auditQuery } from '../schemas/queries.ts'

/** The audit trail of data-changing key use: a procurer sees its programme's, the admin everything. */
export const auditRoutes = new Hono<AppEnv>().get('/', queryParams(auditQuery), async (c) => {
  const { programmeId, limit } = c.req.valid('query')
  const principal = c.get('principal')
  if (programmeId === undefined) {
    if (principal.role !== 'admin') throw new ApiError(403, 'Name a programmeId; only the admin reads the whole log')
  } else assertProcurerOf(principal, programmeId)
  return c.json({ entries: await listAudit(c.env.DB, programmeId ?? null, limit) })
})
