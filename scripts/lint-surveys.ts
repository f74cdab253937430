// npm run lint:surveys: lints every survey version in the catalog and checks that every file
// under surveys/ is registered there. Exits 1 on any error.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { isDeepStrictEqual } from 'node:util'
import { latestVersion, surveyVersions } from '../src/surveys/catalog.ts'
import { lintSurveyDefinition } from '../src/surveys/lint.ts'

const surveysDir = fileURLToPath(new URL('../surveys/', import.meta.url))
const fileOf = (id: string, version: number) => `surveys/${id}/v${version}.json`

let errors = 0
let warnings = 0
const print = (where: string, rule: string, message: string, severity: 'error' | 'warning') => {
  if (severity === 'error') errors++
  else warnings++
  console.log(`${where}: ${rule}: ${message}${severity === 'warning' ? ' (warning)' : ''}`)
}

// A file nobody registered would never be linted nor served: catch it here.
const registered = new Map(surveyVersions.map((v) => [fileOf(v.id, v.version), v]))
const files = readdirSync(surveysDir, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile())
  .map((entry) => join(entry.parentPath, entry.name))
  .sort()
for (const absolute of files) {
  const file = `surveys/${relative(surveysDir, absolute).split(sep).join('/')}`
  const version = registered.get(file)
  if (!/^surveys\/[a-z0-9-]+\/v[1-9][0-9]*\.json$/.test(file)) {
    print(file, 'laatu/file-name', 'survey files must be named surveys/<id>/v<version>.json', 'error')
  } else if (!version) {
    print(file, 'laatu/not-in-catalog', 'this file is not registered in src/surveys/catalog.ts', 'error')
  } else if (!isDeepStrictEqual(JSON.parse(readFileSync(absolute, 'utf8')), version.definition)) {
    print(
      file,
      'laatu/catalog-mismatch',
      `the catalog registers a different definition as ${version.id} v${version.version}`,
      'error',
    )
  }
}

const seen = new Set<string>()
for (const v of surveyVersions) {
  const file = fileOf(v.id, v.version)
  if (seen.has(file))
    print(file, 'laatu/duplicate-version', `${v.id} v${v.version} is registered twice in the catalog`, 'error')
  seen.add(file)
  // A published version never changes (its answers keep its wording), so a rule added after it was
  // superseded can only warn; the latest version, which new invitations get, must pass every rule.
  const latest = latestVersion(v.id)!.version
  const superseded = latest > v.version ? ` (superseded by v${latest}, which new invitations use)` : ''
  for (const f of lintSurveyDefinition(v.definition, { id: v.id, version: v.version })) {
    print(`${file} ${f.namedPath || '(survey)'}`, f.rule, f.message + superseded, superseded ? 'warning' : f.severity)
  }
}

console.log(`lint:surveys: ${surveyVersions.length} survey version(s), ${errors} error(s), ${warnings} warning(s)`)
process.exit(errors > 0 ? 1 : 0)
