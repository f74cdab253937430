// The local D1 database under a `wrangler dev` persist dir: its migrations and its SQLite file.
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { runWrangler } from './wrangler.ts'

export type MigrateOptions = {
  /** Default: laatu (the bench's bare Worker has its own). */
  database?: string
  /** wrangler config; default wrangler.toml. */
  config?: string
  env?: NodeJS.ProcessEnv
  /** Print wrangler's output here instead of keeping it for the error message. */
  print?: boolean
}

/** `wrangler d1 migrations apply --local` into persistDir; throws with wrangler's output on failure. */
export function migrateLocalD1(persistDir: string, options: MigrateOptions = {}): void {
  const args = ['d1', 'migrations', 'apply', options.database ?? 'laatu', '--local', '--persist-to', persistDir]
  if (options.config) args.push('--config', options.config)
  const run = runWrangler(args, {
    // CI: apply without asking for confirmation.
    env: { ...(options.env ?? process.env), CI: 'true' },
    stdio: options.print ? 'inherit' : 'pipe',
    timeout: 90_000,
  })
  if (run.status !== 0)
    throw new Error(
      `wrangler d1 migrations apply failed (${run.status ?? run.signal})${options.print ? '' : `:\n${run.stdout}\n${run.stderr}`}`,
    )
}

/** The SQLite file of the (only) local D1 database under a persist dir. */
export function d1File(persistDir: string): string {
  const dir = join(persistDir, 'v3', 'd1', 'miniflare-D1DatabaseObject')
  if (!existsSync(dir)) throw new Error(`no local D1 under ${persistDir}`)
  const files = readdirSync(dir).filter((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite')
  if (files.length !== 1) throw new Error(`expected one D1 SQLite file in ${dir}, found ${files.join(', ') || 'none'}`)
  return join(dir, files[0])
}
