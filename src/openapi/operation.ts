import type { z } from 'zod'
import type { SchemaName } from './components.ts'
import type { JsonSchema } from './json-schema.ts'

export type Tag =
  | 'Keys'
  | 'Audit'
  | 'Programmes'
  | 'Fee rules'
  | 'Providers'
  | 'Episodes'
  | 'Scores'
  | 'Fee runs'
  | 'Surveys'
  | 'Respondent'
  | 'Public'
  | 'National'
  | 'Service'
  | 'Pages'

/** A body or response schema: a named component or a small schema written in place. */
export type SchemaSpec = SchemaName | JsonSchema

export type Content = { json: SchemaSpec } | { csv: string } | { html: string } | { form: JsonSchema } | { none: true }

export type Reply = { status: number; description: string } & Content

/** An error status, optionally with what it means for this operation; the body is always the Error schema. */
export type ErrorReply = number | [number, string]

export type Operation = {
  id: string
  method: 'get' | 'post' | 'put' | 'patch' | 'delete'
  /** OpenAPI path template, e.g. /api/v1/programmes/{pid} */
  path: string
  tag: Tag
  summary: string
  description?: string
  /** key: Authorization: Bearer <admin token or access key>; none: public, or the token in the path. */
  auth: 'key' | 'none'
  /** The zod objects the route validates its query with. */
  query?: z.ZodType[]
  /** Alternative request bodies, by media type. */
  body?: Content[]
  replies: Reply[]
  errors: ErrorReply[]
  /** Set where the route never reads the database, so no 503 is listed. */
  noDatabase?: true
}

/** Errors every keyed operation may return: no or bad key, a key without access, too many failed key checks. */
export const KEYED: ErrorReply[] = [401, 403, 429]
/** Errors of a JSON body checked by jsonBody(): malformed JSON, not JSON, breaks a rule. */
export const JSON_BODY: ErrorReply[] = [400, 415, 422]

export const arrayOf = (name: SchemaName, key: string): JsonSchema => ({
  type: 'object',
  properties: { [key]: { type: 'array', items: { $ref: `#/components/schemas/${name}` } } },
  required: [key],
})
