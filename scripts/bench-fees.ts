// npm run bench:fees — a fee run over 1,000 providers and 1,000,000 responses through the Worker
// (wrangler dev: workerd + local D1), measured against the CPU limits of a paid Workers plan
// (30 s of CPU per request by default, up to 5 minutes when configured). Prints wall time, the
// workerd CPU the run used (which includes local SQLite work that D1 does elsewhere in production),
// and checks the statement adds up. Loopback only; stops by itself (HARD_STOP_MINUTES, default 15); removes
// its temp dir.
import { randomBytes } from 'node:crypto'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { api } from './api-client.ts'
import { RULE } from './bench/fee-rule.ts'
import { readSeeded, type SeededFees, seedFees } from './bench/seed-fees.ts'
import { snapshotWorker } from './bench/snapshot.ts'
import { type DevServer, startDevServer } from './dev-server.ts'
import { cpuMs as workerdCpu } from './proc.ts'

// SEEDED=<dir>: a copy of a dir seeded by scripts/bench/seed-fees.ts instead of seeding anew (PROVIDERS and
// RESPONSES are then what it holds). LEDGER=0: only the run and its repeat, without finalising.
const PROVIDERS = Number(process.env.PROVIDERS ?? 1000)
const RESPONSES = Number(process.env.RESPONSES ?? 1_000_000)
const SEEDED = process.env.SEEDED
const LEDGER = process.env.LEDGER !== '0'
const PAID_PLAN_CPU_MS = 30_000
const HARD_STOP_MS = Number(process.env.HARD_STOP_MINUTES ?? 15) * 60_000

/** An amount as the API writes it ("1234.50") in integer cents. */
const centsOf = (amount: string) => Math.round(Number(amount) * 100)

const dir = mkdtempSync(join(tmpdir(), 'laatu-bench-fees-'))
const hardStop = setTimeout(() => {
  console.error('bench:fees: hard time limit reached')
  process.exit(2)
}, HARD_STOP_MS)
let dev: DevServer | undefined
try {
  let seeded: SeededFees
  const t0 = performance.now()
  if (SEEDED) {
    // A copy: the runs write fee runs and the ledger.
    cpSync(SEEDED, dir, { recursive: true })
    seeded = readSeeded(dir)
    console.log(`bench:fees: ${seeded.providers} providers, a copy of ${SEEDED}`)
  } else {
    console.log(`bench:fees: ${PROVIDERS} providers, about ${RESPONSES.toLocaleString('en')} completed responses`)
    seeded = seedFees(dir, PROVIDERS, RESPONSES)
  }
  const YEAR = seeded.year
  console.log(
    `${SEEDED ? 'copied' : 'seeded'} ${seeded.episodes.toLocaleString('en')} episodes, ${seeded.completed.toLocaleString('en')} completed, in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  )

  const admin = randomBytes(24).toString('base64url')
  // A frozen copy of the Worker: edits in the work tree meanwhile cannot reload it mid-run.
  dev = await startDevServer({
    name: 'bench-fees',
    config: snapshotWorker(join(dir, 'worker')),
    persistDir: dir,
    vars: { ADMIN_TOKEN: admin },
  })
  await api(dev.base, admin, 'PUT', `/programmes/${seeded.programmeId}/fee-rule`, RULE)
  // This server's workerd processes only: others may run on the same machine.
  const workerds = dev.workerdPids()
  // One fee run over the whole year, as the procurer would start it.
  const runYear = () =>
    api(
      dev!.base,
      admin,
      'POST',
      `/programmes/${seeded.programmeId}/fee-runs`,
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
  const cpuAgain = workerdCpu(workerds)
  const again = await runYear()
  console.log(`  repeated run: workerd CPU ${((workerdCpu(workerds) - cpuAgain) / 1000).toFixed(1)} s`)
  console.log(
    `  repeated run reproduces the hash and total: ${again.inputsHash === run.inputsHash && again.total === run.total ? 'yes' : 'NO'}`,
  )
  let paidOnce = true
  if (LEDGER) {
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
    paidOnce = settled.paidBefore === run.total && centsOf(settled.total) === newlyOwed && newlyOwed >= 0
    console.log(`  finalise into the ledger ${(finaliseMs / 1000).toFixed(1)} s`)
    console.log(
      `  run after finalisation ${(settledMs / 1000).toFixed(1)} s: owed ${settled.owed}, paid before ${settled.paidBefore}, payable ${settled.total} (owed since the first run); paid once: ${paidOnce ? 'yes' : 'NO'}`,
    )
  }
  if (!adds || again.inputsHash !== run.inputsHash || !paidOnce) process.exitCode = 1
} finally {
  await dev?.stop()
  rmSync(dir, { recursive: true, force: true })
  clearTimeout(hardStop)
}
