// npm run bench:fees — a fee run over 1,000 providers and 1,000,000 responses through the Worker
// (wrangler dev: workerd + local D1), measured against the CPU limits of a paid Workers plan
// (30 s of CPU per request by default, up to 5 minutes when configured). Prints wall time, the
// workerd CPU the run used (which includes local SQLite work that D1 does elsewhere in production),
// and checks the statement adds up. Loopback only; stops by itself; removes its temp dir.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { api } from './api-client.ts'
import { addEpisodes, seedProgramme } from './bench/seed.ts'
import { snapshotWorker } from './bench/snapshot.ts'
import { type DevServer, startDevServer } from './dev-server.ts'
import { d1File, migrateLocalD1 } from './local-d1.ts'
import { cpuMs as workerdCpu } from './proc.ts'

const PROVIDERS = Number(process.env.PROVIDERS ?? 1000)
const RESPONSES = Number(process.env.RESPONSES ?? 1_000_000)
const COMPLETION_RATE = 0.8 // seed.ts completes 80 % of the invitations
const YEAR = 2026
const PAID_PLAN_CPU_MS = 30_000
const HARD_STOP_MS = 15 * 60_000

// Pirkanmaa-style rule with every kind of work: per-client lines, provider-level quality and a pool.
const RULE = {
  currency: 'EUR',
  components: [
    { type: 'base', perClient: 1000 },
    { type: 'result', outcome: 'recruitment', perClient: 500 },
    { type: 'quality', basis: 'client', perClientMax: 500, scoring: { mode: 'linear' }, nonResponse: 'providerMean' },
    {
      type: 'quality',
      basis: 'provider',
      perClientMax: 100,
      scoring: { mode: 'achievement', threshold: 50, benchmark: 90 },
    },
    { type: 'qualityPool', amount: 200000, threshold: 50, minResponses: 10, minResponseRate: 0.3 },
  ],
}

/** An amount as the API writes it ("1234.50") in integer cents. */
const centsOf = (amount: string) => Math.round(Number(amount) * 100)

const dir = mkdtempSync(join(tmpdir(), 'laatu-bench-fees-'))
const hardStop = setTimeout(() => {
  console.error('bench:fees: hard time limit reached')
  process.exit(2)
}, HARD_STOP_MS)
let dev: DevServer | undefined
try {
  console.log(`bench:fees: ${PROVIDERS} providers, about ${RESPONSES.toLocaleString('en')} completed responses`)
  migrateLocalD1(dir)
  const file = d1File(dir)
  const db = new DatabaseSync(file)
  db.exec('PRAGMA synchronous = OFF')
  const prog = seedProgramme(db, PROVIDERS, `${YEAR}-01-01`)
  const t0 = performance.now()
  const added = addEpisodes(db, prog, Math.round(RESPONSES / COMPLETION_RATE), 0)
  // Recruitments for about a fifth of the clients, so the result component has work too.
  db.exec(`INSERT INTO outcomes (id, episode_id, type, occurred_on, created_at)
           SELECT 'out_' || substr(id, 5), id, 'recruitment', ended_on, created_at FROM episodes WHERE abs(random()) % 5 = 0`)
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)')
  db.close()
  console.log(
    `seeded ${added.episodes.toLocaleString('en')} episodes, ${added.completed.toLocaleString('en')} completed, in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  )

  const admin = randomBytes(24).toString('base64url')
  // A frozen copy of the Worker: edits in the work tree meanwhile cannot reload it mid-run.
  dev = await startDevServer({
    name: 'bench-fees',
    config: snapshotWorker(join(dir, 'worker')),
    persistDir: dir,
    vars: { ADMIN_TOKEN: admin },
  })
  await api(dev.base, admin, 'PUT', `/programmes/${prog.programmeId}/fee-rule`, RULE)
  // This server's workerd processes only: others may run on the same machine.
  const workerds = dev.workerdPids()
  // One fee run over the whole year, as the procurer would start it.
  const runYear = () =>
    api(
      dev!.base,
      admin,
      'POST',
      `/programmes/${prog.programmeId}/fee-runs`,
      { from: `${YEAR}-01-01`, to: `${YEAR}-12-31` },
      HARD_STOP_MS,
    )
  const cpuBefore = workerdCpu(workerds)
  const started = performance.now()
  const run = await runYear()
  const wallMs = performance.now() - started
  const cpuMs = workerdCpu(workerds) - cpuBefore

  const clients = run.providers.reduce((n: number, p: { clients: number }) => n + p.clients, 0)
  const responses = run.providers.reduce((n: number, p: { responses: number }) => n + p.responses, 0)
  const sumCents = run.providers.reduce((n: number, p: { total: string }) => n + centsOf(p.total), 0)
  const adds = sumCents === centsOf(run.total)
  console.log(
    `\nfee run ${run.id}: ${run.providers.length} providers, ${clients.toLocaleString('en')} clients, ${responses.toLocaleString('en')} scored responses`,
  )
  console.log(
    `  total ${run.total} ${run.currency}, unallocated ${run.unallocated}; provider totals add up: ${adds ? 'yes' : 'NO'}`,
  )
  console.log(
    `  wall time ${(wallMs / 1000).toFixed(1)} s; workerd CPU ${(cpuMs / 1000).toFixed(1)} s (Worker and local SQLite together)`,
  )
  console.log(
    `  against a paid plan's default 30 s CPU per request: ${(cpuMs / PAID_PLAN_CPU_MS).toFixed(2)}x of the limit (${cpuMs <= PAID_PLAN_CPU_MS ? 'within' : 'over; raise limits.cpu_ms (max 300,000) or run as a Workflow'})`,
  )
  // The same run again over unchanged data: identical numbers and hash.
  const again = await runYear()
  console.log(
    `  repeated run reproduces the hash and total: ${again.inputsHash === run.inputsHash && again.total === run.total ? 'yes' : 'NO'}`,
  )
  // The fee ledger (issue 12): finalising writes every line that pays into fee_ledger in one transaction,
  // and a run over the same period afterwards finds everything paid.
  const finaliseStarted = performance.now()
  await api(dev.base, admin, 'POST', `/fee-runs/${again.id}/finalise`, undefined, HARD_STOP_MS)
  const finaliseMs = performance.now() - finaliseStarted
  const settledStarted = performance.now()
  const settled = await runYear()
  const settledMs = performance.now() - settledStarted
  // Nothing is paid twice: what the first run paid is exactly what counts as paid before, and this run pays
  // only what became owed since (quality of invitations that expired meanwhile: the clock moves on).
  const newlyOwed = centsOf(settled.owed) - centsOf(run.total)
  const paidOnce = settled.paidBefore === run.total && centsOf(settled.total) === newlyOwed && newlyOwed >= 0
  console.log(`  finalise into the ledger ${(finaliseMs / 1000).toFixed(1)} s`)
  console.log(
    `  run after finalisation ${(settledMs / 1000).toFixed(1)} s: owed ${settled.owed}, paid before ${settled.paidBefore}, payable ${settled.total} (owed since the first run); paid once: ${paidOnce ? 'yes' : 'NO'}`,
  )
  if (!adds || again.inputsHash !== run.inputsHash || !paidOnce) process.exitCode = 1
} finally {
  await dev?.stop()
  rmSync(dir, { recursive: true, force: true })
  clearTimeout(hardStop)
}
