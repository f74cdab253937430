import { Hono } from 'hono'
import type { AppEnv } from '../env.ts'

/**
 * GET /api/v1/openapi.json: public, like the reference page at /docs that reads it. The document (every schema
 * turned into JSON Schema) is loaded on its first request, not at every isolate's start.
 */
export const openapiRoutes = new Hono<AppEnv>().get('/', async (c) => {
  const { openApiJson } = await import('../openapi/document.ts')
  c.header('content-type', 'application/json; charset=utf-8')
  c.header('cache-control', 'public, max-age=300')
  return c.body(openApiJson())
})
