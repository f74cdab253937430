import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../env.ts'

/**
 * Names the request so a client can quote it and the log line can be found: Cloudflare's Ray ID where the
 * request came through Cloudflare (it also finds the request in Cloudflare's own logs), else a random UUID.
 * Not hono/request-id: it prefers an X-Request-Id sent by the client, which need not be unique.
 */
export const requestId = createMiddleware<AppEnv>(async (c, next) => {
  const id = c.req.header('cf-ray') ?? crypto.randomUUID()
  c.set('requestId', id)
  c.header('X-Request-Id', id)
  await next()
})
