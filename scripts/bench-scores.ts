// npm run bench:scores — the scores and diagnostics endpoints at national scale, read through the fact buckets
// (src/db/facts/), against today's baseline: the same aggregates computed from the raw rows by the same SQL,
// run straight on the same SQLite file with node:sqlite in this process (src/db/facts/source.ts rawFacts over a
// thin adapter, so the SQL text and bound values are exactly the Worker's).
//
// Prints: the write cost of the triggers that mark buckets (a sample of episodes seeded with and without them),
// the time and disk the buckets take to build, per period the endpoint's median wall-clock time (and apart, that of
// the first request after each baseline run, which also restarts the local D1 object) and the baseline's, and
// D1's meta.rows_read of the statements each side runs (a local D1 through Miniflare).
//
// Environment: RESPONSES completed responses (default 1,000,000); PROVIDERS (default 1,000); REPS timed rounds
// per figure (default 3; a figure stops after BUDGET_S seconds, default 60, with at least one round);
// RAW_ROWS=0 skips the baseline's rows_read (minutes at full size); KEEP_DB=1 keeps the temp dir, with a
// seeded.json; SEEDED=<kept dir> times the current code on it (new migrations applied, marked buckets rebuilt;
// the write-path sample and the seeding are skipped, and the dir is kept).
// Quick run: RESPONSES=100000 PROVIDERS=200 npm run bench:scores
import { randomBytes } from 'node:crypto'
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { convertV4MiniflareOptions, Miniflare } from 'miniflare'
import { unstable_getMiniflareWorkerOptions } from 'wrangler'
import { factsFor } from '../src/app/facts.ts'
import { kindsOf, rebuildStatements } from '../src/db/facts/buckets.ts'
import { KINDS } from '../src/db/facts/kinds.ts'
import { rawFacts } from '../src/db/facts/source.ts'
import type { Programme as ProgrammeRow } from '../src/db/programmes.ts'
import { type PeriodFilter, providerSums } from '../src/db/scores.ts'
import { NodeD1, type RecordedStatement } from './bench/d1-node.ts'
import { addEpisodes, type Programme, PUBLICATION, seedProgramme } from './bench/seed.ts'
import { snapshotWorker } from './bench/snapshot.ts'
import { type DevServer, startDevServer } from './dev-server.ts'
import { d1File, migrateLocalD1 } from './local-d1.ts'
import { root } from './wrangler.ts'

const RESPONSES = Number(process.env.RESPONSES ?? 1_000_000)
const PROVIDERS = Number(process.env.PROVIDERS ?? 1000)
const REPS = Number(process.env.REPS ?? 3)
const BUDGET_MS = Number(process.env.BUDGET_S ?? 60) * 1000
const RAW_ROWS = process.env.RAW_ROWS !== '0'
const COMPLETION_RATE = 0.8 // of invitations, as the seeder draws them
const SAMPLE = Math.min(20_000, Math.round(RESPONSES / COMPLETION_RATE / 10))
const YEAR = '2026'
const PERIODS = [
  { name: 'year', from: `${YEAR}-01-01`, to: `${YEAR}-12-31` },
  { name: 'month', from: `${YEAR}-06-01`, to: `${YEAR}-06-30` },
  // A procurer's half year cut inside months: whole months and the days at both edges.
  { name: 'cut', from: `${YEAR}-03-15`, to: `${YEAR}-09-14` },
] as const
if (!(RESPONSES > 0) || !(PROVIDERS > 0) || !(REPS >= 1)) {
  console.error('RESPONSES, PROVIDERS and REPS must be positive')
  process.exit(2)
}

const adminToken = `adm_${randomBytes(24).toString('base64url')}`
const SEEDED = process.env.SEEDED
const dir = SEEDED ?? mkdtempSync(join(tmpdir(), 'laatu-bench-scores-'))
/** What a kept dir holds, for SEEDED= runs. */
type Seeded = { prog: Programme; completed: number }
const seededFile = join(dir, 'seeded.json')
let dev: DevServer | null = null
let cleaned = false
async function cleanUp() {
  if (cleaned) return
  cleaned = true
  await dev?.stop()
  if (SEEDED || process.env.KEEP_DB === '1') console.log(`kept ${dir}`)
  else rmSync(dir, { recursive: true, force: true })
}
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => void cleanUp().then(() => process.exit(130)))

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}
const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1))
const thousands = (n: number) => Math.round(n).toLocaleString('en-US')
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')
// What the endpoints load for the seeded programme, which has no case-mix adjustment (src/app/programme-reads.ts).
const SCORE_KINDS = ['clients', 'sums', 'change', 'changeitems'] as const
const ALL_KINDS = kindsOf('all')
  .map((k) => k.name)
  .filter((k) => k !== 'casemix')

/** GET with the admin key; `ms` is the wall-clock time of the request that answered. */
async function getJson(base: string, path: string): Promise<{ body: unknown; ms: number }> {
  for (let attempt = 1; ; attempt++) {
    const t = performance.now()
    try {
      const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${adminToken}` } })
      const text = await res.text()
      if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${text.slice(0, 500)}`)
      return { body: JSON.parse(text), ms: performance.now() - t }
    } catch (err) {
      // A kept-alive connection the server closed while idle fails at once: retry it, untimed.
      const stale = err instanceof TypeError && performance.now() - t < 1000
      if (!stale || attempt === 3) throw err
    }
  }
}

/** The baseline: the endpoint's aggregates from the raw rows, on node:sqlite. */
async function rawRead(db: D1Database, f: PeriodFilter, endpoint: 'scores' | 'diagnostics') {
  const facts = rawFacts(db, { ...f, releaseGroup: 1 })
  return Promise.all([
    ...(endpoint === 'scores' ? SCORE_KINDS : ALL_KINDS).map((k) => facts.rows(k)),
    facts.providers(),
  ])
}

/**
 * Endpoint and baseline alternate, so both see the same machine load; medians of up to REPS rounds. The first
 * request after each baseline run is timed apart (`afterBaselineMs`): a baseline run is 2 to 140 s of idle for the
 * dev server, and Miniflare evicts a Durable Object after 10 s of inactivity, so that request also pays for the
 * local D1 object's restart (a read that only loads the buckets goes from about 100 to 260 ms; docs/PERFORMANCE.md).
 */
async function measure(base: string, path: string, raw: NodeD1, f: PeriodFilter, endpoint: 'scores' | 'diagnostics') {
  const http: number[] = []
  const afterBaseline: number[] = []
  const baseline: number[] = []
  const started = performance.now()
  await getJson(base, path) // warms the isolate
  while (http.length < REPS && (http.length === 0 || performance.now() - started < BUDGET_MS)) {
    if (baseline.length > 0) afterBaseline.push((await getJson(base, path)).ms)
    http.push((await getJson(base, path)).ms)
    const t = performance.now()
    await rawRead(raw.asD1(), f, endpoint)
    baseline.push(performance.now() - t)
  }
  afterBaseline.push((await getJson(base, path)).ms)
  return { httpMs: median(http), afterBaselineMs: median(afterBaseline), rawMs: median(baseline), rounds: http.length }
}

/** D1's meta.rows_read of each statement, run by a local D1 (Miniflare, as under wrangler dev) on the same file. */
async function rowsRead(statements: RecordedStatement[]): Promise<number> {
  const { workerOptions } = unstable_getMiniflareWorkerOptions(join(root, 'wrangler.toml'))
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      resourcePersistencePath: join(dir, 'v3'),
      workers: [
        {
          name: 'rows-read',
          modules: true,
          script: 'export default { fetch() { return new Response(null) } }',
          d1Databases: (workerOptions as { d1Databases?: Record<string, string> }).d1Databases,
        },
      ],
    }),
  )
  try {
    const db = await mf.getD1Database('DB')
    let total = 0
    for (const s of statements) {
      const result = await db
        .prepare(s.sql)
        .bind(...s.params)
        .all()
      total += result.meta.rows_read
    }
    return total
  } finally {
    await mf.dispose()
  }
}

/** The statements a read runs, recorded without running them. */
async function recorded(db: DatabaseSync, read: (d1: D1Database) => Promise<unknown>): Promise<RecordedStatement[]> {
  const recorder = new NodeD1(db)
  recorder.dryRun = true
  recorder.recordAs = 'read'
  await read(recorder.asD1())
  return recorder.recorded
}

/** Seeds `episodes` into a copy of the file, with the bucket triggers or without them: seconds. */
function seedSample(file: string, prog: Programme, withTriggers: boolean): number {
  const copy = join(dir, `sample-${withTriggers ? 'with' : 'without'}.sqlite`)
  copyFileSync(file, copy)
  const db = new DatabaseSync(copy)
  if (!withTriggers)
    for (const { name } of db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'fact_dirty_%'`)
      .all() as Array<{ name: string }>)
      db.exec(`DROP TRIGGER ${name}`)
  db.exec('PRAGMA synchronous = OFF')
  const t = performance.now()
  addEpisodes(db, prog, SAMPLE, 99)
  const s = (performance.now() - t) / 1000
  db.close()
  rmSync(copy)
  return s
}

const fileBytes = (file: string) => statSync(file).size
const filterOf = (prog: Programme, period: { from: string; to: string }): PeriodFilter => ({
  programmeId: prog.programmeId,
  from: period.from,
  to: period.to,
  customerType: null,
  providerId: null,
})

/** Rebuilds every marked bucket as the cron does: the number marked, batches and seconds. */
async function rebuildMarked(writer: DatabaseSync, programmeId: string) {
  const count = () => (writer.prepare('SELECT COUNT(*) AS n FROM fact_dirty').get() as { n: number }).n
  const marked = count()
  const d1 = new NodeD1(writer).asD1()
  const t0 = performance.now()
  let batches = 0
  while (count() > 0) {
    await d1.batch(rebuildStatements(d1, programmeId, PUBLICATION.minGroup, new Date().toISOString()))
    batches++
  }
  writer.exec('PRAGMA wal_checkpoint(TRUNCATE)')
  return { marked, batches, seconds: (performance.now() - t0) / 1000 }
}

/** Seeds the programme and its episodes, measures the triggers' write cost and builds the buckets. */
async function seedAndBuild(file: string): Promise<Seeded> {
  let prog: Programme
  {
    const db = new DatabaseSync(file)
    prog = seedProgramme(db, PROVIDERS, `${YEAR}-01-01`)
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)')
    db.close()
  }

  // --- write cost: the same sample of episodes with and without the triggers that mark buckets ---------------
  const without = seedSample(file, prog, false)
  const withT = seedSample(file, prog, true)
  console.log(
    `\nwrite path: ${thousands(SAMPLE)} episodes with invitations, responses and items seeded in ${without.toFixed(2)} s without the ` +
      `bucket triggers, ${withT.toFixed(2)} s with them (${(withT / without).toFixed(2)}x)`,
  )

  // --- the data ------------------------------------------------------------------------------------------------
  const episodes = Math.round(RESPONSES / COMPLETION_RATE)
  const t0 = performance.now()
  const writer = new DatabaseSync(file)
  writer.exec('PRAGMA cache_size = -1000000; PRAGMA synchronous = OFF')
  const added = addEpisodes(writer, prog, episodes, 0)
  writer.exec('PRAGMA wal_checkpoint(TRUNCATE)')
  const before = fileBytes(file)
  console.log(
    `seeded ${thousands(added.completed)} completed responses, ${thousands(added.episodes)} episodes in ${((performance.now() - t0) / 1000).toFixed(0)} s; ` +
      `file ${(before / 2 ** 20).toFixed(0)} MiB`,
  )

  // --- the buckets, built as the cron builds them ----------------------------------------------------------
  const build = await rebuildMarked(writer, prog.programmeId)
  const after = fileBytes(file)
  const bytes = KINDS.map((k) => `length(${k.name})`).join(' + ')
  const buckets = writer.prepare(`SELECT COUNT(*) AS n, SUM(${bytes}) AS bytes FROM fact_bucket_groups`).get() as {
    n: number
    bytes: number
  }
  writer.close()
  console.log(
    `buckets: ${thousands(build.marked)} marked provider-months rebuilt in ${build.batches} batches, ${build.seconds.toFixed(1)} s ` +
      `(${((build.seconds * 1e6) / added.completed).toFixed(0)} µs per completed response); ${thousands(buckets.n)} bucket rows, ` +
      `${(buckets.bytes / 2 ** 20).toFixed(1)} MiB of facts; file +${((after - before) / 2 ** 20).toFixed(0)} MiB ` +
      `(${((after - before) / added.completed).toFixed(0)} bytes per completed response)`,
  )
  const seeded = { prog, completed: added.completed }
  writeFileSync(seededFile, JSON.stringify(seeded))
  return seeded
}

try {
  console.log(
    SEEDED
      ? `bench:scores on the kept dir ${dir}, ${REPS} rounds per figure (median); load average ${load()}`
      : `bench:scores: ${PROVIDERS} providers, ${thousands(RESPONSES)} completed responses, ${REPS} rounds per figure (median); load average ${load()}`,
  )
  if (!SEEDED) console.log(`temp dir ${dir}`)
  migrateLocalD1(dir)
  const config = snapshotWorker(dir)
  const file = d1File(dir)
  let prog: Programme
  let completed: number
  if (SEEDED) {
    ;({ prog, completed } = JSON.parse(readFileSync(seededFile, 'utf8')) as Seeded)
    const writer = new DatabaseSync(file)
    const build = await rebuildMarked(writer, prog.programmeId)
    writer.close()
    console.log(
      `${thousands(completed)} completed responses, ${prog.providerIds.length} providers; ${thousands(build.marked)} marked buckets rebuilt in ${build.seconds.toFixed(1)} s`,
    )
  } else ({ prog, completed } = await seedAndBuild(file))
  const programme = { id: prog.programmeId, publication: PUBLICATION } as unknown as ProgrammeRow

  // --- reads ------------------------------------------------------------------------------------------------
  dev = await startDevServer({ name: 'bench-scores', config, persistDir: dir, vars: { ADMIN_TOKEN: adminToken } })
  const raw = new NodeD1(new DatabaseSync(file, { readOnly: true }))
  type Row = {
    period: string
    endpoint: string
    httpMs: number
    afterBaselineMs: number
    rawMs: number
    rounds: number
    rows: number
    rawRows: number | null
  }
  const rows: Row[] = []
  for (const period of PERIODS) {
    const f = filterOf(prog, period)
    // Both sides must see the same rows.
    const { body } = (await getJson(
      dev.base,
      `/api/v1/programmes/${prog.programmeId}/scores?from=${period.from}&to=${period.to}`,
    )) as {
      body: { providers: Array<{ clients: number; responses: number }> }
    }
    const sums = await providerSums(rawFacts(raw.asD1(), { ...f, releaseGroup: 1 }), f)
    const key = (xs: Array<{ clients: number }>) => `${xs.length}/${xs.reduce((n, r) => n + r.clients, 0)}`
    if (key(body.providers) !== key(sums))
      throw new Error(
        `the endpoint and the raw rows disagree for the ${period.name}: ${key(body.providers)} vs ${key(sums)}`,
      )
    for (const endpoint of ['scores', 'diagnostics'] as const) {
      const path = `/api/v1/programmes/${prog.programmeId}/${endpoint}?from=${period.from}&to=${period.to}`
      const fig = await measure(dev.base, path, raw, f, endpoint)
      rows.push({ period: period.name, endpoint, ...fig, rows: 0, rawRows: null })
      console.log(
        `  ${endpoint.padEnd(11)} ${period.name.padEnd(5)} endpoint ${fmt(fig.httpMs).padStart(6)} ms (after a baseline run ${fmt(fig.afterBaselineMs).padStart(6)} ms) | raw SQL on node:sqlite ${fmt(fig.rawMs).padStart(7)} ms ` +
          `(endpoint ${(fig.rawMs / fig.httpMs).toFixed(1)}x faster) | ${fig.rounds} round(s), load ${load()}`,
      )
    }
  }
  await dev.stop()
  dev = null

  // rows_read: the statements each side runs, on the same file through a local D1.
  for (const row of rows) {
    const period = PERIODS.find((p) => p.name === row.period)!
    const f = filterOf(prog, period)
    const kinds = row.endpoint === 'scores' ? SCORE_KINDS : ALL_KINDS
    const viaBuckets = await recorded(raw.db, async (db) => {
      const facts = await factsFor(db, programme, f, kinds, new Date().toISOString())
      await Promise.all(kinds.map((k) => facts.rows(k)))
      await facts.providers()
    })
    row.rows = await rowsRead(viaBuckets)
    if (RAW_ROWS && row.period === 'year')
      row.rawRows = await rowsRead(
        await recorded(raw.db, (db) => rawRead(db, f, row.endpoint as 'scores' | 'diagnostics')),
      )
  }
  raw.db.close()

  console.log(
    `\n## ${thousands(completed)} completed responses, ${prog.providerIds.length} providers (load average now ${load()})\n`,
  )
  console.log(
    '| period | endpoint | endpoint ms | first after a baseline run | raw SQL ms (baseline) | baseline / endpoint | rows_read | of responses | baseline rows_read |',
  )
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
  for (const r of rows)
    console.log(
      `| ${r.period} | ${r.endpoint} | ${fmt(r.httpMs)} | ${fmt(r.afterBaselineMs)} | ${fmt(r.rawMs)} | ${(r.rawMs / r.httpMs).toFixed(1)}x | ${thousands(r.rows)} | ` +
        `${((100 * r.rows) / completed).toFixed(2)} % | ${r.rawRows === null ? '–' : thousands(r.rawRows)} |`,
    )
  console.log(
    '\nTargets (programme-year): at most 500 ms and at most 1 % of responses read. The first request after a baseline run also\n' +
      "pays for the local D1 object's restart (Miniflare evicts it after 10 s idle), shown apart:",
  )
  for (const r of rows.filter((x) => x.period === 'year'))
    console.log(
      `  ${r.endpoint}: ${fmt(r.httpMs)} ms — ${r.httpMs <= 500 ? 'met' : 'NOT met'} (first after a baseline run ${fmt(r.afterBaselineMs)} ms); rows_read ${((100 * r.rows) / completed).toFixed(2)} % — ${r.rows <= completed / 100 ? 'met' : 'NOT met'}`,
    )
} catch (err) {
  console.error(err)
  process.exitCode = 1
} finally {
  await cleanUp()
}
