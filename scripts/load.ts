// npm run load — survey saves and completions from many concurrent respondents against the Worker,
// then proof that every acknowledged completion is stored exactly once and no answer is lost.
//
// By default it starts its own `wrangler dev` the way `npm start` does (127.0.0.1, migrations applied,
// a random ADMIN_TOKEN) on a fresh temporary D1, seeds it through the API and removes it afterwards.
// LOAD_URL=http://127.0.0.1:8787 ADMIN_TOKEN=... targets a running `npm start` instead (its D1 file is
// read from LOAD_PERSIST, default .wrangler/state, when present).
//
// Bounded: a fixed number of episodes and requests, at most LOAD_RETRIES attempts per request, and a
// hard stop after LOAD_MAX_SECONDS (default 300). Loopback only. Exit 1 on FAIL.
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { type DevServer, startDevServer } from './dev-server.ts'
import { type Answers, finalAnswers, otherAnswers, progressSaves, SCORED, sameAnswers } from './load/answers.ts'
import {
  assertLoopback,
  machineLoad,
  percentile,
  pool,
  type Reply,
  type RetryPolicy,
  Stats,
  send,
} from './load/client.ts'
import { type Invitation, seedProgramme } from './load/seed.ts'
import { type DbReport, type Expectation, verifyDatabase } from './load/verify.ts'
import { d1File } from './local-d1.ts'
import { cpuMs, rssMb } from './proc.ts'
import { positiveEnv } from './script-main.ts'
import { root } from './wrangler.ts'

const env = positiveEnv
const EPISODES = env('LOAD_EPISODES', 2000)
const RESPONDENTS = env('LOAD_RESPONDENTS', 200)
const SAVES = env('LOAD_SAVES', 9)
const MAX_SECONDS = env('LOAD_MAX_SECONDS', 300)
const MIN_REQUESTS = Number(process.env.LOAD_MIN_REQUESTS ?? 20_000)
const RETRIES = env('LOAD_RETRIES', 6)
const REQUEST_TIMEOUT_MS = env('LOAD_TIMEOUT_MS', 15_000)
/** Time kept back at the end for the read-back, the D1 check and shutdown. */
const RESERVE_MS = 60_000

// Which episodes get which extra treatment (by index; the sets do not overlap).
const abandons = (i: number) => i % 20 === 19 // saves only, never completes
const resends = (i: number) => i % 4 === 0 // sends its completion again after the acknowledgement
const doubles = (i: number) => i % 10 === 1 // sends its completion twice at the same time
const lateWrites = (i: number) => i % 20 === 2 // a save and a changed completion after completing

type Track = {
  i: number
  inv: Invitation
  final: Answers
  completionAttempted: boolean
  ackedCompletion: Answers | null
  nonIdempotentAcks: number
  completionUncertain: boolean
  saveUncertain: boolean
  lastAckedSave: Answers | null
}

type Counters = {
  saves: number
  completions: number
  resends: number
  resendsIdempotent: number
  doublePairs: number
  doublePairsOk: number
  doublePairsUncertain: number
  lateSaves409: number
  lateCompletions409: number
  lateAttempts: number
  unackedSaves: number
  unackedCompletions: number
}

const started = Date.now()
const hardDeadline = started + MAX_SECONDS * 1000
let server: DevServer | null = null

const hardStop = setTimeout(() => {
  console.error(`load: hard stop after ${MAX_SECONDS} s; FAIL`)
  process.exit(1) // the server goes with this process
}, MAX_SECONDS * 1000)

const anomalies: string[] = []
let anomalyCount = 0
function anomaly(msg: string): void {
  anomalyCount++
  if (anomalies.length < 40) anomalies.push(msg)
  else if (anomalies.length === 40) anomalies.push('… (more not listed)')
}

const describe = (r: Reply) =>
  r.status === 0 ? `no answer (${r.error})` : `${r.status} ${JSON.stringify(r.body).slice(0, 300)}`

async function respondent(base: string, stats: Stats, policy: RetryPolicy, t: Track, c: Counters): Promise<void> {
  const url = `${base}/api/v1/respond/${t.inv.token}`
  const put = (answers: Answers, complete: boolean) => send(stats, policy, 'PUT', url, { answers, complete })
  const label = `#${t.i} ${t.inv.invitationId}`

  const saves = progressSaves(t.i, abandons(t.i) ? SAVES + 1 : SAVES)
  for (const [k, answers] of saves.entries()) {
    c.saves++
    const r = await put(answers, false)
    if (r.uncertain) t.saveUncertain = true
    if (r.status === 200 && r.body?.status === 'open') {
      if (!sameAnswers(r.body.answers, answers))
        anomaly(`${label} save ${k + 1}: answered ${JSON.stringify(r.body.answers)} for ${JSON.stringify(answers)}`)
      t.lastAckedSave = answers
    } else if (r.status === 0) {
      c.unackedSaves++
    } else {
      anomaly(`${label} save ${k + 1}: ${describe(r)}`)
    }
  }
  if (abandons(t.i)) return
  t.completionAttempted = true

  const judge = (r: Reply, what: string): boolean => {
    if (r.uncertain) t.completionUncertain = true
    if (r.status === 200 && r.body?.status === 'completed') {
      if (!sameAnswers(r.body.answers, t.final))
        anomaly(`${label} ${what}: acknowledged ${JSON.stringify(r.body.answers)} for ${JSON.stringify(t.final)}`)
      t.ackedCompletion ??= t.final
      if (r.body.idempotent === false) t.nonIdempotentAcks++
      return true
    }
    if (r.status === 0) c.unackedCompletions++
    else anomaly(`${label} ${what}: ${describe(r)}`)
    return false
  }

  if (doubles(t.i)) {
    // A double tap: two completions in flight at once; both must be answered 200, one stored.
    c.completions += 2
    c.doublePairs++
    const [a, b] = await Promise.all([put(t.final, true), put(t.final, true)])
    const okA = judge(a, 'completion (double, 1)')
    const okB = judge(b, 'completion (double, 2)')
    if (okA && okB && a.body.idempotent !== b.body.idempotent) c.doublePairsOk++
    else if (a.uncertain || b.uncertain) c.doublePairsUncertain++
    else if (okA && okB) anomaly(`${label} double submit: idempotent flags ${a.body.idempotent}/${b.body.idempotent}`)
  } else {
    c.completions++
    judge(await put(t.final, true), 'completion')
  }
  if (t.nonIdempotentAcks > 1)
    anomaly(`${label}: ${t.nonIdempotentAcks} completions were each acknowledged as the first`)

  if (resends(t.i) && t.ackedCompletion) {
    // The client timed out waiting and sends the same completion again: a harmless repeat.
    c.resends++
    const r = await put(t.final, true)
    if (judge(r, 'repeated completion') && r.body.idempotent === true) c.resendsIdempotent++
    else if (r.status === 200) anomaly(`${label} repeated completion: 200 but idempotent=${r.body?.idempotent}`)
  }

  if (lateWrites(t.i) && t.ackedCompletion) {
    // A late autosave and a changed completion after completing: both refused, nothing changes.
    c.lateAttempts++
    const changed = otherAnswers(t.final)
    const late = await put(changed, false)
    if (late.status === 409 && late.body?.error?.code === 'already_completed') c.lateSaves409++
    else if (late.status !== 0) anomaly(`${label} late save: expected 409 already_completed, got ${describe(late)}`)
    const again = await put(changed, true)
    if (again.status === 409) c.lateCompletions409++
    else if (again.status !== 0) anomaly(`${label} changed completion: expected 409, got ${describe(again)}`)
  }
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US')
}

async function main(): Promise<number> {
  let base: string
  let adminToken: string
  let persist: string | null
  if (process.env.LOAD_URL) {
    base = process.env.LOAD_URL.replace(/\/$/, '')
    adminToken = process.env.ADMIN_TOKEN ?? ''
    if (!adminToken) throw new Error('LOAD_URL needs ADMIN_TOKEN (the one in .dev.vars for `npm start`)')
    const dir = process.env.LOAD_PERSIST ?? join(root, '.wrangler/state')
    persist = existsSync(join(dir, 'v3', 'd1')) ? dir : null
  } else {
    adminToken = `adm_load_${randomBytes(24).toString('base64url')}`
    console.log('Starting wrangler dev on 127.0.0.1 with a fresh local D1 …')
    server = await startDevServer({ name: 'load', vars: { ADMIN_TOKEN: adminToken } })
    base = server.base
    persist = server.persistDir
  }
  assertLoopback(base)

  const seedStart = Date.now()
  const seeded = await seedProgramme(base, adminToken, EPISODES)
  console.log(
    `Seeded programme ${seeded.programmeId}: ${seeded.providerIds.length} providers, ${seeded.invitations.length} episodes in one import (${((Date.now() - seedStart) / 1000).toFixed(1)} s)`,
  )

  const tracks: Track[] = seeded.invitations.map((inv, i) => ({
    i,
    inv,
    final: finalAnswers(i),
    completionAttempted: false,
    ackedCompletion: null,
    nonIdempotentAcks: 0,
    completionUncertain: false,
    saveUncertain: false,
    lastAckedSave: null,
  }))
  const c: Counters = {
    saves: 0,
    completions: 0,
    resends: 0,
    resendsIdempotent: 0,
    doublePairs: 0,
    doublePairsOk: 0,
    doublePairsUncertain: 0,
    lateSaves409: 0,
    lateCompletions409: 0,
    lateAttempts: 0,
    unackedSaves: 0,
    unackedCompletions: 0,
  }
  const loadDeadline = hardDeadline - RESERVE_MS
  const policy: RetryPolicy = {
    maxAttempts: RETRIES,
    timeoutMs: REQUEST_TIMEOUT_MS,
    baseDelayMs: 100,
    maxDelayMs: 3000,
    deadline: loadDeadline,
  }
  const stats = new Stats()

  console.log(
    `Load: ${EPISODES} respondents' surveys (${SAVES} saves + 1 completion each, some re-sent), ${RESPONDENTS} concurrent clients …`,
  )
  const loadBefore = machineLoad()
  const t0 = performance.now()
  // Every 15 s: requests in the last interval, timeouts so far and (own server) the Worker process's CPU and memory.
  let last = { at: t0, requests: 0, cpu: server ? cpuMs(server.runtimePids()) : 0 }
  let peakRss = 0
  const progress = setInterval(() => {
    const now = performance.now()
    const interval = (now - last.at) / 1000
    const rate = (stats.requests - last.requests) / interval
    let worker = ''
    if (server) {
      const pids = server.runtimePids()
      const cpu = cpuMs(pids)
      const rss = rssMb(pids)
      peakRss = Math.max(peakRss, rss)
      worker = `; Worker process ${(((cpu - last.cpu) / 1000 / interval) * 100).toFixed(0)} % CPU, ${rate > 0 ? ((cpu - last.cpu) / (stats.requests - last.requests)).toFixed(1) : '-'} ms CPU per request, ${rss.toFixed(0)} MB RSS`
      last.cpu = cpu
    }
    console.log(
      `  ${((now - t0) / 1000).toFixed(0)} s: ${fmt(stats.requests)} requests, ${fmt(rate)} req/s, ${stats.errors.timeout} timeouts so far${worker}`,
    )
    last = { ...last, at: now, requests: stats.requests }
  }, 15_000)
  const done = await pool(tracks.length, RESPONDENTS, loadDeadline, (i) =>
    respondent(base, stats, policy, tracks[i], c),
  )
  clearInterval(progress)
  const seconds = (performance.now() - t0) / 1000
  const loadAfter = machineLoad()

  // Read back every acknowledged completion (and every abandoned survey) through the API.
  const readStats = new Stats()
  const readPolicy: RetryPolicy = { ...policy, deadline: hardDeadline - 30_000 }
  let readBackOk = 0
  let readBackChecked = 0
  await pool(tracks.length, 50, hardDeadline - 30_000, async (i) => {
    const t = tracks[i]
    if (!t.ackedCompletion && !abandons(t.i)) return
    const r = await send(readStats, readPolicy, 'GET', `${base}/api/v1/respond/${t.inv.token}`)
    readBackChecked++
    const label = `#${t.i} ${t.inv.invitationId} read-back`
    if (r.status !== 200) return anomaly(`${label}: ${describe(r)}`)
    if (t.ackedCompletion) {
      if (r.body.status === 'completed' && sameAnswers(r.body.answers, t.ackedCompletion)) readBackOk++
      else
        anomaly(
          `${label}: status ${r.body.status}, answers ${JSON.stringify(r.body.answers)}; acknowledged ${JSON.stringify(t.ackedCompletion)}`,
        )
    } else if (r.body.status !== 'open') {
      anomaly(`${label}: never completed, but status ${r.body.status}`)
    } else if (!t.saveUncertain && t.lastAckedSave && !sameAnswers(r.body.answers, t.lastAckedSave)) {
      anomaly(
        `${label}: holds ${JSON.stringify(r.body.answers)}, last acknowledged save ${JSON.stringify(t.lastAckedSave)}`,
      )
    } else readBackOk++
  })

  // Own server: stop it (keeping its files) so the D1 file is complete and nobody writes any more.
  if (server) await server.stop({ keepState: true })
  // The D1 file, read after the requests are done (own server: after it stopped).
  let dbFile: string | null = null
  if (persist) {
    try {
      dbFile = d1File(persist)
    } catch (err) {
      anomaly(`D1 file: ${(err as Error).message}`)
    }
  }
  const expectations: Expectation[] = tracks.map((t) => ({
    invitationId: t.inv.invitationId,
    ackedCompletion: t.ackedCompletion,
    completionUncertain: t.completionUncertain,
    expectedOpenAnswers: t.ackedCompletion || t.saveUncertain ? null : t.lastAckedSave,
  }))
  let report: DbReport | null = null
  if (dbFile && existsSync(dbFile)) {
    // A reader of a file that was just let go of may still meet a lock for a moment: try a few times.
    for (let attempt = 1; attempt <= 10 && !report; attempt++) {
      try {
        report = verifyDatabase(dbFile, seeded.programmeId, expectations)
      } catch (err) {
        if (attempt === 10 || !/locked|busy/i.test(String(err))) {
          anomaly(`D1 check could not run: ${(err as Error).message}`)
          break
        }
        await sleep(500)
      }
    }
  }
  await server?.stop() // stopped already: this removes its temp dir

  const acked = tracks.filter((t) => t.ackedCompletion).length
  const putRequests = stats.requests
  const lat = stats.latencies
  const statusList = [...stats.statuses.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([s, n]) => `${s}: ${fmt(n)}`)
    .join(', ')
  const failures: string[] = []
  if (done < tracks.length) failures.push(`only ${done} of ${tracks.length} respondents finished before the deadline`)
  if (putRequests < MIN_REQUESTS) failures.push(`${fmt(putRequests)} requests sent, fewer than ${fmt(MIN_REQUESTS)}`)
  if (anomalyCount > 0) failures.push(`${anomalyCount} unexpected answers (listed above)`)
  if (!report)
    failures.push('the D1 file could not be checked (set LOAD_PERSIST to the persist dir of the running server)')
  else if (report.failures.length > 0) failures.push(`${report.failures.length} D1 check failures (listed above)`)
  if (readBackOk !== readBackChecked)
    failures.push(`${readBackChecked - readBackOk} of ${readBackChecked} read-backs differ`)

  const out: string[] = []
  out.push('')
  if (anomalies.length > 0) out.push('Unexpected answers:', ...anomalies.map((a) => `  ${a}`), '')
  if (report && report.failures.length > 0) out.push('D1 check failures:', ...report.failures.map((a) => `  ${a}`), '')
  out.push(`Load test results (${EPISODES} surveys, ${RESPONDENTS} concurrent respondents, ${base})`)
  out.push(`  machine:                   ${loadBefore} at the start, ${loadAfter.replace(/^.*, /, '')} at the end`)
  out.push(
    `  requests sent:             ${fmt(putRequests)} PUT /api/v1/respond/:token (${fmt(c.saves)} saves, ${fmt(c.completions)} completions, ${fmt(c.resends)} repeated completions, ${fmt(c.lateAttempts * 2)} late writes; retries included) + ${fmt(readStats.requests)} read-backs`,
  )
  out.push(`  answers by status:         ${statusList}`)
  out.push(
    `  errors by kind:            timeout ${stats.errors.timeout}, network ${stats.errors.network}, 5xx ${stats.errors.http_5xx}, 429 ${stats.errors.http_429}; unanswered after retries: ${c.unackedSaves} saves, ${c.unackedCompletions} completions`,
  )
  for (const [body, n] of stats.serverErrors) out.push(`    ${n} x ${body}`)
  out.push(`  retries:                   ${fmt(stats.retries)}`)
  out.push(
    `  duration:                  ${seconds.toFixed(1)} s${peakRss > 0 ? `; Worker process up to ${peakRss.toFixed(0)} MB RSS` : ''}`,
  )
  out.push(
    `  throughput:                ${fmt(putRequests / seconds)} req/s (${(acked / seconds).toFixed(1)} completions/s)`,
  )
  out.push(
    `  latency:                   p50 ${percentile(lat, 50).toFixed(0)} ms, p95 ${percentile(lat, 95).toFixed(0)} ms, p99 ${percentile(lat, 99).toFixed(0)} ms, max ${percentile(lat, 100).toFixed(0)} ms`,
  )
  out.push(
    `  completions acknowledged:  ${fmt(acked)} of ${fmt(tracks.filter((t) => t.completionAttempted).length)} attempted; read back equal through GET: ${fmt(readBackOk)} of ${fmt(readBackChecked)} checked`,
  )
  out.push(`  repeated completions:      ${c.resendsIdempotent} of ${c.resends} answered 200 idempotent`)
  out.push(
    `  concurrent double submits: ${c.doublePairsOk} of ${c.doublePairs} pairs answered 200 twice with exactly one first completion; ${c.doublePairsUncertain} met a timeout and retried (judged by the D1 check)`,
  )
  out.push(
    `  late writes refused (409): ${c.lateSaves409} of ${c.lateAttempts} saves, ${c.lateCompletions409} of ${c.lateAttempts} changed completions`,
  )
  if (report) {
    out.push(
      `  D1 (${report.invitations} invitations): ${fmt(report.completedStored)} completed stored, ${fmt(report.ackedAndStored)} of ${fmt(acked)} acknowledged found with equal answers; ${report.responseRows} responses rows, ${report.itemRows} response_items rows (${SCORED.length} per completion: ${report.itemRows === report.completedStored * SCORED.length ? 'yes' : 'NO'}); duplicate rows: ${report.duplicateResponseRows + report.duplicateItemRows}`,
    )
    out.push(`  completed without acknowledgement (timeouts): ${report.completedWithoutAck}`)
  }
  out.push(failures.length === 0 ? 'PASS' : `FAIL: ${failures.join('; ')}`)
  console.log(out.join('\n'))
  return failures.length === 0 ? 0 : 1
}

let code = 1
try {
  code = await main()
} catch (err) {
  console.error('load: FAIL:', err instanceof Error ? err.message : err)
  code = 1
} finally {
  clearTimeout(hardStop)
  if (server) await (server as DevServer).stop().catch(() => undefined)
}
process.exit(code)
