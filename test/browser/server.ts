// A private `wrangler dev` for the browser tests: its own port, its own D1 directory, its own admin key.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { freePort } from '../../scripts/free-port.ts'

export type Server = {
  base: string
  adminToken: string
  logFile: string
  /** The answers stored for a personal link, read from the local D1 (a finished link no longer returns them). */
  storedAnswers: (token: string) => Record<string, unknown> | null
  /** Stops the Worker (TERM, then KILL) and removes its data directory. */
  stop: () => Promise<void>
  /** Synchronous last resort for a hard timeout. */
  kill: () => void
}

const root = resolve(import.meta.dirname, '../..')
// wrangler 4 needs Node 22: run its entry point with the Node that runs this script.
const wranglerJs = join(root, 'node_modules/wrangler/bin/wrangler.js')

function wranglerEnv(stateDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    CI: 'true',
    NO_COLOR: '1',
    WRANGLER_SEND_METRICS: 'false',
    WRANGLER_LOG_PATH: join(stateDir, 'logs'),
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function tail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n')
  } catch {
    return '(no log)'
  }
}

/** Applies the migrations to a fresh directory, starts the Worker there and waits for /health. */
export async function startServer(logFile: string, timeoutMs = 120_000): Promise<Server> {
  const stateDir = mkdtempSync(join(tmpdir(), 'laatu-browser-'))
  const persist = join(stateDir, 'd1')
  const env = wranglerEnv(stateDir)
  const adminToken = `adm_test_${randomBytes(24).toString('base64url')}`

  const migrate = spawnSync(
    process.execPath,
    [wranglerJs, 'd1', 'migrations', 'apply', 'laatu', '--local', '--persist-to', persist],
    {
      cwd: root,
      env,
      encoding: 'utf8',
      timeout: 90_000,
    },
  )
  if (migrate.status !== 0) {
    rmSync(stateDir, { recursive: true, force: true })
    throw new Error(`migrations failed (${migrate.status ?? migrate.signal}):\n${migrate.stdout}\n${migrate.stderr}`)
  }

  const port = await freePort()
  const inspectorPort = await freePort()
  const log = openSync(logFile, 'w')
  const child: ChildProcess = spawn(
    process.execPath,
    [
      wranglerJs,
      'dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--inspector-port',
      String(inspectorPort),
      '--persist-to',
      persist,
      '--var',
      `ADMIN_TOKEN:${adminToken}`,
      '--show-interactive-dev-session=false',
      '--log-level',
      'warn',
    ],
    { cwd: root, env, stdio: ['ignore', log, log], detached: true },
  )
  closeSync(log)
  let exited = false
  child.on('exit', () => {
    exited = true
  })

  const kill = () => {
    if (exited || !child.pid) return
    try {
      process.kill(-child.pid, 'SIGKILL')
    } catch {
      // already gone
    }
    rmSync(stateDir, { recursive: true, force: true })
  }
  const stop = async () => {
    if (!exited && child.pid) {
      // wrangler runs workerd as a child: signal the whole process group.
      try {
        process.kill(-child.pid, 'SIGTERM')
      } catch {
        // already gone
      }
      for (let i = 0; i < 50 && !exited; i++) await sleep(100)
      if (!exited) {
        try {
          process.kill(-child.pid, 'SIGKILL')
        } catch {
          // already gone
        }
      }
    }
    rmSync(stateDir, { recursive: true, force: true })
  }

  const storedAnswers = (token: string): Record<string, unknown> | null => {
    const hash = createHash('sha256').update(token).digest('hex')
    const sql = `SELECT r.answers FROM responses r JOIN invitations i ON i.id = r.invitation_id WHERE i.token_hash = '${hash}'`
    const res = spawnSync(
      process.execPath,
      [wranglerJs, 'd1', 'execute', 'laatu', '--local', '--persist-to', persist, '--json', '--command', sql],
      { cwd: root, env, encoding: 'utf8', timeout: 60_000 },
    )
    if (res.status !== 0) throw new Error(`d1 execute failed: ${res.stderr}`)
    const rows = JSON.parse(res.stdout)[0]?.results ?? []
    return rows.length ? JSON.parse(rows[0].answers) : null
  }

  const base = `http://127.0.0.1:${port}`
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (exited) {
      await stop()
      throw new Error(`wrangler dev exited before it served /health:\n${tail(logFile)}`)
    }
    try {
      const res = await fetch(`${base}/health`, { signal: AbortSignal.timeout(2000) })
      if (res.ok) return { base, adminToken, logFile, stop, kill, storedAnswers }
    } catch {
      // not listening yet
    }
    await sleep(300)
  }
  await stop()
  throw new Error(`wrangler dev did not serve /health within ${timeoutMs / 1000} s:\n${tail(logFile)}`)
}
