import { Hono } from 'hono'
import type { AppEnv } from '../env.ts'
import { openApiJson } from '../openapi/document.ts'

/** GET /api/v1/openapi.json: public, like the reference page at /docs that reads it. */
export const openapiRoutes = new Hono<AppEnv>().get('/', (c) => {
  c.header('content-type', 'application/json; charset=utf-8')
  c.header('cache-control', 'public, max-age=300')
  return c.body(openApiJson())
})
