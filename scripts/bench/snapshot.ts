// A frozen copy of the Worker for the benchmarks: `wrangler dev` reloads the Worker whenever a source file
// changes, dropping requests in flight; run on the copy, edits made meanwhile cannot disturb a run.
import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { root, runWrangler } from '../wrangler.ts'

export type SnapshotOptions = {
  /** An entry point instead of wrangler.toml's `main` (bench:fees wraps the Worker in test/fees-worker.ts). */
  main?: string
  /** TOML appended to the config, such as another binding the entry point uses. */
  append?: string
}

/**
 * Writes to `dir` the bundle `wrangler deploy --dry-run` builds, the static assets, and the project's
 * wrangler.toml pointed at them. Returns the config path.
 */
export function snapshotWorker(dir: string, options: SnapshotOptions = {}): string {
  const entry = options.main ? [options.main] : []
  const build = runWrangler(['deploy', '--dry-run', ...entry, '--outdir', join(dir, 'bundle')], {
    env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false' },
  })
  if (build.status !== 0) throw new Error(`wrangler deploy --dry-run failed:\n${build.stdout}\n${build.stderr}`)
  const edits: Array<[RegExp, string]> = [
    [
      /^main\s*=.*$/m,
      `main = "bundle/${basename(options.main ?? 'index.ts').replace(/\.ts$/, '.js')}"\nno_bundle = true # built already`,
    ],
    [/^directory\s*=\s*"\.?\/?public\/?"\s*$/m, 'directory = "public"'],
    [/^\[build\]\n(?:[^[\n].*\n)*/m, ''], // the custom build already ran for the bundle
  ]
  let config = readFileSync(join(root, 'wrangler.toml'), 'utf8')
  if (!edits[0][0].test(config)) throw new Error('wrangler.toml has no main = line')
  for (const [pattern, replacement] of edits) config = config.replace(pattern, replacement)
  config = config.replace(
    /^migrations_dir\s*=\s*"(.*)"/m,
    (_, d: string) => `migrations_dir = ${JSON.stringify(join(root, d))}`,
  )
  if (options.append) config += `\n${options.append}\n`
  cpSync(join(root, 'public'), join(dir, 'public'), { recursive: true })
  const path = join(dir, 'wrangler.toml')
  writeFileSync(path, config)
  return path
}
