// npm run bench:bundle — the Worker's bundle size and its cold start, minified (as wrangler.toml builds it)
// against unminified (the baseline) in the same run. Builds each with `wrangler deploy --dry-run --outdir`
// and prints raw and gzipped sizes. Then, for each build and ROUNDS rounds: the CPU the isolate's startup
// (parsing and evaluating the bundle) takes, from `wrangler check startup`'s local CPU profile; and a new
// `wrangler dev` (a fresh isolate) timed until /health answers, then its first GET /api/v1/surveys/cx-company
// and a second one. Prints medians and ratios. Loopback only; stops by itself; removes its temp dirs.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { type DevServer, startDevServer } from './dev-server.ts'
import { runWrangler } from './wrangler.ts'

const ROUNDS = Number(process.env.ROUNDS ?? 3)
const HARD_STOP_MS = 10 * 60_000
const ROUTE = '/api/v1/surveys/cx-company'

type Build = { name: string; minify: boolean }
const builds: Build[] = [
  { name: 'unminified (baseline)', minify: false },
  { name: 'minified (wrangler.toml)', minify: true },
]

// Plain output, no metrics, no fetch of the Request.cf template: nothing leaves the machine.
const quietEnv = { CI: 'true', NO_COLOR: '1', WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' }

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`

function bundleSize(build: Build, dir: string): { raw: number; gzip: number } {
  const outdir = join(dir, build.minify ? 'minified' : 'unminified')
  const r = runWrangler(['deploy', '--dry-run', '--outdir', outdir, `--minify=${build.minify}`], {
    env: { ...process.env, ...quietEnv },
    timeout: 120_000,
  })
  if (r.status !== 0) throw new Error(`wrangler deploy --dry-run failed:\n${r.stdout}\n${r.stderr}`)
  const code = readFileSync(join(outdir, 'index.js'))
  return { raw: code.length, gzip: gzipSync(code).length }
}

type Profile = { nodes: { id: number; callFrame: { functionName: string } }[]; samples: number[]; timeDeltas: number[] }

/** CPU ms of the Worker's startup: the sampled time not spent idle in `wrangler check startup`'s profile. */
function startupCpuMs(build: Build, dir: string): number {
  const outfile = join(dir, `startup-${build.minify}.cpuprofile`)
  const r = runWrangler(['check', 'startup', `--args=--minify=${build.minify}`, '--outfile', outfile], {
    env: { ...process.env, ...quietEnv },
    timeout: 120_000,
  })
  if (r.status !== 0) throw new Error(`wrangler check startup failed:\n${r.stdout}\n${r.stderr}`)
  const profile = JSON.parse(readFileSync(outfile, 'utf8')) as Profile
  const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id))
  let micros = 0
  profile.samples.forEach((node, i) => {
    if (!idle.has(node)) micros += profile.timeDeltas[i]
  })
  return micros / 1000
}

async function timedGet(base: string): Promise<number> {
  const started = performance.now()
  const res = await fetch(`${base}${ROUTE}`, { signal: AbortSignal.timeout(30_000) })
  await res.arrayBuffer()
  if (!res.ok) throw new Error(`GET ${ROUTE}: ${res.status}`)
  return performance.now() - started
}

type ColdStart = { startupCpuMs: number[]; readyMs: number[]; firstMs: number[]; secondMs: number[] }

async function coldStart(build: Build, dir: string): Promise<ColdStart> {
  const out: ColdStart = { startupCpuMs: [], readyMs: [], firstMs: [], secondMs: [] }
  for (let round = 0; round < ROUNDS; round++) {
    out.startupCpuMs.push(startupCpuMs(build, dir))
    let dev: DevServer | undefined
    try {
      const started = performance.now()
      dev = await startDevServer({ name: 'bench-bundle', minify: build.minify })
      out.readyMs.push(performance.now() - started)
      out.firstMs.push(await timedGet(dev.base))
      out.secondMs.push(await timedGet(dev.base))
    } finally {
      await dev?.stop()
    }
  }
  return out
}

const dir = mkdtempSync(join(tmpdir(), 'laatu-bench-bundle-'))
const hardStop = setTimeout(() => {
  console.error('bench:bundle: hard time limit reached')
  process.exit(2)
}, HARD_STOP_MS)
try {
  console.log('bench:bundle: wrangler deploy --dry-run, unminified against minified')
  const sizes = builds.map((b) => bundleSize(b, dir))
  builds.forEach((b, i) => {
    console.log(`  ${b.name.padEnd(26)} ${kb(sizes[i].raw).padStart(9)} raw, ${kb(sizes[i].gzip).padStart(8)} gzipped`)
  })
  const [base, mini] = sizes
  console.log(
    `  minified / unminified: ${(mini.raw / base.raw).toFixed(2)} raw, ${(mini.gzip / base.gzip).toFixed(2)} gzipped`,
  )

  console.log(`cold start: ${ROUNDS} rounds per build, a new wrangler dev (a fresh isolate) each; medians`)
  const starts: ColdStart[] = []
  for (const b of builds) {
    const c = await coldStart(b, dir)
    starts.push(c)
    const first = median(c.firstMs)
    const second = median(c.secondMs)
    console.log(
      `  ${b.name.padEnd(26)} startup CPU ${median(c.startupCpuMs).toFixed(0)} ms; wrangler dev start to /health ${median(c.readyMs).toFixed(0)} ms; GET ${ROUTE} first ${first.toFixed(1)} ms, second ${second.toFixed(1)} ms (first / second ${(first / second).toFixed(1)}x)`,
    )
  }
  const ratio = (pick: (c: ColdStart) => number[]) => (median(pick(starts[1])) / median(pick(starts[0]))).toFixed(2)
  console.log(
    `  minified / unminified: startup CPU ${ratio((c) => c.startupCpuMs)}, wrangler dev start ${ratio((c) => c.readyMs)}, first request ${ratio((c) => c.firstMs)}, second ${ratio((c) => c.secondMs)}`,
  )
} finally {
  rmSync(dir, { recursive: true, force: true })
  clearTimeout(hardStop)
}
