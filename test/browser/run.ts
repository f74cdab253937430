// `npm run test:browser [-- --json <file>] [-- --only <text>[|<text>...]]`: the respondent pages and the provider/procurer dashboards in Debian's Chromium against a private
// `wrangler dev` with a fresh local D1. Every scenario runs (none is skipped); exit 1 if any fails. --only runs
// the scenarios whose name contains one of the texts (while working on them; the dashboard walk's scenarios need each other).
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { type Browser, chromium } from 'playwright-core'
import { type DevServer, startDevServer } from '../../scripts/dev-server.ts'
import { seed } from './api.ts'
import { custodyScenarios } from './custody.ts'
import { dashboardScenarios } from './dashboards.ts'
import { feeConfidenceScenarios } from './fee-confidence.ts'
import { feeIndexScenarios } from './fee-index.ts'
import { feeLedgerScenarios } from './fee-ledger.ts'
import { nationalScenarios } from './national.ts'
import { questionPathScenarios } from './question-paths.ts'
import { readmeScenarios } from './readme.ts'
import { ruleEditorScenarios } from './rule-editor.ts'
import { scenarios, type World } from './scenarios.ts'
import { statementScenarios } from './statement.ts'
import { storedAnswers } from './stored-answers.ts'
import { surveyEditorScenarios } from './survey-editor.ts'
import { wavesScenarios } from './waves.ts'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
// A quiet machine needs about 4 minutes; a loaded 2-core one several times that.
const HARD_TIMEOUT_MS = 15 * 60_000
const SCENARIO_TIMEOUT_MS = 90_000
const root = resolve(import.meta.dirname, '../..')
const resultsDir = resolve(root, 'test-results')

type Result = { name: string; passed: boolean; ms: number; error?: string; log: string[] }

function option(name: string): string | null {
  const args = process.argv.slice(2)
  for (let i = 0; i < args.length; i++) {
    if (args[i] === `--${name}`) return args[i + 1] ?? null
    if (args[i].startsWith(`--${name}=`)) return args[i].slice(name.length + 3)
  }
  return null
}
const jsonPath = () => option('json')

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(`${what} timed out after ${ms / 1000} s`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

function report(results: Result[], jsonFile: string | null): number {
  const passed = results.filter((r) => r.passed).length
  const failed = results.length - passed
  if (jsonFile) {
    const file = resolve(process.cwd(), jsonFile)
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, `${JSON.stringify({ passed, failed, results }, null, 2)}\n`)
  }
  console.log(`${passed} passed, ${failed} failed`)
  return failed > 0 ? 1 : 0
}

let server: DevServer | null = null
let browser: Browser | null = null
const results: Result[] = []
const jsonFile = jsonPath()

const hardTimeout = setTimeout(() => {
  console.error(`browser tests: hard timeout after ${HARD_TIMEOUT_MS / 60_000} min; stopping`)
  results.push({
    name: 'suite finished within the hard timeout',
    passed: false,
    ms: HARD_TIMEOUT_MS,
    error: 'hard timeout',
    log: [],
  })
  report(results, jsonFile)
  process.exit(1) // the server goes with this process
}, HARD_TIMEOUT_MS)
hardTimeout.unref()

async function main(): Promise<number> {
  if (!existsSync(CHROMIUM)) {
    console.error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium`)
    results.push({ name: 'Chromium is installed', passed: false, ms: 0, error: `missing ${CHROMIUM}`, log: [] })
    return report(results, jsonFile)
  }
  mkdirSync(resultsDir, { recursive: true })
  const started = Date.now()
  try {
    const adminToken = `adm_test_${randomBytes(24).toString('base64url')}`
    server = await startDevServer({
      name: 'browser',
      vars: { ADMIN_TOKEN: adminToken },
      testScheduled: true,
      output: { file: resolve(resultsDir, 'browser-wrangler.log') },
    })
    console.log(`wrangler dev on ${server.base} (${Date.now() - started} ms)`)
    const links = await seed(server.base, adminToken)
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      timeout: 60_000,
    })
    // The respondent scenarios, then the provider and procurer dashboards (which need the admin key); the fee
    // ledger scenarios continue the dashboard walk.
    const only = option('only')
    const all = [
      ...scenarios,
      ...questionPathScenarios(adminToken),
      ...dashboardScenarios(adminToken),
      ...custodyScenarios(adminToken),
      ...feeLedgerScenarios(),
      ...ruleEditorScenarios(adminToken),
      ...feeIndexScenarios(adminToken),
      ...readmeScenarios(adminToken),
      ...feeConfidenceScenarios(adminToken),
      ...statementScenarios(adminToken),
      ...surveyEditorScenarios(adminToken),
      ...nationalScenarios(adminToken),
      // Last: it runs the delivery job (the Cron Trigger), which acts on every programme on the server.
      ...wavesScenarios(adminToken),
    ].filter((s) => only === null || only.split('|').some((o) => s.name.includes(o)))
    console.log(`Chromium ${browser.version()}; ${all.length} scenarios`)

    for (const scenario of all) {
      const log: string[] = []
      const world: World = {
        browser,
        base: server.base,
        links,
        log: (line) => log.push(line),
        storedAnswers: (token) => storedAnswers(server!.persistDir, token),
      }
      const t0 = Date.now()
      try {
        await withTimeout(scenario.run(world), SCENARIO_TIMEOUT_MS, scenario.name)
        results.push({ name: scenario.name, passed: true, ms: Date.now() - t0, log })
        console.log(`ok   ${scenario.name} (${Date.now() - t0} ms)`)
      } catch (err) {
        const error = err instanceof Error ? (err.stack ?? err.message) : String(err)
        results.push({ name: scenario.name, passed: false, ms: Date.now() - t0, error, log })
        console.log(`FAIL ${scenario.name} (${Date.now() - t0} ms)\n  ${error.replace(/\n/g, '\n  ')}`)
      }
      for (const line of log) console.log(line)
    }
  } catch (err) {
    // Setup failed (server, seeding, browser): that is a failure too, never a skip.
    const error = err instanceof Error ? (err.stack ?? err.message) : String(err)
    console.error(`browser test setup failed:\n${error}`)
    results.push({ name: 'setup (server, seed, browser)', passed: false, ms: Date.now() - started, error, log: [] })
  } finally {
    await browser?.close().catch(() => undefined)
    await server?.stop().catch(() => undefined)
  }
  console.log(`total ${((Date.now() - started) / 1000).toFixed(1)} s`)
  return report(results, jsonFile)
}

const code = await main()
clearTimeout(hardTimeout)
process.exit(code)
