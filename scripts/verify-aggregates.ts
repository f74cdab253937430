// npm run verify:aggregates [-- --remote]: every programme's fact buckets against a recomputation from the raw
// rows, for every calendar year and month that has buckets, in both variants (every answer; released answers).
// Local: the D1 of `npm start` (.wrangler/state), served by `wrangler dev` for the run. --remote: the deployed
// Worker at LAATU_URL with ADMIN_TOKEN (or a procurer key) from the environment. Exits 1 on any difference.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { api } from './api-client.ts'
import { type DevServer, startDevServer } from './dev-server.ts'
import { root } from './wrangler.ts'

const remote = process.argv.includes('--remote')

function localAdminToken(): string {
  const vars = existsSync(join(root, '.dev.vars')) ? readFileSync(join(root, '.dev.vars'), 'utf8') : ''
  const found = /^ADMIN_TOKEN\s*=\s*"?([^"\n]+)"?/m.exec(vars)
  if (!found) throw new Error('No ADMIN_TOKEN in .dev.vars: run npm start once to create the local database')
  return found[1]!
}

let dev: DevServer | null = null
let failed = 0
try {
  let base: string
  let key: string
  if (remote) {
    base = process.env.LAATU_URL ?? ''
    key = process.env.ADMIN_TOKEN ?? ''
    if (!base || !key)
      throw new Error('--remote needs LAATU_URL (the deployed origin) and ADMIN_TOKEN in the environment')
  } else {
    key = localAdminToken()
    dev = await startDevServer({ name: 'verify-aggregates', persistDir: join(root, '.wrangler/state') })
    base = dev.base
  }
  const { programmes } = await api<{ programmes: Array<{ id: string; name: string }> }>(base, key, 'GET', '/programmes')
  for (const p of programmes) {
    const { periods } = await api<{ periods: string[] }>(base, key, 'GET', `/programmes/${p.id}/aggregates`)
    for (const period of periods) {
      const check = await api<{ equal: boolean; checks: Array<{ variant: string; differences: string[] }> }>(
        base,
        key,
        'GET',
        `/programmes/${p.id}/aggregates/check?period=${period}`,
        undefined,
        120_000,
      )
      if (check.equal) continue
      failed++
      for (const c of check.checks.filter((x) => x.differences.length > 0))
        console.log(`${p.name} (${p.id}) ${period} ${c.variant}: differs in ${c.differences.join(', ')}`)
    }
    console.log(`${p.name} (${p.id}): ${periods.length} periods checked`)
  }
  console.log(
    failed === 0
      ? 'verify:aggregates: every bucket equals the raw rows'
      : `verify:aggregates: ${failed} periods differ`,
  )
} catch (err) {
  console.error(err instanceof Error ? err.message : err)
  failed = failed || 1
} finally {
  await dev?.stop()
}
process.exit(failed === 0 ? 0 : 1)
