// npm run bench:scores — the scores and diagnostics endpoints against a local D1 holding one large
// programme, next to the same SQL run straight on the same SQLite file: node:sqlite in this process (the
// baseline of the ratio) and the sqlite3 CLI when it is installed. The statements are not copied: the
// functions of src/db/scores.ts run over a thin node:sqlite adapter, so the SQL text and bound values are
// exactly the Worker's. Endpoint and raw runs alternate, so both see the same machine load.
//
// Prints, per size and period: median wall-clock ms of each endpoint, of its SQL on node:sqlite and in the
// sqlite3 CLI, the ratios, ms per statement, growth with the number of responses, and EXPLAIN QUERY PLAN
// of every statement. A benchmark, not a test: it only checks that both sides saw the same rows.
//
// Environment: RESPONSES completed responses at the largest size (default 1,000,000); SCALES fractions of
// it, measured in one growing database (default 0.25,0.5,1); PROVIDERS (default 1,000); REPS timed rounds
// per figure (default 3; a figure stops early after BUDGET_S seconds, default 45, with at least one);
// DIAG_YEAR = largest | all | none: the sizes at which the whole-year diagnostics run (default largest,
// the slowest figure); SQLITE3_CLI=0 leaves out the CLI; KEEP_DB=1 keeps the temp dir.
// Quick run: RESPONSES=100000 npm run bench:scores
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { rawFacts } from '../src/db/facts/source.ts'
import {
  daysToAnswer,
  type FactSource,
  integrityCounts,
  itemCounts,
  outcomeFacts,
  type PeriodFilter,
  providerSums,
  responseCells,
  versionSums,
  weeklyFunnel,
} from '../src/db/scores.ts'
import { NodeD1, type RecordedStatement } from './bench/d1-node.ts'
import { addEpisodes, type Programme, seedProgramme } from './bench/seed.ts'
import { snapshotWorker } from './bench/snapshot.ts'
import { type DevServer, startDevServer } from './dev-server.ts'
import { d1File, migrateLocalD1 } from './local-d1.ts'

const RESPONSES = Number(process.env.RESPONSES ?? 1_000_000)
const SCALES = (process.env.SCALES ?? '0.25,0.5,1')
  .split(',')
  .map(Number)
  .sort((a, b) => a - b)
const PROVIDERS = Number(process.env.PROVIDERS ?? 1000)
const REPS = Number(process.env.REPS ?? 3)
const BUDGET_MS = Number(process.env.BUDGET_S ?? 45) * 1000
const DIAG_YEAR = process.env.DIAG_YEAR ?? 'largest'
const COMPLETION_RATE = 0.8 // of invitations, as the seeder draws them
const YEAR = '2026'
const PERIODS = [
  { name: 'year', from: `${YEAR}-01-01`, to: `${YEAR}-12-31` },
  { name: 'month', from: `${YEAR}-06-01`, to: `${YEAR}-06-30` },
] as const
if (
  !(RESPONSES > 0) ||
  SCALES.some((s) => !(s > 0 && s <= 1)) ||
  !(PROVIDERS > 0) ||
  !(REPS >= 1) ||
  !['largest', 'all', 'none'].includes(DIAG_YEAR)
) {
  console.error(
    'RESPONSES, PROVIDERS and REPS must be positive, SCALES fractions in (0, 1], DIAG_YEAR largest, all or none',
  )
  process.exit(2)
}

// The statements behind GET /diagnostics, in the order of src/routes/scores.ts (all with providerId null
// for an admin or procurer key). GET /scores runs providerSums only.
const DIAGNOSTICS: Array<[string, (facts: FactSource, f: PeriodFilter) => Promise<unknown>]> = [
  ['providerSums', providerSums],
  ['outcomeFacts', outcomeFacts],
  ['daysToAnswer', daysToAnswer],
  ['responseCells', responseCells],
  ['integrityCounts', integrityCounts],
  ['weeklyFunnel', weeklyFunnel],
  ['itemCounts', itemCounts],
  ['versionSums', versionSums],
]
const SCORES = DIAGNOSTICS.slice(0, 1)

const cli =
  process.env.SQLITE3_CLI === '0'
    ? null
    : spawnSync('sqlite3', ['-version'], { encoding: 'utf8' }).status === 0
      ? 'sqlite3'
      : null
const adminToken = `adm_${randomBytes(24).toString('base64url')}`
const dir = mkdtempSync(join(tmpdir(), 'laatu-bench-scores-'))
let dev: DevServer | null = null
let cleaned = false
async function cleanUp() {
  if (cleaned) return
  cleaned = true
  await dev?.stop()
  if (process.env.KEEP_DB === '1') console.log(`kept ${dir}`)
  else rmSync(dir, { recursive: true, force: true })
}
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => void cleanUp().then(() => process.exit(130)))

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const sum = (xs: Iterable<number>) => [...xs].reduce((a, b) => a + b, 0)
const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1))
const thousands = (n: number) => n.toLocaleString('en-US')
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')

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
      if (!stale || attempt === 3)
        throw new Error(`GET ${path} failed; wrangler dev printed:\n${dev?.log().slice(-2000)}`, { cause: err })
    }
  }
}

/** EXPLAIN QUERY PLAN, drawn the way the sqlite3 shell draws it. */
function queryPlan(db: DatabaseSync, s: RecordedStatement): string {
  const rows = db.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(...(s.params as never[])) as Array<{
    id: number
    parent: number
    detail: string
  }>
  const depth = new Map<number, number>([[0, -1]])
  return rows
    .map((r) => {
      const d = (depth.get(r.parent) ?? -1) + 1
      depth.set(r.id, d)
      return `${'   '.repeat(d)}${d === 0 ? '' : '`--'}${r.detail}`
    })
    .join('\n')
}

/** One run of a statement in the sqlite3 CLI on the file (read-only): the CLI's own timer, in ms. */
function cliRun(file: string, s: RecordedStatement): number {
  // The shell strips one level of quotes and evaluates the rest as SQL, so "'text'" binds a text value.
  const params = s.params.map(
    (v, i) =>
      `.parameter set ?${i + 1} ${v === null ? 'NULL' : typeof v === 'number' ? v : `"'${String(v).replace(/'/g, "''")}'"`}`,
  )
  const script = ['.output /dev/null', ...params, '.timer on', `${s.sql.trim()};`, ''].join('\n')
  const run = spawnSync(cli!, ['-readonly', file], { input: script, encoding: 'utf8' })
  const time = /Run Time: real ([\d.]+)/.exec(run.stdout)
  if (run.status !== 0 || !time || run.stderr.trim()) throw new Error(`sqlite3 failed on ${s.label}: ${run.stderr}`)
  return Number(time[1]) * 1000
}

/** The statements (SQL text and bound values) the functions run, without running them. */
async function record(db: DatabaseSync, statements: typeof DIAGNOSTICS, f: PeriodFilter): Promise<NodeD1> {
  const recorder = new NodeD1(db)
  recorder.dryRun = true
  for (const [label, fn] of statements) {
    recorder.recordAs = label
    await fn(rawFacts(recorder.asD1(), { ...f, releaseGroup: 1 }), f)
  }
  return recorder
}

/**
 * Reads the whole file once, so each round starts with it in the OS page cache: on a shared machine the
 * cache gets evicted between figures, and a cold first read would land on whichever side runs first.
 */
async function warmFile(file: string): Promise<void> {
  const handle = await open(file, 'r')
  const buffer = Buffer.alloc(16 << 20)
  try {
    while ((await handle.read(buffer, 0, buffer.length, null)).bytesRead > 0);
  } finally {
    await handle.close()
  }
}

type Figure = { httpMs: number; rawMs: number; cliMs: number | null; perStatement: Map<string, number>; rounds: number }

/**
 * Alternates endpoint, node:sqlite and CLI runs. The first round warms up (the Worker's isolate, the page
 * cache) and is dropped when its request took under 2 s; rounds stop at REPS or when the budget is spent.
 */
async function measure(
  base: string,
  path: string,
  raw: NodeD1,
  statements: typeof DIAGNOSTICS,
  f: PeriodFilter,
  file: string,
  withCli: boolean,
): Promise<Figure> {
  const recorder = await record(raw.db, statements, f)
  const http: number[] = []
  const rawRuns: Array<Map<string, number>> = []
  const cliRuns: number[] = []
  const started = performance.now()
  for (let round = 0; ; round++) {
    const roundStart = performance.now()
    await warmFile(file)
    const httpMs = (await getJson(base, path)).ms
    const perStatement = new Map<string, number>()
    for (const [label, fn] of statements) {
      const t = performance.now()
      await fn(rawFacts(raw.asD1(), { ...f, releaseGroup: 1 }), f)
      perStatement.set(label, performance.now() - t)
    }
    const cliMs = withCli && cli ? sum(recorder.recorded.map((s) => cliRun(file, s))) : null
    if (round > 0 || httpMs >= 2000) {
      http.push(httpMs)
      rawRuns.push(perStatement)
      if (cliMs !== null) cliRuns.push(cliMs)
    }
    const spent = performance.now() - started
    if (http.length >= REPS || (http.length > 0 && spent + (performance.now() - roundStart) > BUDGET_MS)) break
  }
  const perStatement = new Map(statements.map(([label]) => [label, median(rawRuns.map((r) => r.get(label)!))]))
  return {
    httpMs: median(http),
    rawMs: median(rawRuns.map((r) => sum(r.values()))),
    cliMs: cliRuns.length ? median(cliRuns) : null,
    perStatement,
    rounds: http.length,
  }
}

type Row = Figure & { responses: number; invitations: number; period: string; endpoint: 'scores' | 'diagnostics' }
const results: Row[] = []
let plans: Array<{ label: string; plan: string }> = []
const started = performance.now()

try {
  console.log(
    `bench:scores: ${PROVIDERS} providers, up to ${thousands(RESPONSES)} completed responses, scales ${SCALES.join(', ')}, ` +
      `${REPS} rounds per figure (median), whole-year diagnostics at ${DIAG_YEAR} size(s); sqlite3 CLI: ${cli ? spawnSync(cli, ['-version'], { encoding: 'utf8' }).stdout.split(' ')[0] : 'not used'}; ` +
      `node:sqlite ${(new DatabaseSync(':memory:').prepare('SELECT sqlite_version() AS v').get() as { v: string }).v}; load average ${load()}`,
  )
  console.log(`temp dir ${dir}`)
  migrateLocalD1(dir)
  const config = snapshotWorker(dir)
  const file = d1File(dir)
  let prog: Programme
  {
    const db = new DatabaseSync(file)
    prog = seedProgramme(db, PROVIDERS, `${YEAR}-01-01`)
    db.close()
  }
  let episodes = 0
  let completed = 0
  for (const [step, scale] of SCALES.entries()) {
    // Grow the database while wrangler is stopped: only one writer ever touches the file.
    const target = Math.round((RESPONSES * scale) / COMPLETION_RATE)
    const t0 = performance.now()
    const writer = new DatabaseSync(file)
    writer.exec('PRAGMA cache_size = -1000000; PRAGMA synchronous = OFF')
    const added = addEpisodes(writer, prog, target - episodes, step)
    writer.exec('PRAGMA wal_checkpoint(TRUNCATE)')
    writer.close()
    episodes = target
    completed += added.completed
    console.log(
      `\n== ${thousands(completed)} completed responses, ${thousands(episodes)} episodes and invitations ` +
        `(+${thousands(added.episodes)} seeded in ${((performance.now() - t0) / 1000).toFixed(0)} s; file ${(statSync(file).size / 2 ** 20).toFixed(0)} MiB)`,
    )

    // wrangler dev (workerd + local D1) serves the file; this process only reads it.
    dev = await startDevServer({ name: 'bench-scores', config, persistDir: dir, vars: { ADMIN_TOKEN: adminToken } })
    const raw = new NodeD1(new DatabaseSync(file, { readOnly: true }))
    const largest = step === SCALES.length - 1
    for (const period of PERIODS) {
      const f: PeriodFilter = {
        programmeId: prog.programmeId,
        from: period.from,
        to: period.to,
        customerType: null,
        providerId: null,
      }
      // Both sides must see the same rows.
      const { body } = (await getJson(
        dev.base,
        `/api/v1/programmes/${prog.programmeId}/scores?from=${period.from}&to=${period.to}`,
      )) as {
        body: {
          providers: Array<{ clients: number; invited: number }>
        }
      }
      const sums = await providerSums(rawFacts(raw.asD1(), { ...f, releaseGroup: 1 }), f)
      const key = (rows: Array<{ clients: number; invited: number }>) =>
        `${rows.length}/${sum(rows.map((r) => r.clients))}/${sum(rows.map((r) => r.invited))}`
      if (key(body.providers) !== key(sums))
        throw new Error(
          `the endpoint and SQLite disagree for the ${period.name}: ${key(body.providers)} vs ${key(sums)}`,
        )

      for (const endpoint of ['scores', 'diagnostics'] as const) {
        const yearDiagnostics = endpoint === 'diagnostics' && period.name === 'year'
        if (yearDiagnostics && (DIAG_YEAR === 'none' || (DIAG_YEAR === 'largest' && !largest))) continue
        const path = `/api/v1/programmes/${prog.programmeId}/${endpoint}?from=${period.from}&to=${period.to}`
        // The CLI column is left out of the whole-year diagnostics: minutes more for a third opinion.
        const fig = await measure(
          dev.base,
          path,
          raw,
          endpoint === 'scores' ? SCORES : DIAGNOSTICS,
          f,
          file,
          !yearDiagnostics,
        )
        results.push({ ...fig, responses: completed, invitations: episodes, period: period.name, endpoint })
        console.log(
          `  ${endpoint.padEnd(11)} ${period.name.padEnd(5)} endpoint ${fmt(fig.httpMs).padStart(6)} ms | node:sqlite ${fmt(fig.rawMs).padStart(6)} ms ` +
            `(${(fig.httpMs / fig.rawMs).toFixed(2)}x)` +
            (fig.cliMs === null
              ? ''
              : ` | sqlite3 CLI ${fmt(fig.cliMs)} ms (${(fig.httpMs / fig.cliMs).toFixed(2)}x)`) +
            ` | ${fig.rounds} round(s), load ${load()}`,
        )
        if (endpoint === 'diagnostics')
          console.log(`    per statement: ${[...fig.perStatement].map(([k, v]) => `${k} ${fmt(v)}`).join(', ')} ms`)
      }
      if (largest && period.name === 'year') {
        const recorder = await record(raw.db, DIAGNOSTICS, f)
        plans = recorder.recorded.map((s) => ({ label: s.label, plan: queryPlan(raw.db, s) }))
      }
    }
    raw.db.close()
    await dev.stop()
    dev = null
  }

  // --- summary ---------------------------------------------------------------------------------------
  console.log(
    `\n## Results: median wall-clock ms; raw = the same statements on the same file (load average now ${load()})\n`,
  )
  console.log(
    `| responses | invitations | period | endpoint | endpoint ms | node:sqlite ms | endpoint / node:sqlite |${cli ? ' sqlite3 CLI ms | endpoint / CLI |' : ''}`,
  )
  console.log(`| ---: | ---: | --- | --- | ---: | ---: | ---: |${cli ? ' ---: | ---: |' : ''}`)
  for (const r of results) {
    console.log(
      `| ${thousands(r.responses)} | ${thousands(r.invitations)} | ${r.period} | ${r.endpoint} | ${fmt(r.httpMs)} | ${fmt(r.rawMs)} | ${(r.httpMs / r.rawMs).toFixed(2)}x |` +
        (cli ? (r.cliMs === null ? ' – | – |' : ` ${fmt(r.cliMs)} | ${(r.httpMs / r.cliMs).toFixed(2)}x |`) : ''),
    )
  }

  console.log('\n## Diagnostics per statement, node:sqlite median ms\n')
  const diag = results.filter((r) => r.endpoint === 'diagnostics')
  console.log(`| statement | ${diag.map((r) => `${thousands(r.responses)} ${r.period}`).join(' | ')} |`)
  console.log(`| --- | ${diag.map(() => '---:').join(' | ')} |`)
  for (const [label] of DIAGNOSTICS)
    console.log(`| ${label} | ${diag.map((r) => fmt(r.perStatement.get(label)!)).join(' | ')} |`)

  const sizes = [...new Set(results.map((r) => r.responses))]
  if (sizes.length > 1) {
    console.log('\n## Growth: ms per 100,000 completed responses (flat = linear)\n')
    for (const period of PERIODS) {
      for (const endpoint of ['scores', 'diagnostics'] as const) {
        const rows = results.filter((r) => r.period === period.name && r.endpoint === endpoint)
        if (rows.length < 2) continue
        const per = rows.map(
          (r) =>
            `${thousands(r.responses)}: ${fmt((r.httpMs / r.responses) * 1e5)} / ${fmt((r.rawMs / r.responses) * 1e5)}`,
        )
        const [first, last] = [rows[0], rows[rows.length - 1]]
        console.log(
          `  ${endpoint} ${period.name} (endpoint / node:sqlite): ${per.join('; ')} — responses x${(last.responses / first.responses).toFixed(2)}, ` +
            `endpoint time x${(last.httpMs / first.httpMs).toFixed(2)}, node:sqlite time x${(last.rawMs / first.rawMs).toFixed(2)}`,
        )
      }
    }
  }

  console.log(
    `\nTarget: scores for one programme-period within 2x of raw SQLite (node:sqlite), at ${thousands(completed)} responses:`,
  )
  for (const r of results.filter((x) => x.endpoint === 'scores' && x.responses === completed)) {
    console.log(`  ${r.period}: ${(r.httpMs / r.rawMs).toFixed(2)}x — ${r.httpMs / r.rawMs <= 2 ? 'met' : 'NOT met'}`)
  }

  console.log('\n## EXPLAIN QUERY PLAN (whole year, largest size)\n')
  for (const p of plans) console.log(`${p.label}:\n${p.plan}\n`)
  console.log(`total ${((performance.now() - started) / 1000).toFixed(0)} s`)
} catch (err) {
  console.error(err)
  process.exitCode = 1
} finally {
  await cleanUp()
}
