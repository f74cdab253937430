// HTTP for the load test and the benchmarks: loopback only, every attempt timed, retries with
// exponential backoff and full jitter on network errors, timeouts, 429 and 5xx but 500 (a bug), always bounded.
import { Agent, request } from 'node:http'
import { cpus, loadavg } from 'node:os'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Json } from '../api-client.ts'

// node:http with keep-alive costs the client about a third of fetch's CPU per request, which matters
// when client and Worker share two cores.
const agent = new Agent({ keepAlive: true, maxSockets: 1024 })

type Raw = { status: number; headers: Record<string, string | string[] | undefined>; text: string }

function httpRequest(method: string, url: string, payload: string | undefined, timeoutMs: number): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = {}
    if (payload !== undefined) {
      headers['content-type'] = 'application/json'
      headers['content-length'] = Buffer.byteLength(payload)
    }
    const req = request(url, { method, headers, agent, signal: AbortSignal.timeout(timeoutMs) }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (d: Buffer) => chunks.push(d))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }),
      )
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(payload)
  })
}

export type ErrorKind = 'timeout' | 'network' | 'http_5xx' | 'http_429'

export type Reply = {
  status: number
  body: Json
  attempts: number
  /** Some attempt may have reached the server without us seeing its answer (timeout, dropped connection). */
  uncertain: boolean
  /** The last error when no attempt got an HTTP answer that is final (status 0 then). */
  error?: ErrorKind
}

export type RetryPolicy = {
  maxAttempts: number
  timeoutMs: number
  baseDelayMs: number
  maxDelayMs: number
  /** No new attempt starts after this instant (epoch ms). */
  deadline: number
}

/** One attempt of at most 30 s, nothing after `deadline`: a benchmark measures, it does not retry. */
export const oneAttempt = (deadline: number): RetryPolicy => ({
  maxAttempts: 1,
  timeoutMs: 30_000,
  baseDelayMs: 0,
  maxDelayMs: 0,
  deadline,
})

/** Request counters and per-attempt latencies, shared by every virtual client. */
export class Stats {
  requests = 0
  retries = 0
  errors: Record<ErrorKind, number> = { timeout: 0, network: 0, http_5xx: 0, http_429: 0 }
  statuses = new Map<number, number>()
  latencies: number[] = []
  /** Distinct 5xx bodies (first 120 characters) with their counts, to say what the errors were. */
  serverErrors = new Map<string, number>()

  record(ms: number, status: number): void {
    this.latencies.push(ms)
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1)
  }
}

export function assertLoopback(base: string): void {
  const host = new URL(base).hostname
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '[::1]') {
    throw new Error(`refusing to send load to ${host}: loopback (127.0.0.1) only`)
  }
}

/** The p-th percentile (0..100) of numbers, nearest-rank. */
export function percentile(values: number[] | Float64Array, p: number): number {
  if (values.length === 0) return NaN
  const sorted = Float64Array.from(values).sort()
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)))
  return sorted[rank - 1]
}

function retryAfterMs(res: Raw): number | null {
  const v = res.headers['retry-after']
  if (typeof v !== 'string') return null
  const s = Number(v)
  return Number.isFinite(s) ? Math.max(0, s * 1000) : null
}

/**
 * One logical request: up to `maxAttempts` attempts while the deadline allows. Final answers
 * (2xx, 4xx other than 429) are returned as they are; the caller judges them.
 */
export async function send(
  stats: Stats,
  policy: RetryPolicy,
  method: string,
  url: string,
  body?: unknown,
): Promise<Reply> {
  let uncertain = false
  let lastError: ErrorKind | undefined
  const payload = body === undefined ? undefined : JSON.stringify(body)
  for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
    if (attempt > 1) stats.retries++
    stats.requests++
    const started = performance.now()
    let wait: number | null = null
    try {
      const res = await httpRequest(method, url, payload, policy.timeoutMs)
      const text = res.text
      stats.record(performance.now() - started, res.status)
      let parsed: Json = null
      try {
        parsed = text ? JSON.parse(text) : null
      } catch {
        parsed = { raw: text.slice(0, 500) }
      }
      if (res.status === 429) {
        lastError = 'http_429'
        wait = retryAfterMs(res)
      } else if (res.status >= 500) {
        // A 5xx may come after the Worker wrote (e.g. it failed while answering): treat it as unknown.
        lastError = 'http_5xx'
        uncertain = true
        const key = `${res.status} ${text.slice(0, 120).replace(/\s+/g, ' ')}`
        if (stats.serverErrors.size < 20 || stats.serverErrors.has(key))
          stats.serverErrors.set(key, (stats.serverErrors.get(key) ?? 0) + 1)
        // Only a 503 (a passing database fault) is worth retrying; a 500 is a bug and fails the same way again.
        if (res.status === 500) {
          stats.errors.http_5xx++
          return { status: res.status, body: parsed, attempts: attempt, uncertain }
        }
      } else {
        return { status: res.status, body: parsed, attempts: attempt, uncertain }
      }
    } catch (err) {
      const name = (err as Error)?.name
      lastError = name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'network'
      uncertain = true
    }
    stats.errors[lastError!]++
    if (attempt === policy.maxAttempts) break
    const backoff = Math.random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1))
    const delay = Math.min(policy.maxDelayMs, Math.max(backoff, wait ?? 0))
    if (Date.now() + delay >= policy.deadline) break
    await sleep(delay)
  }
  return { status: 0, body: null, attempts: policy.maxAttempts, uncertain, error: lastError }
}

/** Runs `work(i)` for i in [0, count) on `concurrency` async workers; stops taking work past the deadline. */
export async function pool(
  count: number,
  concurrency: number,
  deadline: number,
  work: (i: number) => Promise<void>,
): Promise<number> {
  let next = 0
  let done = 0
  const worker = async () => {
    while (next < count && Date.now() < deadline) {
      const i = next++
      await work(i)
      done++
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker))
  return done
}

/** The machine's cores and 1-minute load average: other work on a shared machine moves every figure. */
export function machineLoad(): string {
  return `${cpus().length} cores, load average ${loadavg()[0].toFixed(1)}`
}
