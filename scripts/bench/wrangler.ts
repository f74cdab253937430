// Runs wrangler (on this Node, so it works whatever `node` is on PATH) against a private persist dir:
// local D1 migrations, and `wrangler dev` on loopback ports that were free a moment ago.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { freePort } from '../free-port.ts'

const ROOT = join(import.meta.dirname, '..', '..')
const WRANGLER = join(ROOT, 'node_modules', 'wrangler', 'bin', 'wrangler.js')

export function migrate(persistDir: string): void {
  const run = spawnSync(
    process.execPath,
    [WRANGLER, 'd1', 'migrations', 'apply', 'laatu', '--local', '--persist-to', persistDir],
    {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, CI: 'true' },
    },
  )
  if (run.status !== 0) throw new Error(`wrangler d1 migrations apply failed:\n${run.stdout}\n${run.stderr}`)
}

/**
 * A frozen copy of the Worker in `dir`: the bundle `wrangler deploy --dry-run` builds, the static assets,
 * and the project's wrangler.toml pointed at them. `wrangler dev` reloads the Worker whenever a source
 * file changes, dropping requests in flight; run on the copy, edits made meanwhile cannot disturb a run.
 * Returns the config path.
 */
export function snapshotWorker(dir: string): string {
  const build = spawnSync(process.execPath, [WRANGLER, 'deploy', '--dry-run', '--outdir', join(dir, 'bundle')], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false' },
  })
  if (build.status !== 0) throw new Error(`wrangler deploy --dry-run failed:\n${build.stdout}\n${build.stderr}`)
  const toml = readFileSync(join(ROOT, 'wrangler.toml'), 'utf8')
  const edits: Array<[RegExp, string]> = [
    [/^main\s*=.*$/m, 'main = "bundle/index.js"'],
    [/^directory\s*=\s*"\.?\/?public\/?"\s*$/m, 'directory = "public"'],
    [/^\[build\]\n(?:[^[\n].*\n)*/m, ''], // the custom build already ran for the bundle
  ]
  let config = toml
  for (const [pattern, replacement] of edits) {
    if (pattern.source.startsWith('^main') && !pattern.test(config)) throw new Error('wrangler.toml has no main = line')
    config = config.replace(pattern, replacement)
  }
  config = config.replace(
    /^migrations_dir\s*=\s*"(.*)"/m,
    (_, d: string) => `migrations_dir = ${JSON.stringify(join(ROOT, d))}`,
  )
  cpSync(join(ROOT, 'public'), join(dir, 'public'), { recursive: true })
  const path = join(dir, 'wrangler.toml')
  writeFileSync(path, config)
  return path
}

/** The SQLite file of the local D1 database under a persist dir (there is one D1 binding). */
export function d1File(persistDir: string): string {
  const dir = join(persistDir, 'v3', 'd1', 'miniflare-D1DatabaseObject')
  const files = readdirSync(dir).filter((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite')
  if (files.length !== 1) throw new Error(`expected one D1 SQLite file in ${dir}, found ${files.join(', ') || 'none'}`)
  return join(dir, files[0])
}

/** `log` is what wrangler and workerd printed so far (for error messages). */
export type DevServer = { base: string; stop: () => Promise<void>; log: () => string }

/** `wrangler dev` of a snapshot (see snapshotWorker) on loopback, serving the local D1 under persistDir. */
export async function startDev(
  config: string,
  persistDir: string,
  adminToken: string,
  timeoutMs = 120_000,
): Promise<DevServer> {
  const port = await freePort()
  const inspectorPort = await freePort()
  let log = ''
  // Own process group, so stopping it also stops the workerd it starts.
  const child: ChildProcess = spawn(
    process.execPath,
    [
      WRANGLER,
      'dev',
      '--config',
      config,
      '--no-bundle',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--inspector-port',
      String(inspectorPort),
      '--persist-to',
      persistDir,
      '--var',
      `ADMIN_TOKEN:${adminToken}`,
      '--show-interactive-dev-session=false',
      '--log-level',
      'warn',
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
      env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false' },
    },
  )
  child.stdout!.on('data', (d) => (log += d))
  child.stderr!.on('data', (d) => (log += d))
  let exited = false
  const gone = new Promise<void>((resolve) =>
    child.on('exit', () => {
      exited = true
      resolve()
    }),
  )
  const stop = async () => {
    if (exited) return
    try {
      process.kill(-child.pid!, 'SIGTERM')
    } catch {
      // already gone
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL')
      } catch {
        // already gone
      }
    }, 10_000)
    await gone
    clearTimeout(timer)
  }
  const base = `http://127.0.0.1:${port}`
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (exited) throw new Error(`wrangler dev exited before it was ready:\n${log}`)
    try {
      if ((await fetch(`${base}/health`)).ok) return { base, stop, log: () => log }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  await stop()
  throw new Error(`wrangler dev was not ready within ${timeoutMs / 1000} s:\n${log}`)
}
