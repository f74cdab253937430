// A fee run straight on a seeded SQLite file, without wrangler: `createFeeRun` (src/app/fee-runs.ts, the use case
// behind POST /fee-runs) over the node:sqlite D1 shim, with a fixed clock, CPU per statement kind and for the JS
// around them, and a digest of everything the run stores, so two versions of the code can be compared on the same
// file: same digest means same figures. Its writes are rolled back, so the seeded file stays as it was.
//
//   node --experimental-transform-types scripts/bench/fees-harness.ts <dir seeded by seed-fees.ts> [--cpu-prof] [--runs N]
//
// (src/ has constructor parameter properties, which plain type stripping refuses.)
//
// --cpu-prof writes a V8 profile of the last run (fees-harness.cpuprofile, for Chrome's DevTools) and prints the
// functions with the most self time. Not the workerd figure: node's V8 and SQLite build, no D1 serialisation.
import { createHash } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { DatabaseSync } from 'node:sqlite'
import { parseArgs } from 'node:util'
import { createFeeRun } from '../../src/app/fee-runs.ts'
import { getProgramme } from '../../src/db/programmes.ts'
import { d1File } from '../local-d1.ts'
import { RULE } from './fee-rule.ts'
import { readSeeded } from './seed-fees.ts'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'cpu-prof': { type: 'boolean', default: false }, runs: { type: 'string', default: '1' } },
})
const dir = positionals[0] ?? process.env.SEEDED
if (!dir) throw new Error('usage: node scripts/bench/fees-harness.ts <seeded dir> [--cpu-prof] [--runs N]')
// After the year's invitations have all expired, so the figures do not move with the clock.
const NOW = process.env.NOW ?? '2027-03-01T00:00:00.000Z'

const cpuMs = () => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}

/** Statement CPU and rows by the src/db function that ran it. */
const spent = new Map<string, { ms: number; calls: number; rows: number }>()

/** The first src/db function on the stack: what the table below calls the statement. */
function caller(): string {
  const frames = new Error().stack?.split('\n') ?? []
  const frame = frames.find((f) => f.includes('/src/db/'))
  return (
    frame
      ?.trim()
      .replace(/^at (async )?/, '')
      .replace(/ \(.*\/src\/db\//, ' (')
      .replace(/:\d+\)$/, ')') ?? '?'
  )
}

/** The D1 calls src/db makes, timed. Not scripts/bench/d1-node.ts: that one records SQL, this one writes. */
class TimedD1 {
  readonly db: DatabaseSync
  constructor(db: DatabaseSync) {
    this.db = db
  }
  prepare(sql: string) {
    return new TimedStatement(this.db, sql, [])
  }
  async batch(statements: TimedStatement[]) {
    const out = []
    for (const s of statements) out.push(await s.all())
    return out
  }
}

class TimedStatement {
  private readonly db: DatabaseSync
  private readonly sql: string
  private readonly params: unknown[]
  constructor(db: DatabaseSync, sql: string, params: unknown[]) {
    this.db = db
    this.sql = sql
    this.params = params
  }
  bind(...values: unknown[]) {
    return new TimedStatement(this.db, this.sql, values)
  }
  private exec<T>(run: () => T, rows: (result: T) => number): T {
    const label = caller()
    const started = cpuMs()
    const result = run()
    const s = spent.get(label) ?? { ms: 0, calls: 0, rows: 0 }
    s.ms += cpuMs() - started
    s.calls++
    s.rows += rows(result)
    spent.set(label, s)
    return result
  }
  async all() {
    const results = this.exec(
      () => this.db.prepare(this.sql).all(...(this.params as never[])),
      (r) => r.length,
    )
    return { results, success: true, meta: { changes: 0 } }
  }
  async first() {
    return (await this.all()).results[0] ?? null
  }
  async raw() {
    return this.exec(
      () => {
        const statement = this.db.prepare(this.sql)
        statement.setReturnArrays(true)
        return statement.all(...(this.params as never[]))
      },
      (r) => r.length,
    )
  }
  async run() {
    const res = this.exec(
      () => this.db.prepare(this.sql).run(...(this.params as never[])),
      () => 0,
    )
    return { results: [], success: true, meta: { changes: Number(res.changes) } }
  }
}

const seeded = readSeeded(dir)
const sqlite = new DatabaseSync(d1File(dir))
const d1 = new TimedD1(sqlite) as unknown as D1Database
const programme = (await getProgramme(d1, seeded.programmeId))!
const period = { from: `${seeded.year}-01-01`, to: `${seeded.year}-12-31` }
const runs = Number(values.runs)
const profiler = values['cpu-prof'] ? new Session() : null
console.log(`fees-harness: ${dir}, ${seeded.providers} providers, ${seeded.episodes.toLocaleString('en')} episodes`)

for (let n = 1; n <= runs; n++) {
  spent.clear()
  sqlite.exec('BEGIN')
  // The run's rule as bench:fees puts it, inside the transaction that is rolled back.
  sqlite
    .prepare("INSERT INTO fee_rules (programme_id, version, rule, created_at) VALUES (?, 2, ?, '2027-01-01')")
    .run(seeded.programmeId, JSON.stringify(RULE))
  if (profiler && n === runs) {
    profiler.connect()
    await profiler.post('Profiler.enable')
    await profiler.post('Profiler.start')
  }
  const started = cpuMs()
  const wall = performance.now()
  const run = await createFeeRun({ db: d1, now: () => NOW }, programme, period, null)
  const totalMs = cpuMs() - started
  const wallMs = performance.now() - wall
  const profile = profiler && n === runs ? (await profiler.post('Profiler.stop')).profile : null

  // Everything the run stored, in a fixed order; the run id and creation time are the only parts that vary.
  const digest = createHash('sha256')
  const stored = sqlite
    .prepare('SELECT statement, lines FROM fee_run_providers WHERE run_id = ? ORDER BY provider_id')
    .all(run.id) as Array<{ statement: string; lines: string }>
  for (const p of stored) digest.update(p.statement).update('\n').update(p.lines).update('\n')
  digest.update(JSON.stringify(run.summary)).update(run.inputsHash ?? '')
  sqlite.exec('ROLLBACK')

  const sqlMs = [...spent.values()].reduce((s, x) => s + x.ms, 0)
  console.log(`\nrun ${n}: ${stored.length} providers, total ${run.summary?.totalCents} cents`)
  console.log(`  inputs hash ${run.inputsHash}`)
  console.log(`  digest of every stored statement, line and the summary: ${digest.digest('hex')}`)
  console.log(
    `  CPU ${(totalMs / 1000).toFixed(2)} s (wall ${(wallMs / 1000).toFixed(2)} s): SQL ${(sqlMs / 1000).toFixed(2)} s, JS ${((totalMs - sqlMs) / 1000).toFixed(2)} s`,
  )
  for (const [label, s] of [...spent].sort((a, b) => b[1].ms - a[1].ms)) {
    if (s.ms < 5) continue
    console.log(
      `  ${(s.ms / 1000).toFixed(2).padStart(7)} s  ${String(s.calls).padStart(5)} calls ${s.rows.toLocaleString('en').padStart(10)} rows  ${label}`,
    )
  }
  if (profile) printProfile(profile)
}

/** Writes the profile and prints the 25 functions with the most self time. */
function printProfile(profile: {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }>
  samples?: number[]
  startTime: number
  endTime: number
}) {
  writeFileSync('fees-harness.cpuprofile', JSON.stringify(profile))
  const total = profile.nodes.reduce((s, n) => s + (n.hitCount ?? 0), 0)
  const msPerHit = (profile.endTime - profile.startTime) / 1000 / Math.max(1, total)
  const self = new Map<string, number>()
  for (const n of profile.nodes) {
    const { functionName, url, lineNumber } = n.callFrame
    const key = `${functionName || '(anonymous)'} ${url.replace(/^.*\/(src|node_modules)\//, '$1/')}:${lineNumber + 1}`
    self.set(key, (self.get(key) ?? 0) + (n.hitCount ?? 0))
  }
  console.log('\n  self time (wrote fees-harness.cpuprofile):')
  for (const [key, hits] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    console.log(`  ${((hits * msPerHit) / 1000).toFixed(2).padStart(7)} s  ${key}`)
  }
}
