// Which fact rows a read counts (src/db/facts/): the buckets of the period's whole years, whole months and the days
// at its edges. A programme's marked buckets are rebuilt first, in one transaction per chunk, so no figure is read
// from a stale bucket; where they cannot all be rebuilt in time, the whole read is raw.
import { bucketFacts, dirtyCount, dirtyProgrammes, rebuildStatements } from '../db/facts/buckets.ts'
import type { KindName } from '../db/facts/kinds.ts'
import { type FactSource, rawFacts } from '../db/facts/source.ts'
import { getProgramme, type Programme } from '../db/programmes.ts'
import type { PeriodFilter } from '../db/scores.ts'
import { periodParts } from '../domain/fact-rows.ts'

/** Rebuild batches one read may run before it gives up on the buckets and reads raw rows. */
const READ_REBUILD_BATCHES = 3

/**
 * Rebuilds the programme's marked buckets, at most `batches` batches: how many ran, and whether none is left marked.
 * The count and the batch are separate round trips: a write in between only marks again, which the next read
 * rebuilds.
 */
async function rebuildBatches(
  db: D1Database,
  programme: Pick<Programme, 'id' | 'publication'>,
  now: string,
  batches: number,
): Promise<{ run: number; fresh: boolean }> {
  for (let run = 0; ; run++) {
    if ((await dirtyCount(db, programme.id, 1)) === 0) return { run, fresh: true }
    if (run >= batches) return { run, fresh: false }
    await db.batch(rebuildStatements(db, programme.id, programme.publication.minGroup, now))
  }
}

/** Rebuilds the programme's marked buckets, at most `batches` batches; true when none is left marked. */
export async function freshenFacts(
  db: D1Database,
  programme: Pick<Programme, 'id' | 'publication'>,
  now: string,
  batches: number,
): Promise<boolean> {
  return (await rebuildBatches(db, programme, now, batches)).fresh
}

/** The fact rows of a filter's period, from the buckets where they answer for it. */
export async function factsFor(
  db: D1Database,
  programme: Pick<Programme, 'id' | 'publication'>,
  f: PeriodFilter,
  kinds: readonly KindName[],
  now: string,
): Promise<FactSource> {
  const releaseGroup = f.releaseGroup ?? 1
  const parts = periodParts(f.from, f.to)
  // Released answers are ranked in whole months: a period cut inside a month is never read through the buckets.
  const fresh =
    (parts.days.length === 0 || releaseGroup === 1) && (await freshenFacts(db, programme, now, READ_REBUILD_BATCHES))
  if (!fresh) return rawFacts(db, { ...f, releaseGroup })
  return bucketFacts(
    db,
    {
      programmeId: programme.id,
      variant: releaseGroup > 1 ? 'released' : 'all',
      periods: [...parts.years, ...parts.months, ...parts.days],
      providerId: f.providerId,
    },
    kinds,
  )
}

/**
 * The cron's share: rebuilds marked buckets of every programme, at most `batches` batches in all, so reads
 * seldom find any to rebuild. Returns the batches run and how many programmes still have marks.
 */
export async function rebuildMarkedFacts(
  db: D1Database,
  now: string,
  batches: number,
): Promise<{ batches: number; programmesLeft: number }> {
  let run = 0
  for (const id of await dirtyProgrammes(db)) {
    const programme = await getProgramme(db, id)
    if (programme !== null && run < batches) run += (await rebuildBatches(db, programme, now, batches - run)).run
  }
  return { batches: run, programmesLeft: (await dirtyProgrammes(db)).length }
}
