// A private `wrangler dev` for the load test and the submission benchmark: loopback only, free ports,
// a fresh temporary persist dir with the D1 migrations applied, its own process group (so stopping it
// also stops workerd), and the CPU time of its workerd processes read from /proc.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { freePort } from '../free-port.ts'

export const root = resolve(import.meta.dirname, '../..')
// wrangler 4 needs Node 22: run its entry point with the Node that runs this script.
const wranglerJs = join(root, 'node_modules/wrangler/bin/wrangler.js')

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

export type DevOptions = {
  /** Label for the temp dir and messages. */
  name: string
  /** wrangler config file (default: the app's wrangler.toml). */
  config?: string
  /** D1 database name for `d1 migrations apply`. */
  database: string
  vars?: Record<string, string>
  timeoutMs?: number
}

export type DevServer = {
  base: string
  /** wrangler's DevTools (inspector) port for the Worker, on 127.0.0.1. */
  inspectorPort: number
  /** The --persist-to directory (its D1 SQLite lives under v3/d1). */
  persist: string
  /** Every workerd process started by this wrangler (found through /proc). */
  workerdPids: () => number[]
  /**
   * The workerd that runs the Worker itself: wrangler 4 starts a second one, listening on the public
   * port, that proxies each request to it.
   */
  runtimePids: () => number[]
  /** Stops wrangler and workerd (TERM, then KILL) and removes the temp dir unless told to keep it. */
  stop: (keepState?: boolean) => Promise<void>
  /** Removes the temp dir (after a stop that kept it). */
  remove: () => void
  /** Synchronous last resort (hard timeout, exit handler). */
  kill: () => void
  log: () => string
}

const live = new Set<DevServer>()
let exitHooked = false
function hookExit(): void {
  if (exitHooked) return
  exitHooked = true
  process.on('exit', () => {
    for (const s of live) s.kill()
  })
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      console.error(`\n${sig}: stopping the servers`)
      for (const s of live) s.kill()
      process.exit(130)
    })
  }
}

/** Applies the migrations to a fresh directory, starts `wrangler dev` there and waits for /health. */
export async function startDev(options: DevOptions): Promise<DevServer> {
  hookExit()
  const stateDir = mkdtempSync(join(tmpdir(), `laatu-${options.name}-`))
  const persist = join(stateDir, 'state')
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CI: 'true',
    NO_COLOR: '1',
    WRANGLER_SEND_METRICS: 'false',
    WRANGLER_LOG_PATH: join(stateDir, 'logs'),
    // Loopback only: no fetch of the Request.cf template from workers.cloudflare.com.
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  }
  const configArgs = options.config ? ['--config', options.config] : []
  const migrate = spawnSync(
    process.execPath,
    [wranglerJs, 'd1', 'migrations', 'apply', options.database, '--local', '--persist-to', persist, ...configArgs],
    {
      cwd: root,
      env,
      encoding: 'utf8',
      timeout: 90_000,
    },
  )
  if (migrate.status !== 0) {
    rmSync(stateDir, { recursive: true, force: true })
    throw new Error(
      `${options.name}: migrations failed (${migrate.status ?? migrate.signal}):\n${migrate.stdout}\n${migrate.stderr}`,
    )
  }

  // A port that was free a moment ago can be taken by another process before wrangler binds it:
  // then start again on other ports (at most three times).
  let lastError: Error | null = null
  for (let attempt = 1; attempt <= 3; attempt++) {
    const started = await spawnDev(options, stateDir, persist, env, configArgs)
    if ('server' in started) return started.server
    lastError = started.error
    if (!started.retry) break
  }
  rmSync(stateDir, { recursive: true, force: true })
  throw lastError!
}

async function spawnDev(
  options: DevOptions,
  stateDir: string,
  persist: string,
  env: NodeJS.ProcessEnv,
  configArgs: string[],
): Promise<{ server: DevServer } | { error: Error; retry: boolean }> {
  const port = await freePort()
  const inspectorPort = await freePort()
  const varArgs = Object.entries(options.vars ?? {}).flatMap(([k, v]) => ['--var', `${k}:${v}`])
  let log = ''
  const child: ChildProcess = spawn(
    process.execPath,
    [
      wranglerJs,
      'dev',
      ...configArgs,
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--inspector-port',
      String(inspectorPort),
      '--persist-to',
      persist,
      ...varArgs,
      '--show-interactive-dev-session=false',
      '--log-level',
      'warn',
    ],
    { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  )
  const append = (d: Buffer) => {
    log += d.toString()
    if (log.length > 200_000) log = log.slice(-100_000)
  }
  child.stdout!.on('data', append)
  child.stderr!.on('data', append)
  let exited = false
  const gone = new Promise<void>((r) =>
    child.on('exit', () => {
      exited = true
      r()
    }),
  )

  const signal = (sig: NodeJS.Signals) => {
    if (!child.pid) return
    try {
      process.kill(-child.pid, sig)
    } catch {
      // already gone
    }
  }
  const halt = async () => {
    if (!exited) signal('SIGTERM')
    const timer = setTimeout(() => signal('SIGKILL'), 5_000)
    await Promise.race([gone, sleep(7_000)])
    clearTimeout(timer)
    // workerd may outlive wrangler for a moment: the group gets a KILL in any case, and we wait until
    // every workerd is gone, so its SQLite files are closed and unlocked.
    const workerds = server.workerdPids()
    signal('SIGKILL')
    for (let i = 0; i < 50 && workerds.some((pid) => existsSync(`/proc/${pid}`) && comm(pid) === 'workerd'); i++)
      await sleep(100)
  }
  const server: DevServer = {
    base: `http://127.0.0.1:${port}`,
    inspectorPort,
    persist,
    workerdPids: () => (child.pid ? descendants(child.pid).filter((pid) => comm(pid) === 'workerd') : []),
    runtimePids: () => server.workerdPids().filter((pid) => !cmdline(pid).includes(`entry=127.0.0.1:${port}`)),
    kill: () => {
      signal('SIGKILL')
      rmSync(stateDir, { recursive: true, force: true })
      live.delete(server)
    },
    remove: () => {
      rmSync(stateDir, { recursive: true, force: true })
      live.delete(server)
    },
    stop: async (keepState = false) => {
      await halt()
      if (!keepState) server.remove()
    },
    log: () => log,
  }
  live.add(server)

  const timeoutMs = options.timeoutMs ?? 120_000
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (exited) {
      await halt()
      live.delete(server)
      const retry = /address already in use/i.test(log)
      return {
        error: new Error(`${options.name}: wrangler dev exited before it served /health:\n${log.slice(-4000)}`),
        retry,
      }
    }
    try {
      const res = await fetch(`${server.base}/health`, { signal: AbortSignal.timeout(2000) })
      if (res.ok) return { server }
    } catch {
      // not listening yet
    }
    await sleep(300)
  }
  await halt()
  live.delete(server)
  return {
    error: new Error(
      `${options.name}: wrangler dev did not serve /health within ${timeoutMs / 1000} s:\n${log.slice(-4000)}`,
    ),
    retry: false,
  }
}

function statFields(pid: number): string[] | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // comm may contain spaces: the fields after it start past the last ')'.
    const close = text.lastIndexOf(')')
    return [text.slice(text.indexOf('(') + 1, close), ...text.slice(close + 2).split(' ')]
  } catch {
    return null
  }
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ')
  } catch {
    return ''
  }
}

function comm(pid: number): string {
  return statFields(pid)?.[0] ?? ''
}

/** Every live descendant of a process, from /proc's parent links. */
export function descendants(pid: number): number[] {
  const children = new Map<number, number[]>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const f = statFields(Number(entry))
    if (!f) continue
    const ppid = Number(f[2]) // fields: comm, state, ppid, ...
    const list = children.get(ppid) ?? []
    list.push(Number(entry))
    children.set(ppid, list)
  }
  const out: number[] = []
  const stack = [...(children.get(pid) ?? [])]
  while (stack.length > 0) {
    const p = stack.pop()!
    out.push(p)
    stack.push(...(children.get(p) ?? []))
  }
  return out
}

const CLK_TCK = (() => {
  const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })
  const n = Number(r.stdout?.trim())
  return Number.isFinite(n) && n > 0 ? n : 100
})()

/** User + system CPU milliseconds used so far by these processes (all their threads). */
export function cpuMs(pids: number[]): number {
  let ticks = 0
  for (const pid of pids) {
    const f = statFields(pid)
    if (!f) continue
    // utime and stime are fields 14 and 15 of /proc/<pid>/stat; here comm is index 0 (field 2).
    ticks += Number(f[12]) + Number(f[13])
  }
  return (ticks * 1000) / CLK_TCK
}

/** Resident memory of these processes in MB (VmRSS from /proc). */
export function rssMb(pids: number[]): number {
  let kb = 0
  for (const pid of pids) {
    try {
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
      if (m) kb += Number(m[1])
    } catch {
      // gone
    }
  }
  return kb / 1024
}

/** The SQLite file of the (only) local D1 database under a persist dir. */
export function d1File(persist: string): string {
  const dir = join(persist, 'v3', 'd1', 'miniflare-D1DatabaseObject')
  if (!existsSync(dir)) throw new Error(`no local D1 under ${persist}`)
  const files = readdirSync(dir).filter((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite')
  if (files.length !== 1) throw new Error(`expected one D1 SQLite file in ${dir}, found ${files.join(', ') || 'none'}`)
  return join(dir, files[0])
}
