// npm run bench:import — the import rate of 5,000-episode batches through `wrangler dev`, with the aggregates'
// triggers (every write marks its provider-month in fact_dirty, issue 16) against a baseline in the same run:
// the same Worker on a database without those triggers, the write path before the aggregates. The two servers
// take turns batch by batch, so both see the same machine load.
//
// Prints per side the median wall time of a batch, episodes per second and workerd CPU per batch (Worker and
// local SQLite), and the ratio. Environment: BATCHES per side (default 4), PROVIDERS (default 50).
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { api } from './api-client.ts'
import { snapshotWorker } from './bench/snapshot.ts'
import { type DevServer, startDevServer } from './dev-server.ts'
import { d1File, migrateLocalD1 } from './local-d1.ts'
import { cpuMs } from './proc.ts'
import { positiveEnv, runScript } from './script-main.ts'

const BATCH = 5000
const BATCHES = positiveEnv('BATCHES', 4)
const PROVIDERS = positiveEnv('PROVIDERS', 50)
const adminToken = `adm_${randomBytes(24).toString('base64url')}`
const dir = mkdtempSync(join(tmpdir(), 'laatu-bench-import-'))
const servers: DevServer[] = []

type Side = {
  persistDir: string
  name: string
  dev: DevServer
  key: string
  programmeId: string
  providers: string[]
  wall: number[]
  cpu: number[]
}

/** A programme, its procurer key and providers, created through the API as a procurer would. */
async function programmeOn(name: string, dev: DevServer, persistDir: string): Promise<Side> {
  const call = (key: string, method: string, path: string, body?: unknown) =>
    api(dev.base, key, method, path, body, 300_000)
  const programme = await call(adminToken, 'POST', '/programmes', {
    name: `Import benchmark (${name})`,
    region: 'Pirkanmaa',
    currency: 'EUR',
    surveys: { company: 'cx-company', jobseeker: 'cx-jobseeker' },
    feeRule: { currency: 'EUR', components: [{ type: 'base', perClient: 1000 }] },
  })
  const { key } = await call(adminToken, 'POST', '/keys', { role: 'procurer', programmeId: programme.id, label: name })
  const providers: string[] = []
  for (let p = 0; p < PROVIDERS; p++)
    providers.push((await call(key, 'POST', `/programmes/${programme.id}/providers`, { name: `Provider ${p + 1}` })).id)
  return { persistDir, name, dev, key, programmeId: programme.id, providers, wall: [], cpu: [] }
}

/** One batch of 5,000 episodes spread over the providers and the months of a year, as a procurer's export is. */
async function importBatch(side: Side, batch: number) {
  const episodes = Array.from({ length: BATCH }, (_, i) => {
    const month = String((i % 12) + 1).padStart(2, '0')
    const day = String((Math.floor(i / 12) % 28) + 1).padStart(2, '0')
    return {
      providerId: side.providers[i % side.providers.length],
      customerType: i % 2 ? 'company' : 'jobseeker',
      externalRef: `IMP-${batch}-${String(i).padStart(5, '0')}`,
      startedOn: `2026-${month}-01`,
      endedOn: `2026-${month}-${day}`,
    }
  })
  const pids = side.dev.workerdPids()
  const cpu = cpuMs(pids)
  const t = performance.now()
  const out = await api(
    side.dev.base,
    side.key,
    'POST',
    `/programmes/${side.programmeId}/episodes`,
    { episodes },
    300_000,
  )
  side.wall.push(performance.now() - t)
  side.cpu.push(cpuMs(pids) - cpu)
  if (out.created !== BATCH) throw new Error(`${side.name}: the import created ${out.created} of ${BATCH} episodes`)
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!

async function main(): Promise<number> {
  const config = snapshotWorker(dir)
  const sides: Side[] = []
  for (const name of ['with the aggregates', 'without (baseline)']) {
    const persistDir = join(dir, name.startsWith('with ') ? 'with' : 'without')
    migrateLocalD1(persistDir)
    if (!name.startsWith('with ')) {
      // The baseline: the database as migrated, less the triggers that mark buckets.
      const db = new DatabaseSync(d1File(persistDir))
      const triggers = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'fact_dirty_%'`)
      for (const { name: trigger } of triggers.all() as Array<{ name: string }>) db.exec(`DROP TRIGGER ${trigger}`)
      db.close()
    }
    const dev = await startDevServer({ name: 'bench-import', config, persistDir, vars: { ADMIN_TOKEN: adminToken } })
    servers.push(dev)
    sides.push(await programmeOn(name, dev, persistDir))
  }
  console.log(
    `bench:import: ${BATCHES} batches of ${BATCH} episodes per side, ${PROVIDERS} providers; load ${loadavg()[0]!.toFixed(1)}`,
  )
  // A warm-up batch each, not counted, then the sides take turns.
  for (const side of sides) {
    await importBatch(side, 0)
    side.wall.length = 0
    side.cpu.length = 0
  }
  for (let b = 1; b <= BATCHES; b++) for (const side of sides) await importBatch(side, b)
  console.log('\n| side | batch wall (median) | episodes/s | workerd CPU per batch (median) | provider-months marked |')
  console.log('| --- | ---: | ---: | ---: | ---: |')
  for (const s of sides) {
    // The marks the imports left for the cron: proof that the baseline ran without the triggers.
    const db = new DatabaseSync(d1File(s.persistDir), { readOnly: true })
    const marked = (db.prepare('SELECT COUNT(*) AS n FROM fact_dirty').get() as { n: number }).n
    db.close()
    console.log(
      `| ${s.name} | ${median(s.wall).toFixed(0)} ms | ${((BATCH * 1000) / median(s.wall)).toFixed(0)} | ${median(s.cpu).toFixed(0)} ms | ${marked} |`,
    )
  }
  const [withTriggers, without] = sides as [Side, Side]
  console.log(
    `\nrate with the aggregates / without: ${(median(without.wall) / median(withTriggers.wall)).toFixed(2)}; ` +
      `CPU ${(median(withTriggers.cpu) / median(without.cpu)).toFixed(2)}x (load now ${loadavg()[0]!.toFixed(1)})`,
  )
  return 0
}

await runScript('bench:import', main, async () => {
  for (const dev of servers) await dev.stop()
  rmSync(dir, { recursive: true, force: true })
})
