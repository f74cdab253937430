import type { MiddlewareHandler } from 'hono'
import { createMiddleware } from 'hono/factory'
import { principalForKeyHash } from '../db/keys.ts'
import type { AppEnv } from '../env.ts'
import { secretsEqual, sha256Hex } from '../lib/crypto.ts'
import { nowIso } from '../lib/time.ts'
import { ApiError } from './errors.ts'
import { NATIONAL_ONLY } from './principal.ts'
import { clientAddress, enforce, limiter } from './rate-limit.ts'

/** What a national key may call: the national reads and who it is. */
const NATIONAL_PATHS = /^\/api\/v1\/(national\/[^/]+|me)\/?$/

/**
 * Resolves `Authorization: Bearer <key>` to a principal, or refuses with 401. Whatever a keyed request
 * gets back (JSON, a CSV export, an error) is marked `Cache-Control: no-store`: no browser, proxy or
 * CDN may keep a copy of data only a key may read.
 */
export const requireKey = createMiddleware<AppEnv>(async (c, next) => {
  c.header('cache-control', 'no-store')
  try {
    await authenticate(c, next)
  } finally {
    c.header('cache-control', 'no-store')
  }
})

const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header('authorization') ?? ''
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
  // Failed attempts are counted per client address; past the limit even a refusal becomes 429.
  const refuse = async (message: string) => {
    await enforce(
      limiter(c.env.AUTH_FAIL_LIMITER, 'auth', 30),
      clientAddress(c.req.header('cf-connecting-ip')),
      'failed key checks',
    )
    return new ApiError(401, message)
  }
  if (!match) throw await refuse('Send an access key as "Authorization: Bearer <key>"')
  const key = match[1]
  if (c.env.ADMIN_TOKEN && (await secretsEqual(key, c.env.ADMIN_TOKEN))) {
    c.set('principal', { role: 'admin', keyId: null })
    return next()
  }
  const principal = await principalForKeyHash(c.env.DB, await sha256Hex(key), nowIso())
  if (!principal) throw await refuse('The access key is unknown, revoked or expired')
  // One gate for every keyed route, present and future: a national key gets the national reads and /me only.
  if (principal.role === 'national' && !NATIONAL_PATHS.test(c.req.path)) throw new ApiError(403, NATIONAL_ONLY)
  c.set('principal', principal)
  return next()
}
