// The project's wrangler, run by the Node that runs these scripts: wrangler 4 needs Node 22, and the
// `node` on PATH may be older.
import { type ChildProcess, type SpawnOptions, type SpawnSyncOptions, spawn, spawnSync } from 'node:child_process'
import { join, resolve } from 'node:path'

export const root = resolve(import.meta.dirname, '..')
const entry = join(root, 'node_modules/wrangler/bin/wrangler.js')

export function spawnWrangler(args: string[], options: SpawnOptions): ChildProcess {
  return spawn(process.execPath, [entry, ...args], { cwd: root, ...options })
}

export function runWrangler(args: string[], options: SpawnSyncOptions) {
  return spawnSync(process.execPath, [entry, ...args], { cwd: root, encoding: 'utf8', ...options })
}
