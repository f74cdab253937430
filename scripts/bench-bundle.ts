// npm run bench:bundle — the Worker's bundle size and its cold start, this tree against a baseline commit
// (BASELINE_REF, default b5633cd: before the survey runtime and the OpenAPI document were loaded on first use),
// both built in the same run the way `wrangler deploy` builds them (`wrangler deploy --dry-run --outdir`, minified
// as wrangler.toml says). Prints per build: raw and gzipped size, the bytes of the modules evaluated at startup
// (reached from src/index.ts by static imports, from esbuild's metafile), and the CPU of the isolate's startup
// from `wrangler check startup`'s profile. Then the cold start per route: for each round, route and build a new
// Miniflare (a new workerd process, so a fresh isolate) on the built bundle and one local D1 seeded once through
// the API; timed: from `new Miniflare` until it is ready (workerd started, bundle parsed and its top level
// evaluated), the first request, and a second one on the same isolate. Medians and ratios against the baseline.
// Loopback only; stops by itself; removes its temp dirs.
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { convertV4MiniflareOptions, Miniflare } from 'miniflare'
import { unstable_getMiniflareWorkerOptions, unstable_splitSqlQuery } from 'wrangler'
import { eagerGraph } from './check-lazy.ts'
import { seedProgramme } from './load/seed.ts'
import { root, runWrangler } from './wrangler.ts'

const ROUNDS = Number(process.env.ROUNDS ?? 3)
const BASELINE_REF = process.env.BASELINE_REF ?? 'b5633cd'
const HARD_STOP_MS = 20 * 60_000
const ADMIN_TOKEN = `adm_bench_${randomBytes(24).toString('base64url')}`

type Build = { name: string; src: string; out: string }

// Plain output, no metrics, no fetch of the Request.cf template: nothing leaves the machine.
const quietEnv = { CI: 'true', NO_COLOR: '1', WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' }

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`
const ms = (x: number) => (x < 100 ? x.toFixed(1) : x.toFixed(0))

/** The baseline's sources (git archive) beside this tree's node_modules, so both build with the same wrangler. */
function checkoutBaseline(dir: string): string {
  const src = join(dir, 'baseline-src')
  mkdirSync(src)
  const archive = spawnSync('git', ['archive', '--format=tar', BASELINE_REF], { cwd: root, maxBuffer: 1 << 28 })
  if (archive.status !== 0) throw new Error(`git archive ${BASELINE_REF}: ${archive.stderr}`)
  const tar = spawnSync('tar', ['-x', '-C', src], { input: archive.stdout })
  if (tar.status !== 0) throw new Error(`tar: ${tar.stderr}`)
  symlinkSync(join(root, 'node_modules'), join(src, 'node_modules'))
  return src
}

type Size = { raw: number; gzip: number; startupBytes: number; allBytes: number }

function buildBundle(build: Build): Size {
  const r = runWrangler(['deploy', '--dry-run', '--outdir', build.out, '--metafile', join(build.out, 'meta.json')], {
    cwd: build.src,
    env: { ...process.env, ...quietEnv },
    timeout: 180_000,
  })
  if (r.status !== 0) throw new Error(`wrangler deploy --dry-run (${build.name}) failed:\n${r.stdout}\n${r.stderr}`)
  const code = readFileSync(join(build.out, 'index.js'))
  const meta = JSON.parse(readFileSync(join(build.out, 'meta.json'), 'utf8'))
  const output = Object.values(meta.outputs as Record<string, { inputs: Record<string, { bytesInOutput: number }> }>)
  const inOutput = output.find((o) => Object.keys(o.inputs).length > 0)!.inputs
  const eager = eagerGraph(meta)
  let startupBytes = 0
  let allBytes = 0
  for (const [file, { bytesInOutput }] of Object.entries(inOutput)) {
    allBytes += bytesInOutput
    if (eager.has(file)) startupBytes += bytesInOutput
  }
  return { raw: code.length, gzip: gzipSync(code).length, startupBytes, allBytes }
}

type Profile = { nodes: { id: number; callFrame: { functionName: string } }[]; samples: number[]; timeDeltas: number[] }

/**
 * CPU ms of the Worker's startup from `wrangler check startup`'s profile: the samples not idle, times the
 * sampling interval (the median gap between samples), so that one long gap while the busy machine ran other work
 * does not count as the Worker's. NaN when wrangler gives up (it allows the profiling 10 s).
 */
function startupCpuMs(build: Build, round: number): number {
  const outfile = join(build.out, `startup-${round}.cpuprofile`)
  const r = runWrangler(['check', 'startup', '--outfile', outfile], {
    cwd: build.src,
    env: { ...process.env, ...quietEnv },
    timeout: 180_000,
  })
  if (r.status !== 0) {
    console.log(
      `  (${build.name}: wrangler check startup failed: ${/timed out[^\n]*/.exec(`${r.stdout}${r.stderr}`)?.[0] ?? r.status})`,
    )
    return Number.NaN
  }
  const profile = JSON.parse(readFileSync(outfile, 'utf8')) as Profile
  const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id))
  const busy = profile.samples.filter((node) => !idle.has(node)).length
  return (busy * median(profile.timeDeltas)) / 1000
}

/** A Miniflare on one build's bundle with wrangler.toml's bindings and the shared local D1. */
function miniflare(build: Build, persist: string): Miniflare {
  const { workerOptions } = unstable_getMiniflareWorkerOptions(join(root, 'wrangler.toml'))
  // The bundle is one ES module already; wrangler's module rules are for its own bundling.
  const { modulesRules: _rules, rootPath: _root, ...options } = workerOptions
  return new Miniflare(
    convertV4MiniflareOptions({
      resourcePersistencePath: persist,
      workers: [
        {
          ...options,
          name: 'laatu',
          modules: true,
          scriptPath: join(build.out, 'index.js'),
          modulesRoot: build.out,
          bindings: { ...(options.bindings as Record<string, unknown> | undefined), ADMIN_TOKEN },
        },
      ],
    }),
  )
}

type Route = { label: string; path: string; headers?: Record<string, string> }

/** Migrates the local D1 and seeds one programme through the API (this tree's build): the routes to time. */
async function seed(build: Build, persist: string): Promise<Route[]> {
  const mf = miniflare(build, persist)
  try {
    const base = (await mf.ready).href.replace(/\/$/, '')
    const db = await mf.getD1Database('DB')
    for (const file of readdirSync(join(root, 'migrations'))
      .filter((f) => f.endsWith('.sql'))
      .sort()) {
      const statements = unstable_splitSqlQuery(readFileSync(join(root, 'migrations', file), 'utf8'))
      await db.batch(statements.map((s) => db.prepare(s)))
    }
    const seeded = await seedProgramme(base, ADMIN_TOKEN, 30, 3, 'Bundle benchmark')
    const pid = seeded.programmeId
    return [
      { label: 'GET /health', path: '/health' },
      { label: 'GET /api/v1/public/programmes/:pid/ratings', path: `/api/v1/public/programmes/${pid}/ratings` },
      { label: 'GET /s/:token (survey page)', path: `/s/${seeded.invitations[0].token}` },
      {
        label: 'GET /api/v1/programmes/:id/scores',
        path: `/api/v1/programmes/${pid}/scores`,
        headers: { authorization: `Bearer ${seeded.procurerKey}` },
      },
      { label: 'GET /api/v1/openapi.json', path: '/api/v1/openapi.json' },
    ]
  } finally {
    await mf.dispose()
  }
}

async function timedGet(base: string, route: Route): Promise<number> {
  const started = performance.now()
  const res = await fetch(`${base}${route.path}`, { headers: route.headers, signal: AbortSignal.timeout(60_000) })
  await res.arrayBuffer()
  if (res.status !== 200) throw new Error(`${route.label}: ${res.status}`)
  return performance.now() - started
}

type Cold = { readyMs: number[]; firstMs: number[]; secondMs: number[] }

/** One fresh isolate: a new Miniflare (its own workerd process) until ready, then its first and second request. */
async function coldOnce(build: Build, persist: string, route: Route, into: Cold): Promise<void> {
  const started = performance.now()
  const mf = miniflare(build, persist)
  try {
    const base = (await mf.ready).href.replace(/\/$/, '')
    into.readyMs.push(performance.now() - started)
    into.firstMs.push(await timedGet(base, route))
    into.secondMs.push(await timedGet(base, route))
  } finally {
    await mf.dispose()
  }
}

const dir = mkdtempSync(join(tmpdir(), 'laatu-bench-bundle-'))
const hardStop = setTimeout(() => {
  console.error('bench:bundle: hard time limit reached')
  process.exit(2)
}, HARD_STOP_MS)
try {
  const builds: Build[] = [
    { name: `baseline ${BASELINE_REF}`, src: checkoutBaseline(dir), out: join(dir, 'baseline') },
    { name: 'this tree', src: root, out: join(dir, 'current') },
  ]
  console.log(
    `bench:bundle: wrangler deploy --dry-run (minified, as wrangler.toml), ${builds[0].name} against this tree`,
  )
  const sizes = builds.map(buildBundle)
  builds.forEach((b, i) => {
    const s = sizes[i]
    console.log(
      `  ${b.name.padEnd(18)} ${kb(s.raw).padStart(9)} raw, ${kb(s.gzip).padStart(8)} gzipped; evaluated at startup ${kb(s.startupBytes)} of ${kb(s.allBytes)} of module code`,
    )
  })
  const [a, b] = sizes
  console.log(
    `  this tree / baseline: ${(b.raw / a.raw).toFixed(2)} raw, ${(b.gzip / a.gzip).toFixed(2)} gzipped, ${(b.startupBytes / a.startupBytes).toFixed(2)} evaluated at startup`,
  )

  console.log(`startup CPU (wrangler check startup, ${ROUNDS} rounds per build, medians)`)
  const cpu = builds.map((build) =>
    Array.from({ length: ROUNDS }, (_, round) => startupCpuMs(build, round)).filter((x) => !Number.isNaN(x)),
  )
  for (const [i, build] of builds.entries()) console.log(`  ${build.name.padEnd(18)} ${ms(median(cpu[i]))} ms`)
  console.log(`  this tree / baseline: ${(median(cpu[1]) / median(cpu[0])).toFixed(2)}`)

  const persist = join(dir, 'd1')
  const routes = await seed(builds[1], persist)
  console.log(
    `cold start: ${ROUNDS} rounds; per round, route and build a new Miniflare (a new workerd, a fresh isolate); medians`,
  )
  const cold = builds.map(() => routes.map((): Cold => ({ readyMs: [], firstMs: [], secondMs: [] })))
  // Rounds outermost and the builds alternating, so both see the same machine load.
  for (let round = 0; round < ROUNDS; round++)
    for (const [r, route] of routes.entries())
      for (const [i, build] of builds.entries()) await coldOnce(build, persist, route, cold[i][r])
  const ratio = (pick: (c: Cold) => number[], r: number) =>
    (median(pick(cold[1][r])) / median(pick(cold[0][r]))).toFixed(2)
  for (const [r, route] of routes.entries()) {
    console.log(`  ${route.label}`)
    for (const [i, build] of builds.entries()) {
      const c = cold[i][r]
      console.log(
        `    ${build.name.padEnd(18)} ready ${ms(median(c.readyMs)).padStart(5)} ms, first request ${ms(median(c.firstMs)).padStart(5)} ms, second ${ms(median(c.secondMs)).padStart(5)} ms`,
      )
    }
    console.log(
      `    this tree / baseline: ready ${ratio((c) => c.readyMs, r)}, first request ${ratio((c) => c.firstMs, r)}, second ${ratio((c) => c.secondMs, r)}`,
    )
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
  clearTimeout(hardStop)
}
