// The one way the scripts run the Worker (npm start, the benchmarks, the load test, the browser tests):
// local D1 migrations, `wrangler dev` on 127.0.0.1 in its own process group, a wait for /health, and a
// stop that takes workerd down with it.
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { freePort } from './free-port.ts'
import { migrateLocalD1 } from './local-d1.ts'
import { cmdline, descendants, processName } from './proc.ts'
import { spawnWrangler } from './wrangler.ts'

export type DevServerOptions = {
  /** Names the temp dir and error messages. */
  name: string
  /** Default: a free loopback port, and a free inspector port. */
  port?: number
  /** --persist-to (the local D1 lives under it); default: a fresh dir, removed on stop. */
  persistDir?: string
  /** wrangler config; default wrangler.toml. */
  config?: string
  /** Entry point instead of the config's `main` (bench:submit runs test/counted-worker.ts to count D1 round trips). */
  main?: string
  /** D1 database to migrate; default laatu. */
  database?: string
  /** --var bindings such as ADMIN_TOKEN (they override .dev.vars). */
  vars?: Record<string, string>
  /** --minify: overrides wrangler.toml's `minify` (bench:bundle starts the unminified build as its baseline). */
  minify?: boolean
  /** --test-scheduled: GET /__scheduled?time=<ms> runs the Cron Trigger (the delivery job) at once. */
  testScheduled?: boolean
  /**
   * 'inherit': wrangler talks to this terminal as usual (npm start). Otherwise a tool runs it: plain
   * output at log level warn, into `file` or kept in memory for log() and error messages.
   */
  output?: 'inherit' | { file: string }
}

export type DevServer = {
  base: string
  /** The inspector (Chrome DevTools protocol) of the Worker; null when wrangler keeps its usual 9229 (a fixed port). */
  inspectorPort: number | null
  persistDir: string
  /** wrangler's exit code, once it has exited (by itself or after stop). */
  exited: Promise<number | null>
  /** What wrangler printed so far ('' when it printed to the terminal). */
  log: () => string
  /** Every workerd process this wrangler started. */
  workerdPids: () => number[]
  /** The workerd running the Worker itself; wrangler 4 starts another that proxies the port to it. */
  runtimePids: () => number[]
  /** TERM, then KILL, to wrangler's process group; removes the temp dir unless keepState (then at exit). */
  stop: (options?: { keepState?: boolean }) => Promise<void>
}

const READY_TIMEOUT_MS = 120_000
const MAX_ATTEMPTS = 3

// Servers and temp dirs still there when this process exits (at the end, by process.exit or on a signal)
// go with it.
const groups = new Set<number>()
const tempDirs = new Set<string>()
let hooked = false
function hookExit(): void {
  if (hooked) return
  hooked = true
  process.on('exit', () => {
    for (const pgid of groups) signalGroup(pgid, 'SIGKILL')
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true })
  })
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.on(signal, () => {
      // A caller with its own handler stops in its own time; otherwise end now (the exit hook cleans up).
      if (process.listenerCount(signal) === 1) process.exit(130)
    })
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal)
  } catch {
    // already gone
  }
}

function removeTemp(dir: string | null): void {
  if (!dir) return
  rmSync(dir, { recursive: true, force: true })
  tempDirs.delete(dir)
}

/** Migrates the local D1, starts `wrangler dev` and resolves once /health answers 200. */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  hookExit()
  const quiet = options.output !== 'inherit'
  const tempDir = quiet || !options.persistDir ? mkdtempSync(join(tmpdir(), `laatu-${options.name}-`)) : null
  if (tempDir) tempDirs.add(tempDir)
  const persistDir = options.persistDir ?? join(tempDir!, 'state')
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // Loopback only: no fetch of the Request.cf template from workers.cloudflare.com.
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    ...(quiet && {
      CI: 'true',
      NO_COLOR: '1',
      WRANGLER_SEND_METRICS: 'false',
      WRANGLER_LOG_PATH: join(tempDir!, 'logs'),
    }),
  }
  try {
    migrateLocalD1(persistDir, { database: options.database, config: options.config, env, print: !quiet })
    // A port that was free a moment ago can be taken before wrangler binds it: then try other ports.
    for (let attempt = 1; ; attempt++) {
      const started = await launch(options, persistDir, env, tempDir)
      if ('server' in started) return started.server
      if (!started.portTaken || options.port !== undefined || attempt === MAX_ATTEMPTS) throw started.error
    }
  } catch (err) {
    removeTemp(tempDir)
    throw new Error(`${options.name}: ${err instanceof Error ? err.message : err}`, { cause: err })
  }
}

async function launch(
  options: DevServerOptions,
  persistDir: string,
  env: NodeJS.ProcessEnv,
  tempDir: string | null,
): Promise<{ server: DevServer } | { error: Error; portTaken: boolean }> {
  const port = options.port ?? (await freePort())
  // A fixed port is for a person (npm start): the inspector stays on wrangler's usual 9229 for their debugger.
  const inspectorPort = options.port === undefined ? await freePort() : null
  const inspector = inspectorPort === null ? [] : ['--inspector-port', String(inspectorPort)]
  const args = [
    'dev',
    ...(options.main ? [options.main] : []),
    ...(options.config ? ['--config', options.config] : []),
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    ...inspector,
    '--persist-to',
    persistDir,
    ...Object.entries(options.vars ?? {}).flatMap(([k, v]) => ['--var', `${k}:${v}`]),
    ...(options.minify === undefined ? [] : [`--minify=${options.minify}`]),
    ...(options.testScheduled ? ['--test-scheduled'] : []),
    '--show-interactive-dev-session=false',
    ...(options.output === 'inherit' ? [] : ['--log-level', 'warn']),
  ]

  let memory = ''
  let log = () => memory
  let out: 'inherit' | 'pipe' | number = 'pipe'
  if (options.output === 'inherit') out = 'inherit'
  else if (options.output) {
    const file = options.output.file
    out = openSync(file, 'w')
    log = () => (existsSync(file) ? readFileSync(file, 'utf8').slice(-100_000) : '')
  }
  // Its own process group (detached), so one signal reaches wrangler and the workerd it starts.
  const child = spawnWrangler(args, { env, stdio: ['ignore', out, out], detached: true })
  if (typeof out === 'number') closeSync(out)
  const keep = (d: Buffer) => {
    memory += d.toString()
    if (memory.length > 200_000) memory = memory.slice(-100_000)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  const pgid = child.pid!
  groups.add(pgid)
  let running = true
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      running = false
      resolve(code)
    }),
  )

  const workerdPids = () => descendants(pgid).filter((pid) => processName(pid) === 'workerd')
  const halt = async () => {
    // Found while wrangler is alive: they are its descendants only until it exits.
    const workerds = workerdPids()
    if (running) signalGroup(pgid, 'SIGTERM')
    await Promise.race([exited, sleep(5_000, undefined, { ref: false })])
    // workerd may outlive wrangler for a moment: KILL the group in any case and wait until every workerd
    // is gone, so its SQLite files are closed before anyone reads or removes them.
    signalGroup(pgid, 'SIGKILL')
    for (let i = 0; i < 50 && workerds.some((pid) => processName(pid) === 'workerd'); i++) await sleep(100)
    groups.delete(pgid)
  }
  let stopping: Promise<void> | null = null
  const server: DevServer = {
    base: `http://127.0.0.1:${port}`,
    inspectorPort,
    persistDir,
    exited,
    log,
    workerdPids,
    runtimePids: () => workerdPids().filter((pid) => !cmdline(pid).includes(`entry=127.0.0.1:${port}`)),
    stop: ({ keepState = false } = {}) => {
      stopping ??= halt()
      return stopping.then(() => {
        if (!keepState) removeTemp(tempDir)
      })
    },
  }

  // Its output, when it did not go to the terminal.
  const withLog = (message: string) => {
    const output = log().slice(-4000)
    return new Error(output ? `${message}:\n${output}` : message)
  }
  const deadline = Date.now() + READY_TIMEOUT_MS
  while (Date.now() < deadline) {
    if (!running) {
      await halt()
      return {
        error: withLog('wrangler dev exited before it served /health'),
        portTaken: /address already in use/i.test(log()),
      }
    }
    try {
      if ((await fetch(`${server.base}/health`, { signal: AbortSignal.timeout(2000) })).ok) return { server }
    } catch {
      // not listening yet
    }
    await sleep(300)
  }
  await halt()
  return {
    error: withLog(`wrangler dev did not serve /health within ${READY_TIMEOUT_MS / 1000} s`),
    portTaken: false,
  }
}
