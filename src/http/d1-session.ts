import { createMiddleware } from 'hono/factory'
import { SessionDb, type SessionStart } from '../db/session.ts'
import type { Principal } from '../domain/principal.ts'
import type { AppEnv } from '../env.ts'
import { ApiError } from './errors.ts'

/**
 * The D1 bookmark a response carries and a request may send back: the request then reads a state at least that
 * fresh. Same origin as the dashboards, so no CORS exposure is needed.
 */
export const BOOKMARK_HEADER = 'x-d1-bookmark'

// D1's bookmarks: three 8-digit and one 32-digit hex groups (what wrangler dev and the deployed D1 return).
const BOOKMARK_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}$/

// GETs of published figures: the public ratings (API and page). Anyone may read them from a replica.
const PUBLIC_READS = /^\/(?:ratings\/|api\/v1\/public\/)/

/**
 * Where a request's first query may go. Writes, and reads that may precede a write (the respondent's page marks an
 * invitation opened), start at the primary. Public figures and keyed GETs start at the sent bookmark or anywhere:
 * a keyed GET moves to the primary once its key turns out not to be a provider's (see {@link readsReplica}).
 */
export function sessionStart(method: string, path: string, keyed: boolean, bookmark: string | null): SessionStart {
  if (method !== 'GET' && method !== 'HEAD') return { primary: true }
  if (keyed || PUBLIC_READS.test(path)) return { primary: false, bookmark }
  return { primary: true }
}

/**
 * A provider's dashboard may lag by the replica's delay (it shows its own figures, which it does not write); a
 * procurer or admin reads the primary, so an import is visible on the very next page without a bookmark.
 */
export const readsReplica = (principal: Principal | undefined): boolean =>
  principal === undefined || principal.role === 'provider'

/** The bookmark a request sent: absent or empty is none; anything else but a D1 bookmark is a 400 naming the header. */
export function sentBookmark(value: string | undefined): string | null {
  if (value === undefined || value === '') return null
  if (BOOKMARK_PATTERN.test(value)) return value
  const message = 'Send back a bookmark exactly as a response gave it, or leave the header out'
  throw new ApiError(400, `${BOOKMARK_HEADER} is not a D1 bookmark`, {
    issues: [{ path: `headers.${BOOKMARK_HEADER}`, message }],
  })
}

/**
 * Gives the request its own D1 session as `c.env.DB` (so handlers, Deps and the data layer are unchanged) and
 * answers with the session's newest bookmark. The scheduled jobs never pass here and keep the plain binding.
 */
export const d1Session = createMiddleware<AppEnv>(async (c, next) => {
  const bookmark = sentBookmark(c.req.header(BOOKMARK_HEADER))
  const start = sessionStart(c.req.method, c.req.path, c.req.header('authorization') !== undefined, bookmark)
  const db = new SessionDb(c.env.DB, start, () => !readsReplica(c.get('principal')))
  c.env = { ...c.env, DB: db }
  await next()
  const latest = db.bookmark()
  // Set on the response itself: c.header() after the handler first copies the whole response (a Response
  // construction per request). Every response here is one the app built, so its headers can change (as
  // securityHeaders, outside this, assumes too).
  if (latest !== null) c.res.headers.set(BOOKMARK_HEADER, latest)
})
