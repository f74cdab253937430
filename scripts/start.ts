// `npm start`: local secrets, local D1 migrations, the Worker on 127.0.0.1, and a seeded demo programme.
import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { seedDemo } from './demo-seed.ts'

const port = Number(process.env.PORT ?? 8787)
const wrangler = 'node_modules/.bin/wrangler'

function ensureDevVars(): string {
  const existing = existsSync('.dev.vars') ? readFileSync('.dev.vars', 'utf8') : ''
  const found = /^ADMIN_TOKEN\s*=\s*"?([^"\n]+)"?/m.exec(existing)
  if (found) return found[1]
  const token = `adm_${randomBytes(32).toString('base64url')}`
  writeFileSync('.dev.vars', `${existing}${existing && !existing.endsWith('\n') ? '\n' : ''}ADMIN_TOKEN="${token}"\n`)
  console.log('Created .dev.vars with a new random ADMIN_TOKEN')
  return token
}

const adminToken = ensureDevVars()
const migrate = spawnSync(wrangler, ['d1', 'migrations', 'apply', 'laatu', '--local'], {
  stdio: 'inherit',
  env: { ...process.env, CI: 'true' },
})
if (migrate.status !== 0) process.exit(migrate.status ?? 1)

const dev = spawn(
  wrangler,
  ['dev', '--ip', '127.0.0.1', '--port', String(port), '--show-interactive-dev-session=false'],
  {
    stdio: ['ignore', 'inherit', 'inherit'],
    // Offline machines cannot fetch the placeholder request.cf object; do not try.
    env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
  },
)
const stop = () => dev.kill('SIGTERM')
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
dev.on('exit', (code) => process.exit(code ?? 0))

const base = `http://127.0.0.1:${port}`
async function waitForHealth(): Promise<void> {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${base}/health`)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error('the Worker did not start within 120 s')
}

try {
  await waitForHealth()
  await seedDemo(base, adminToken)
} catch (err) {
  console.error('Could not seed the demo programme:', err)
}
