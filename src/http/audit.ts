import { createMiddleware } from 'hono/factory'
import { insertAudit } from '../db/audit.ts'
import type { AppEnv } from '../env.ts'
import { nowIso } from '../lib/time.ts'

const READS = new Set(['GET', 'HEAD', 'OPTIONS'])
/** Reads that hand over what only the procurer may hold are audited like changes. */
const AUDITED_READS = /\/invitation-links\.csv$/
/** The response export writes its own entry (filters, row count) when served; a refused one is logged here. */
const SELF_AUDITED_READS = /\/responses\.csv$/

/** Records every data-changing request made with a key, after it ran, with its status. */
export const auditChanges = createMiddleware<AppEnv>(async (c, next) => {
  await next()
  const principal = c.get('principal')
  const path = new URL(c.req.url).pathname
  const refusedExport = SELF_AUDITED_READS.test(path) && c.res.status >= 400
  if (!principal || (READS.has(c.req.method) && !AUDITED_READS.test(path) && !refusedExport)) return
  const programmeId =
    /\/programmes\/(prg_[0-9a-f]+)/.exec(path)?.[1] ??
    (principal.role === 'admin' || principal.role === 'national' ? null : principal.programmeId)
  await insertAudit(c.env.DB, {
    at: nowIso(),
    keyId: principal.keyId,
    role: principal.role,
    programmeId,
    method: c.req.method,
    path,
    status: c.res.status,
  })
})
