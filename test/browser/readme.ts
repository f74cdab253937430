// The README's curl walk-through, run as written against the test server: it cannot drift from the API.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Scenario, World } from './scenarios.ts'

const README = resolve(import.meta.dirname, '../../README.md')

/** The first sh block after the walk-through's heading, exactly as a reader would paste it. */
export function walkthroughBlock(readme: string): string {
  const section = readme.slice(readme.indexOf('## API walk-through (curl)'))
  const match = /```sh\n([\s\S]*?)```/.exec(section)
  if (!match) throw new Error('README: no sh block under "API walk-through (curl)"')
  return match[1]
}

function runWalkthrough(adminToken: string) {
  return async (w: World) => {
    const block = walkthroughBlock(readFileSync(README, 'utf8')).replaceAll('http://127.0.0.1:8787', w.base)
    const dir = mkdtempSync(join(tmpdir(), 'laatu-readme-'))
    try {
      writeFileSync(join(dir, '.dev.vars'), `ADMIN_TOKEN="${adminToken}"\n`)
      // Every command must succeed: a 4xx or 5xx answer stops the walk-through with its body.
      const strict = 'set -euo pipefail\ncurl() { command curl --fail-with-body "$@"; }\n'
      const output = execFileSync('bash', ['-c', strict + block], { cwd: dir, encoding: 'utf8', timeout: 120_000 })
      assert.match(output, /runId,ruleVersion,from,to,providerId/, 'the statement CSV')
      assert.match(output, /,K-001,\d+,result,500\.00,/, 'the recruitment pays its result fee')
      assert.match(output, /,K-001,\d+,quality,/, 'the answer earns a quality line')
      assert.match(output, /"status":"rejected","resolution":"No recruitment/, 'the dispute is answered')
      assert.match(output, /"status":"final"/, 'the run is finalised')
      assert.match(output, /"differences":\["0\.00",/, 'the simulation compares two rules')
      w.log(
        `    README walk-through: ${block.split('\n').filter((l) => l.startsWith('curl') || l.includes('=$(curl')).length} requests, all answered 2xx`,
      )
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

export function readmeScenarios(adminToken: string): Scenario[] {
  return [{ name: 'u. README walk-through runs as written against a fresh server', run: runWalkthrough(adminToken) }]
}
