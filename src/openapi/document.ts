import { componentSchemas } from './components.ts'
import { type JsonSchema, queryParameters, schemaRef } from './json-schema.ts'
import type { Content, ErrorReply, Operation, SchemaSpec, Tag } from './operation.ts'
import { operations } from './operations.ts'

const tags: Array<{ name: Tag; description: string }> = [
  { name: 'Keys', description: 'Access keys: shown once, stored as hashes, bound to a programme or a provider' },
  { name: 'Audit', description: 'The trail of data-changing requests made with a key' },
  { name: 'Programmes', description: 'Programmes with their surveys and publication rules' },
  { name: 'Fee rules', description: 'Versioned fee rules: every change is a new version' },
  { name: 'Providers', description: 'Service providers of a programme' },
  {
    name: 'Episodes',
    description:
      'Service episodes, the confirmation of those a provider imported, their personal invitations and result events',
  },
  { name: 'Scores', description: 'Quality scores and response-rate diagnostics' },
  { name: 'Fee runs', description: 'Fee runs, statements, disputes and simulations' },
  { name: 'Surveys', description: 'Survey definitions (public)' },
  { name: 'Respondent', description: 'The personal survey link: the token is the only credential' },
  { name: 'Public', description: 'Published provider ratings (no key)' },
  { name: 'National', description: "A ministry's view: every programme's public figures side by side (national keys)" },
  { name: 'Service', description: 'Health and this document' },
  { name: 'Pages', description: 'Server-rendered HTML pages for people' },
]

/** Shared error responses, referenced by status. */
const errorNames: Record<number, [string, string]> = {
  400: ['BadRequest', 'Malformed request: unreadable JSON or a bad query parameter'],
  401: ['Unauthorized', 'No access key, or the key is unknown, revoked or expired'],
  403: ['Forbidden', 'The key may not do this (another programme, another provider, or the wrong role)'],
  404: ['NotFound', 'No such resource (or not visible to this key)'],
  409: ['Conflict', 'The request conflicts with the stored state'],
  410: ['Gone', 'The link expired'],
  413: ['PayloadTooLarge', 'The body is larger than 8 MiB'],
  415: ['UnsupportedMediaType', 'The body is not in a media type this operation reads'],
  422: ['Invalid', 'Valid JSON that breaks a rule; one issue per field'],
  429: ['RateLimited', 'Too many requests (failed key checks per address, or saves per survey link)'],
  500: ['Internal', 'An unexpected error (a bug): retrying will not help; the body carries the requestId to quote'],
  503: ['Unavailable', 'The database failed for a moment; safe to retry after Retry-After seconds'],
}

/** Headers of a shared error response, by status. */
const errorHeaders: Record<number, Record<string, unknown>> = {
  503: { 'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer' } } },
}

const pathParams: Record<string, string> = {
  kid: 'Key id',
  pid: 'Programme id',
  eid: 'Episode id',
  rid: 'Fee run id',
  did: 'Dispute id',
  id: 'Survey id, e.g. cx-company',
  v: 'Survey version number',
  token: 'The personal survey link token',
}

const spec = (s: SchemaSpec): JsonSchema => (typeof s === 'string' ? { $ref: schemaRef(s) } : s)

function media(content: Content): Record<string, { schema: JsonSchema }> {
  if ('json' in content) return { 'application/json': { schema: spec(content.json) } }
  if ('csv' in content) return { 'text/csv': { schema: { type: 'string', description: content.csv } } }
  if ('html' in content) return { 'text/html': { schema: { type: 'string' } } }
  if ('form' in content) return { 'application/x-www-form-urlencoded': { schema: content.form } }
  return {}
}

function errorResponse(e: ErrorReply) {
  const [status, description] = typeof e === 'number' ? [e, undefined] : e
  if (!errorNames[status]) throw new Error(`no shared error response for ${status}`)
  if (description === undefined) return [status, { $ref: `#/components/responses/${errorNames[status][0]}` }] as const
  return [status, { description, content: { 'application/json': { schema: { $ref: schemaRef('Error') } } } }] as const
}

function operationObject(op: Operation) {
  const names = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1])
  const parameters = [
    ...names.map((name) => ({
      name,
      in: 'path',
      required: true,
      description: pathParams[name],
      schema: { type: name === 'v' ? 'integer' : 'string' },
    })),
    ...(op.query ?? []).flatMap(queryParameters),
  ]
  // Every API request passes the body limit; a passing database fault becomes 503 on any route that reads it,
  // and any route can meet a bug (500).
  const limited = op.body && op.path.startsWith('/api/')
  const errors: ErrorReply[] = [...op.errors, ...(limited ? [413] : []), 500, ...(op.noDatabase ? [] : [503])]
  const responses = Object.fromEntries([
    ...op.replies.map((r) => {
      const content = media(r)
      return [
        r.status,
        Object.keys(content).length ? { description: r.description, content } : { description: r.description },
      ]
    }),
    ...errors.map(errorResponse).sort(([a], [b]) => a - b),
  ])
  return {
    operationId: op.id,
    tags: [op.tag],
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    security: op.auth === 'key' ? [{ bearerKey: [] }] : [],
    ...(parameters.length ? { parameters } : {}),
    ...(op.body ? { requestBody: { required: true, content: Object.assign({}, ...op.body.map(media)) } } : {}),
    responses,
  }
}

export function buildDocument() {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const op of operations) {
    paths[op.path] ??= {}
    paths[op.path][op.method] = operationObject(op)
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Laatu API',
      version: 'v1',
      summary: 'Customer-rated quality for publicly procured services',
      description:
        'JSON in and out. Errors always have the shape of the Error schema. Every response carries an X-Request-Id header. Send keys as "Authorization: Bearer <key>". Every response to a request with a key (JSON, CSV exports and errors, 401s included) and every response of the respondent endpoints and pages carries Cache-Control: no-store; the public ratings (JSON and page) and this document may be cached for 5 minutes. The respondent endpoints need no key: the personal token in the path is the credential. An issue names its place in path and says what is wrong in plain words in message ("must be company or jobseeker"), without repeating the path; an issue about a CSV row names the line (the header is line 1) and the column as the file has them: path "line 2.email", message "line 2, column email: must be an email address". Every enumerated value is snake_case. Changed in v1: a score row\'s comparison is "no_different" (was "no different").',
    },
    servers: [{ url: '/' }],
    tags,
    paths,
    components: {
      schemas: componentSchemas(),
      responses: Object.fromEntries(
        Object.entries(errorNames).map(([status, [name, description]]) => [
          name,
          {
            description,
            ...(errorHeaders[Number(status)] ? { headers: errorHeaders[Number(status)] } : {}),
            content: { 'application/json': { schema: { $ref: schemaRef('Error') } } },
          },
        ]),
      ),
      securitySchemes: {
        bearerKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'The admin token, a procurer key or a provider key (lk_...)',
        },
      },
    },
  }
}

let cached: string | undefined

/** The document as JSON text, built once per isolate: the schemas cannot change while it runs. */
export function openApiJson(): string {
  cached ??= JSON.stringify(buildDocument())
  return cached
}
