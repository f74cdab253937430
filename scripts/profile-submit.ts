// npm run profile:submit — where a respondent's completion spends the Worker's CPU: a sampling CPU profile
// (Chrome DevTools protocol, Profiler domain) of `wrangler dev`'s Worker through its inspector port, taken
// while PROFILE_REQUESTS completions run, each after its page view (made before the profile starts), as in
// bench:submit. The Worker runs unminified so that functions keep their names. Prints the functions with the
// most self time and the same time by source module (the bundle's `// path` markers), per completion.
//
// Bounded: fixed request counts, per-request timeouts, a hard stop after PROFILE_MAX_SECONDS (default 600).
// Loopback only; the server and its temp dir are removed at the end.
import { randomBytes } from 'node:crypto'
import { type DevServer, startDevServer } from './dev-server.ts'
import { type CallFrame, inspector, keptInterval, type Profile, type ProfileNode, startProfile } from './devtools.ts'
import { finalAnswers } from './load/answers.ts'
import { assertLoopback, machineLoad, oneAttempt, pool, Stats, send } from './load/client.ts'
import { seedProgramme } from './load/seed.ts'
import { positiveEnv, runScript } from './script-main.ts'

const env = positiveEnv
const REQUESTS = env('PROFILE_REQUESTS', 300)
const WARMUP = env('PROFILE_WARMUP', 100)
const CONCURRENCY = env('PROFILE_CONCURRENCY', 8)
const TOP = env('PROFILE_TOP', 30)
const INTERVAL_US = env('PROFILE_INTERVAL_US', 100)
const MAX_SECONDS = env('PROFILE_MAX_SECONDS', 600)

const started = Date.now()
let server = null as DevServer | null
const hardStop = setTimeout(() => {
  console.error(`profile:submit: hard stop after ${MAX_SECONDS} s`)
  process.exit(1) // the server goes with this process
}, MAX_SECONDS * 1000)

/** Each bundle line's source module, from the `// path` comments esbuild writes before every module. */
function modulesByLine(source: string, script: string): string[] {
  let current = script
  return source.split('\n').map((line) => {
    const marker = /^\/\/ ((?:src|node_modules|test|\.\.)\/\S+|[\w@.-]+\/\S+\.[cm]?[jt]sx?)$/.exec(line.trim())
    if (marker) current = marker[1].replace(/^.*node_modules\//, '')
    return current
  })
}

/**
 * Self time (ms) per key: each sample counts as the interval the sampler kept, as in bench:submit, so that the
 * wait for D1 after a sample is not counted as that sample's function.
 */
function selfTimes(profile: Profile, key: (node: ProfileNode) => string): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const ms = keptInterval(profile, INTERVAL_US) / 1000
  const out = new Map<string, number>()
  for (const sample of profile.samples) {
    const k = key(byId.get(sample)!)
    out.set(k, (out.get(k) ?? 0) + ms)
  }
  return out
}

const IDLE = new Set(['(idle)', '(program)'])

function table(title: string, what: string, times: Map<string, number>, busyMs: number, count: number): string[] {
  const rows = [...times].filter(([k]) => !IDLE.has(k)).sort((a, b) => b[1] - a[1])
  const out = [title, '', `| self time | share of busy | per completion | ${what} |`, '| ---: | ---: | ---: | --- |']
  for (const [k, ms] of rows.slice(0, TOP))
    out.push(
      `| ${ms.toFixed(1)} ms | ${((100 * ms) / busyMs).toFixed(1)} % | ${((1000 * ms) / count).toFixed(0)} µs | ${k} |`,
    )
  return [...out, '']
}

async function main(): Promise<number> {
  const adminToken = `adm_profile_${randomBytes(24).toString('base64url')}`
  console.log('Starting the Worker (wrangler dev, unminified, 127.0.0.1, fresh local D1) …')
  server = await startDevServer({ name: 'profile-submit', vars: { ADMIN_TOKEN: adminToken }, minify: false })
  assertLoopback(server.base)
  if (server.inspectorPort === null) throw new Error('the dev server has no inspector port')
  const seeded = await seedProgramme(server.base, adminToken, WARMUP + REQUESTS, 5, 'Profile')
  const tokens = seeded.invitations.map((i) => i.token)
  const policy = oneAttempt(started + MAX_SECONDS * 1000)
  const stats = new Stats()
  let failed = 0
  const run = (first: number, count: number, method: 'GET' | 'PUT') =>
    pool(count, CONCURRENCY, policy.deadline, async (i) => {
      const t = first + i
      const body = method === 'PUT' ? { answers: finalAnswers(t), complete: true } : undefined
      const r = await send(stats, policy, method, `${server!.base}/api/v1/respond/${tokens[t]}`, body)
      const expected = method === 'GET' ? 'open' : 'completed'
      if (r.status !== 200 || r.body?.status !== expected) {
        if (++failed <= 3) console.error(`  ${method} answered ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`)
      }
    })

  // Warm-up (compiles the code paths, loads survey-core), then the measured completions' page views.
  await run(0, WARMUP, 'GET')
  await run(0, WARMUP, 'PUT')
  await run(WARMUP, REQUESTS, 'GET')

  const devtools = await inspector(server.inspectorPort)
  const stopProfile = await startProfile(devtools, INTERVAL_US)
  const t0 = performance.now()
  await run(WARMUP, REQUESTS, 'PUT')
  const wallMs = performance.now() - t0
  const profile = await stopProfile()

  // The bundle's source, to name each sample's module.
  await devtools.call('Debugger.enable')
  const scripts = new Map<string, string[]>()
  const moduleOf = async (frame: CallFrame) => {
    if (!frame.scriptId || frame.scriptId === '0') return frame.url || '(native)'
    if (!scripts.has(frame.scriptId)) {
      const { scriptSource } = await devtools
        .call<{ scriptSource: string }>('Debugger.getScriptSource', { scriptId: frame.scriptId })
        .catch(() => ({ scriptSource: '' }))
      // A script without markers is the runtime's own JavaScript (workerd's D1 binding, wrangler's shims).
      scripts.set(frame.scriptId, modulesByLine(scriptSource, `(runtime script ${frame.url || frame.scriptId})`))
    }
    return scripts.get(frame.scriptId)![frame.lineNumber] ?? frame.url
  }
  const modules = new Map<number, string>()
  for (const node of profile.nodes) modules.set(node.id, await moduleOf(node.callFrame))
  devtools.close()

  const total = selfTimes(profile, (n) => n.callFrame.functionName || '(anonymous)')
  const busyMs = [...total].filter(([k]) => !IDLE.has(k)).reduce((s, [, ms]) => s + ms, 0)
  const named = selfTimes(profile, (n) => {
    const f = n.callFrame
    if (!f.url) return f.functionName || '(anonymous)'
    return `${f.functionName || '(anonymous)'} (${modules.get(n.id)}, bundle line ${f.lineNumber + 1})`
  })
  const byModule = selfTimes(profile, (n) =>
    IDLE.has(n.callFrame.functionName) ? n.callFrame.functionName : (modules.get(n.id) ?? '(unknown)'),
  )
  const out = [
    '',
    `CPU profile of ${REQUESTS} completions after their page views (${CONCURRENCY} concurrent clients, ${INTERVAL_US} µs sampling, ${(wallMs / 1000).toFixed(1)} s), Worker ${devtools.title}`,
    `busy samples (not idle or program), each counted as the kept interval: ${busyMs.toFixed(0)} ms, ${(busyMs / REQUESTS).toFixed(2)} ms per completion; machine: ${machineLoad()}`,
    '',
    ...table(`Top ${TOP} functions by self time`, 'function (module)', named, busyMs, REQUESTS),
    ...table(`Top ${TOP} modules by self time`, 'module', byModule, busyMs, REQUESTS),
  ]
  if (failed > 0) out.push(`FAIL: ${failed} requests were not answered as expected`)
  console.log(out.join('\n'))
  return failed > 0 ? 1 : 0
}

await runScript('profile:submit', main, async () => {
  clearTimeout(hardStop)
  await server?.stop().catch(() => undefined)
})
