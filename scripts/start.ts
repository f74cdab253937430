// `npm start`: local secrets, local D1 migrations, the Worker on 127.0.0.1, and a seeded demo programme.
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { seedDemo } from './demo-seed.ts'
import { type DevServer, startDevServer } from './dev-server.ts'
import { root } from './wrangler.ts'

const port = Number(process.env.PORT ?? 8787)

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
let server: DevServer
try {
  // wrangler's own state dir, so the data stays between runs; wrangler prints to this terminal as usual.
  server = await startDevServer({
    name: 'start',
    port,
    persistDir: join(root, '.wrangler/state'),
    output: 'inherit',
  })
} catch (err) {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void server.stop())

try {
  await seedDemo(server.base, adminToken, server.persistDir)
} catch (err) {
  console.error('Could not seed the demo programme:', err)
}
const code = await server.exited
await server.stop() // any workerd wrangler left behind
process.exit(code ?? 0)
