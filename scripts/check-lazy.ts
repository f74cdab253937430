// The modules only some routes need stay out of the Worker's startup: survey-core with the survey runtime built
// on it (src/surveys/) and the OpenAPI document (src/openapi/) are reached from src/index.ts only through
// dynamic import(), which esbuild (wrangler's bundler) turns into a module evaluated on first use. Bundles the
// Worker with esbuild as wrangler does (about a second, nothing written), walks the static imports from the entry
// in the metafile and fails naming the chain that pulls one of them in eagerly. Run by `npm run check`.
import { join } from 'node:path'
import { build, type Metafile } from 'esbuild'

const root = join(import.meta.dirname, '..')
const ENTRY = 'src/index.ts'
/** Evaluated on first use only. */
const LAZY = [/^node_modules\/survey-core\//, /^src\/surveys\//, /^src\/openapi\//]
/** Plain constants in src/surveys/ that the schemas and the CSV export need, with no imports of their own. */
const EAGER_ALLOWED = new Set(['src/surveys/question-types.ts', 'src/surveys/export-columns.ts'])
/** These must be in the bundle at all, or the check proves nothing (a renamed path). */
const MUST_BUNDLE = [
  'node_modules/survey-core/fesm/survey-core.mjs',
  'src/openapi/document.ts',
  'src/surveys/runtime.ts',
]

export async function bundleMetafile(): Promise<Metafile> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2024',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['browser', 'module', 'main'],
    external: ['cloudflare:*', 'node:*'],
    loader: { '.json': 'json' },
    jsx: 'automatic',
    jsxImportSource: 'hono/jsx',
    logLevel: 'silent',
  })
  return result.metafile
}

/** Each module reachable from the entry by static imports, with the module that imports it (for the chain). */
export function eagerGraph(meta: Metafile, entry = ENTRY): Map<string, string | null> {
  const parent = new Map<string, string | null>([[entry, null]])
  const queue = [entry]
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const imp of meta.inputs[file]?.imports ?? []) {
      if (imp.kind === 'dynamic-import' || imp.external || parent.has(imp.path)) continue
      parent.set(imp.path, file)
      queue.push(imp.path)
    }
  }
  return parent
}

/** Problems: a lazy module in the eager graph (with its import chain), or an expected module not bundled. */
export function lazyProblems(meta: Metafile): string[] {
  const problems = MUST_BUNDLE.filter((f) => !(f in meta.inputs)).map((f) => `${f} is not in the bundle at all`)
  const eager = eagerGraph(meta)
  for (const file of eager.keys()) {
    if (EAGER_ALLOWED.has(file) || !LAZY.some((re) => re.test(file))) continue
    const chain: string[] = []
    for (let at: string | null | undefined = file; at; at = eager.get(at)) chain.unshift(at)
    problems.push(`${file} is loaded at startup: ${chain.join(' -> ')}`)
  }
  return problems
}

if (import.meta.main) {
  const problems = lazyProblems(await bundleMetafile())
  if (problems.length > 0) {
    console.error(
      `Keep these behind a dynamic import() at their point of use (docs/PERFORMANCE.md, bundle):\n${problems.slice(0, 20).join('\n')}`,
    )
    process.exit(1)
  }
}
