import { env, exports } from 'cloudflare:workers'
import type { Json } from '../scripts/api-client.ts'

export const ADMIN = env.ADMIN_TOKEN

type Options = { key?: string; json?: unknown; csv?: string; body?: string; headers?: Record<string, string> }

// Response bodies and their parts, for a test that names them.
export type {
  AccessKey,
  ApiError,
  AuditEntry,
  CommentsRow,
  DiagnosticsRow,
  Episode,
  FeeComponent,
  FeeLine,
  FeeRunSummary,
  ImportedEpisode,
  Issue,
  Programme,
  Provider,
  ProviderStatement,
  ScoreRow,
  SimulatedRule,
  Survey,
} from './api-types.ts'

// A response body as JSON.parse returns it: tests read bodies loosely and let their assertions check
// the shape. A test that wants the compiler's help names the type instead: call<Programme>(...).
export type { Json }

/** Sends a request through the Worker's own fetch handler, as a client would. */
export async function call<T = Json>(
  method: string,
  path: string,
  opts: Options = {},
): Promise<{ status: number; data: T; headers: Headers }> {
  const headers: Record<string, string> = { ...opts.headers }
  if (opts.key) headers.authorization = `Bearer ${opts.key}`
  let body: string | undefined = opts.body
  if (opts.json !== undefined) {
    headers['content-type'] ??= 'application/json'
    body = JSON.stringify(opts.json)
  } else if (opts.csv !== undefined) {
    headers['content-type'] ??= 'text/csv'
    body = opts.csv
  }
  const res = await exports.default.fetch(
    new Request(`http://laatu.test${path}`, { method, headers, body, redirect: 'manual' }),
  )
  const text = await res.text()
  let data: Json = null
  try {
    data = text ? JSON.parse(text) : null
  } catch {
    data = text
  }
  return { status: res.status, data, headers: res.headers }
}

let counter = 0
export const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++counter}`

export const validProgramme = (over: Record<string, unknown> = {}) => ({
  name: unique('Programme'),
  region: 'Pirkanmaa',
  currency: 'EUR',
  surveys: { company: 'cx-company', jobseeker: 'cx-jobseeker' },
  ...over,
})

/** A programme with two providers and a provider key for each, created through the API. */
export async function setupProgramme(over: Record<string, unknown> = {}) {
  const programme = (await call('POST', '/api/v1/programmes', { key: ADMIN, json: validProgramme(over) })).data
  const providerA = (
    await call('POST', `/api/v1/programmes/${programme.id}/providers`, {
      key: ADMIN,
      json: { name: unique('Provider A') },
    })
  ).data
  const providerB = (
    await call('POST', `/api/v1/programmes/${programme.id}/providers`, {
      key: ADMIN,
      json: { name: unique('Provider B') },
    })
  ).data
  const keyA = (
    await call('POST', '/api/v1/keys', { key: ADMIN, json: { role: 'provider', providerId: providerA.id } })
  ).data.key
  const keyB = (
    await call('POST', '/api/v1/keys', { key: ADMIN, json: { role: 'provider', providerId: providerB.id } })
  ).data.key
  const procurerKey = (
    await call('POST', '/api/v1/keys', { key: ADMIN, json: { role: 'procurer', programmeId: programme.id } })
  ).data.key
  return { programme, providerA, providerB, keyA, keyB, procurerKey }
}

export const episode = (providerId: string, over: Record<string, unknown> = {}) => ({
  providerId,
  customerType: 'company',
  externalRef: unique('ref'),
  startedOn: '2026-01-05',
  endedOn: '2026-02-10',
  ...over,
})

/** The company survey's scored items, in order. */
export const COMPANY_ITEMS = [
  'need_clarity',
  'employer_obligations',
  'recruitment_plan',
  'candidate_channels',
  'recruitment_decision',
]

/** A company client's answers: one position per scored item ('dontknow': cannot say), and the unscored use_again. */
export const companyAnswers = (positions: ReadonlyArray<number | 'dontknow'>) => ({
  ...Object.fromEntries(COMPANY_ITEMS.map((item, k) => [item, positions[k]])),
  use_again: 'same_provider',
})
