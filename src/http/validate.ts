import { zValidator } from '@hono/zod-validator'
import type { Context } from 'hono'
import type { ZodType } from 'zod'
import { ApiError, invalid, zodIssues } from './errors.ts'

const isJson = (contentType: string | undefined) => /^application\/([\w.-]+\+)?json\b/i.test(contentType ?? '')

/** A JSON body checked against one zod schema; failures become 422 with one issue per field. */
export function jsonBody<T extends ZodType>(schema: T) {
  return zValidator('json', schema, (result, c) => {
    if (result.success) return
    if (!isJson(c.req.header('content-type'))) {
      throw new ApiError(415, 'Send the body as JSON with "Content-Type: application/json"')
    }
    throw invalid(zodIssues(result.error))
  })
}

/**
 * A JSON body read as it is, for a route that validates it itself (against a schema it builds per
 * request): 415 unless it is sent as JSON, 400 when it does not parse.
 */
export async function rawJsonBody(c: Context, malformed: string): Promise<unknown> {
  if (!isJson(c.req.header('content-type'))) {
    throw new ApiError(415, 'Send the body as JSON with "Content-Type: application/json"')
  }
  try {
    return await c.req.json()
  } catch {
    throw new ApiError(400, malformed)
  }
}

/** Query parameters checked against a zod schema; a bad parameter is a malformed request (400). */
export function queryParams<T extends ZodType>(schema: T) {
  return zValidator('query', schema, (result) => {
    if (result.success) return
    const issues = zodIssues(result.error)
    throw new ApiError(
      400,
      `Bad query parameter: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`,
      { issues },
    )
  })
}
