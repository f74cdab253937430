// The layering rules a linter cannot express, checked on every `npm test`:
// the domain imports nothing from the data, HTTP or route layers (nor hono), SQL lives only in src/db,
// and route handlers stay thin (at most 40 lines each).
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'

const MAX_HANDLER_LINES = 40
const root = join(import.meta.dirname, '..')

function filesUnder(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name))
    .map((e) => relative(root, join(e.parentPath, e.name)))
}

const problems: string[] = []
for (const file of filesUnder('src')) {
  const lines = readFileSync(join(root, file), 'utf8').split('\n')
  lines.forEach((line, i) => {
    const at = `${file}:${i + 1}`
    if (file.startsWith('src/domain/') && /from '(\.\.\/(db|http|routes)\/|hono)/.test(line)) {
      problems.push(`${at}: the domain imports from an outer layer: ${line.trim()}`)
    }
    if (
      !file.startsWith('src/db/') &&
      /\.prepare\(|\b(SELECT|INSERT INTO|UPDATE|DELETE FROM)\b.*\b(FROM|SET|VALUES|WHERE)\b/.test(line)
    ) {
      problems.push(`${at}: SQL outside src/db: ${line.trim()}`)
    }
  })
  if (file.startsWith('src/routes/')) problems.push(...longHandlers(file, lines))
}

/** A handler starts at `.get(` (or post, put, patch, delete) and runs to the next chained call at its indent. */
function longHandlers(file: string, lines: string[]): string[] {
  const found: string[] = []
  lines.forEach((line, i) => {
    const start = /^(\s*)(?:export const \w+ = new Hono<\w+>\(\))?\.(get|post|put|patch|delete)\(/.exec(line)
    if (!start) return
    const indent = start[1].length
    let end = i + 1
    while (end < lines.length) {
      const next = lines[end]
      const nextIndent = next.length - next.trimStart().length
      if (next.trim() !== '' && nextIndent <= indent && !/^\s*\}\)/.test(next)) break
      end++
    }
    if (end - i > MAX_HANDLER_LINES)
      found.push(`${file}:${i + 1}: a ${end - i}-line handler (at most ${MAX_HANDLER_LINES})`)
  })
  return found
}

if (problems.length > 0) {
  console.error(problems.join('\n'))
  process.exit(1)
}
