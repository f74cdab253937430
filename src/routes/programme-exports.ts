import { Hono } from 'hono'
import { systemDeps } from '../app/deps.ts'
import { exportResponses } from '../app/export-responses.ts'
import type { AppEnv } from '../env.ts'
import { csvStreamResponse } from '../http/csv-response.ts'
import { assertProcurerOf } from '../http/principal.ts'
import { programmeFor } from '../http/programme-access.ts'
import { queryParams } from '../http/validate.ts'
import { responsesExportQuery } from '../schemas/exports.ts'

/** GET /programmes/:pid/responses.csv: every response with its answers' codes and labels (procurer only, audited). */
export const programmeExportRoutes = new Hono<AppEnv>().get(
  '/responses.csv',
  queryParams(responsesExportQuery),
  async (c) => {
    const programme = await programmeFor(c, c.req.param('pid')!)
    const principal = c.get('principal')
    assertProcurerOf(principal, programme.id)
    const q = c.req.valid('query')
    const path = new URL(c.req.url).pathname
    const exported = await exportResponses(systemDeps(c.env), principal, programme, q, path)
    c.header('x-row-count', String(exported.rows))
    return csvStreamResponse(c, `responses-${programme.id}-${q.wave}-${q.lang}.csv`, exported.header, exported.pages)
  },
)
