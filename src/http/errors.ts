import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { isTransientD1Error } from '../db/errors.ts'
import type { FieldIssue } from '../domain/issues.ts'
import type { AppEnv } from '../env.ts'
import '../schemas/messages.ts'

const defaultCodes: Record<number, string> = {
  400: 'malformed_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  410: 'gone',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'invalid',
  429: 'rate_limited',
  500: 'internal',
  503: 'unavailable',
}

/** An error body lists at most this many issues, then says how many there were in all. */
export const MAX_ISSUES = 100

// The full count of a list cut to MAX_ISSUES, kept beside the cut list so errorBody can report it.
const issueTotals = new WeakMap<FieldIssue[], number>()

/** The first MAX_ISSUES issues, remembering how many there were (a 2 MB CSV may have a million). */
function capIssues(issues: FieldIssue[]): FieldIssue[] {
  if (issues.length <= MAX_ISSUES) return issues
  const shown = issues.slice(0, MAX_ISSUES)
  issueTotals.set(shown, issueTotals.get(issues) ?? issues.length)
  return shown
}

/** The one error type routes throw; `app.onError` turns it into the JSON error body. */
export class ApiError extends HTTPException {
  readonly code: string
  readonly issues: FieldIssue[]
  constructor(status: ContentfulStatusCode, message: string, options: { code?: string; issues?: FieldIssue[] } = {}) {
    super(status, { message })
    this.code = options.code ?? defaultCodes[status] ?? 'error'
    this.issues = capIssues(options.issues ?? [])
  }
}

/** `episodes[3].contact.email` from zod's ['episodes', 3, 'contact', 'email']. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`
    return out ? `${out}.${String(key)}` : String(key)
  }, '')
}

/** Accepts any zod error (classic or core) by its issues alone; the message does not repeat the path. */
export function zodIssues(
  error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> },
  prefix: ReadonlyArray<PropertyKey> = [],
): FieldIssue[] {
  return error.issues.map((issue) => {
    return { path: formatPath([...prefix, ...issue.path]), message: issue.message }
  })
}

/** The same error with each issue rewritten; a list cut to MAX_ISSUES still reports its full count. */
export function withIssues(err: ApiError, rewrite: (issue: FieldIssue) => FieldIssue): ApiError {
  const issues = err.issues.map(rewrite)
  const total = issueTotals.get(err.issues)
  if (total !== undefined) issueTotals.set(issues, total)
  return new ApiError(err.status, err.message, { code: err.code, issues })
}

/** An issue found inside a nested value, named from the request's root (`feeRule.components[0]...`). */
export function nestedIssue(prefix: string, issue: FieldIssue): FieldIssue {
  return { path: issue.path ? `${prefix}.${issue.path}` : prefix, message: issue.message }
}

export function invalid(issues: FieldIssue[], message = 'The request breaks a rule; see issues'): ApiError {
  return new ApiError(422, message, { issues })
}

/** `{"error": {code, message, issues}}`; a longer list is cut with `"truncated": true` and `"issueCount"`. */
export function errorBody(code: string, message: string, issues: FieldIssue[] = []) {
  const shown = capIssues(issues)
  const issueCount = issueTotals.get(shown) ?? shown.length
  return issueCount > shown.length
    ? { error: { code, message, issues: shown, truncated: true, issueCount } }
    : { error: { code, message, issues: shown } }
}

// A D1 reset or overload usually passes within seconds.
const RETRY_AFTER_SECONDS = 5

export function handleError(err: Error, c: Context<AppEnv>) {
  if (err instanceof ApiError) {
    return c.json(errorBody(err.code, err.message, err.issues), err.status)
  }
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode
    return c.json(errorBody(defaultCodes[status] ?? 'error', err.message || 'Request failed'), status)
  }
  const requestId = c.get('requestId')
  if (isTransientD1Error(err)) {
    console.warn(`request ${requestId}: database unavailable, answered 503: ${err.message}`)
    return c.json(
      errorBody('temporarily_unavailable', 'The service could not complete the request; it is safe to retry'),
      503,
      { 'Retry-After': String(RETRY_AFTER_SECONDS) },
    )
  }
  // Anything else is a broken invariant, a bug: retrying will not help, so say so and keep the trace.
  console.error(`request ${requestId}: internal error, answered 500: ${err.stack ?? err.message}`)
  const body = errorBody('internal', 'An unexpected error occurred; quote the requestId when reporting it')
  return c.json({ error: { ...body.error, requestId } }, 500)
}
