// The fee benchmark's data, seeded once into a `wrangler dev` persist dir: migrations, one programme with
// PROVIDERS providers and about RESPONSES completed responses over a year, and recruitments for a fifth of
// the clients. `node scripts/bench/seed-fees.ts <dir>` leaves it there, so `SEEDED=<dir> npm run bench:fees`
// and scripts/bench/fees-harness.ts can measure again and again without reseeding a million clients.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { d1File, migrateLocalD1 } from '../local-d1.ts'
import { addEpisodes, seedProgramme } from './seed.ts'

export const YEAR = 2026
const COMPLETION_RATE = 0.8 // seed.ts completes 80 % of the invitations

/** What a seeded dir holds, written next to it as seeded.json. */
export type SeededFees = { programmeId: string; providers: number; episodes: number; completed: number; year: number }

const metaFile = (dir: string) => join(dir, 'seeded.json')

/** Migrates and fills `dir`; returns what it holds. */
export function seedFees(dir: string, providers: number, responses: number): SeededFees {
  migrateLocalD1(dir)
  const db = new DatabaseSync(d1File(dir))
  db.exec('PRAGMA synchronous = OFF')
  const prog = seedProgramme(db, providers, `${YEAR}-01-01`)
  const added = addEpisodes(db, prog, Math.round(responses / COMPLETION_RATE), 0)
  // Recruitments for about a fifth of the clients, so the result component has work too.
  db.exec(`INSERT INTO outcomes (id, episode_id, type, occurred_on, created_at)
           SELECT 'out_' || substr(id, 5), id, 'recruitment', ended_on, created_at FROM episodes WHERE abs(random()) % 5 = 0`)
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)')
  db.close()
  const seeded = {
    programmeId: prog.programmeId,
    providers,
    episodes: added.episodes,
    completed: added.completed,
    year: YEAR,
  }
  writeFileSync(metaFile(dir), JSON.stringify(seeded))
  return seeded
}

/** What seedFees left in `dir`. */
export function readSeeded(dir: string): SeededFees {
  if (!existsSync(metaFile(dir))) throw new Error(`${dir} was not seeded by scripts/bench/seed-fees.ts`)
  return JSON.parse(readFileSync(metaFile(dir), 'utf8'))
}

if (import.meta.filename === resolve(process.argv[1] ?? '')) {
  const dir = process.argv[2]
  if (!dir) throw new Error('usage: PROVIDERS=1000 RESPONSES=1000000 node scripts/bench/seed-fees.ts <dir>')
  mkdirSync(dir, { recursive: true })
  const started = performance.now()
  const seeded = seedFees(dir, Number(process.env.PROVIDERS ?? 1000), Number(process.env.RESPONSES ?? 1_000_000))
  console.log(
    `seeded ${dir}: ${seeded.providers} providers, ${seeded.episodes.toLocaleString('en')} episodes, ` +
      `${seeded.completed.toLocaleString('en')} completed, in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  )
}
