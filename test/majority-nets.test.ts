// The majority networks a bucket keeps (src/db/facts/buckets.ts, majorityNets): for every set of a bucket's
// customer-type and survey-version cells a read may add up, the network group holding more than half of their
// completions is found, with the same size, in the kept rows as in all of them.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { majorityNets } from '../src/db/facts/buckets.ts'
import { db } from './seed-scores.ts'

const CELLS = [
  ['company', 'cx-company@1'],
  ['company', null],
  ['jobseeker', 'cx-company@1'],
  ['jobseeker', 'cx-jobseeker@2'],
] as const
type NetRow = [string, string | null, string, number]
type Row = [string, string | null, ...Array<string | number>]

/** Rows as a bucket stores them: one group per customer type and survey version, [ct, sv, row, …]. */
function stored(rows: Row[]): string {
  const groups = new Map<string, unknown[]>()
  for (const [ct, sv, ...rest] of rows) {
    const key = JSON.stringify([ct, sv])
    if (!groups.has(key)) groups.set(key, [ct, sv])
    groups.get(key)!.push(rest)
  }
  return JSON.stringify([...groups.values()])
}
/** A stored column's rows, each with its group's pair again. */
const rowsOf = (json: string) =>
  (JSON.parse(json) as unknown[][]).flatMap((g) => g.slice(2).map((r) => [g[0], g[1], ...(r as unknown[])]))

/** The group of more than half the completions of the chosen cells, else 0 (as integrityCounts takes it). */
function majority(nets: NetRow[], completions: number[], chosen: number[]): number {
  const inChosen = (ct: string, sv: string | null) => chosen.some((c) => CELLS[c]![0] === ct && CELLS[c]![1] === sv)
  const total = chosen.reduce((s, c) => s + completions[c]!, 0)
  const byHash = new Map<string, number>()
  for (const [ct, sv, hash, count] of nets) if (inChosen(ct, sv)) byHash.set(hash, (byHash.get(hash) ?? 0) + count)
  const largest = Math.max(0, ...byHash.values())
  return 2 * largest > total ? largest : 0
}

// Per cell: completions and how many of them came through each of three networks (the rest through none).
const cell = fc
  .tuple(fc.nat(3), fc.nat(3), fc.nat(3), fc.nat(3))
  .map(([a, b, c, none]) => ({ nets: [a, b, c], completions: a + b + c + none }))

describe('majority networks of a bucket', () => {
  it('give every union of cells the majority group that all network rows give', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(cell, { minLength: CELLS.length, maxLength: CELLS.length }), async (cells) => {
        const nets: NetRow[] = cells.flatMap((c, i) =>
          c.nets.flatMap((count, h) => (count > 0 ? [[CELLS[i]![0], CELLS[i]![1], `net${h}`, count] as NetRow] : [])),
        )
        const integrity: Row[] = cells.map((c, i) => [CELLS[i]![0], CELLS[i]![1], c.completions, 0, 0, 0])
        const kept = rowsOf(
          (await db()
            .prepare(`SELECT ${majorityNets} AS m FROM (SELECT ?1 AS nets, ?2 AS integrity)`)
            .bind(stored(nets), stored(integrity))
            .first<string>('m'))!,
        ) as NetRow[]
        const completions = cells.map((c) => c.completions)
        for (let set = 1; set < 1 << CELLS.length; set++) {
          const chosen = CELLS.map((_, i) => i).filter((i) => set & (1 << i))
          expect(majority(kept, completions, chosen), JSON.stringify({ nets, chosen })).toBe(
            majority(nets, completions, chosen),
          )
        }
      }),
      { numRuns: 300 },
    )
  })

  it('keep exactly the rows of the majority hashes in a bucket of thousands of networks', async () => {
    // One row per network, as a large provider's year has: two cells, a majority only in the second.
    const nets: NetRow[] = Array.from({ length: 4000 }, (_, i) => [CELLS[i % 2]![0], CELLS[i % 2]![1], `net${i}`, 1])
    nets.push([CELLS[1]![0], CELLS[1]![1], 'shared', 3000], [CELLS[0]![0], CELLS[0]![1], 'shared', 2])
    const integrity: Row[] = [
      [CELLS[0]![0], CELLS[0]![1], 2002, 0, 0, 0],
      [CELLS[1]![0], CELLS[1]![1], 5000, 0, 0, 0],
    ]
    const kept = await db()
      .prepare(`SELECT ${majorityNets} AS m FROM (SELECT ?1 AS nets, ?2 AS integrity)`)
      .bind(stored(nets), stored(integrity))
      .first<string>('m')
    const sorted = (rows: unknown[][]) => rows.map((r) => JSON.stringify(r)).sort()
    expect(sorted(rowsOf(kept!))).toEqual(sorted(nets.filter((n) => n[2] === 'shared')))
  })
})
