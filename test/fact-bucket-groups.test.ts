// The fact buckets store each kind's rows in groups, one per customer type and survey version (migration 0021).
// The migration empties the buckets and marks every month, so the first read builds them again in that shape;
// every figure must stay what it was.
import { describe, expect, it } from 'vitest'
import migration from '../migrations/0021_group_fact_bucket_rows.sql?raw'
import { call } from './helpers.ts'
import { addClient, complete, db, decline, programmeWith } from './seed-scores.ts'

const bucketCount = async (pid: string) =>
  (await db()
    .prepare('SELECT COUNT(*) AS n FROM fact_buckets WHERE programme_id = ?1')
    .bind(pid)
    .first<{ n: number }>())!.n

describe('fact buckets: rows grouped by customer type and survey version', () => {
  it('migration 0021 rebuilds every bucket in groups, and no figure changes', async () => {
    const { pid, ids, procurer, keys } = await programmeWith(2, 3)
    let n = 0
    for (const provider of ids)
      for (const day of ['2026-01-15', '2026-02-03', '2026-03-31']) {
        for (let k = 0; k < 3; k++) {
          const company = await addClient(pid, provider, 'company', day)
          const seeker = await addClient(pid, provider, 'jobseeker', day)
          await complete(company, `${day}T12:0${k}:00.000Z`, 50 + (n++ % 40), n % 3 === 0)
          if (n % 2 === 0) await decline(seeker, `${day}T13:0${k}:00.000Z`)
          else await complete(seeker, `${day}T14:0${k}:00.000Z`, 40 + (n % 50), false)
        }
      }
    const reads = [
      { path: `/api/v1/programmes/${pid}/diagnostics?period=2026`, key: procurer },
      { path: `/api/v1/programmes/${pid}/scores?from=2026-01-10&to=2026-03-31`, key: procurer },
      { path: `/api/v1/programmes/${pid}/scores?period=2026`, key: keys[0]! },
      { path: `/api/v1/programmes/${pid}/diagnostics?period=2026-02`, key: keys[1]! },
    ]
    const read = async () => {
      const out = []
      for (const r of reads) {
        const res = await call('GET', r.path, { key: r.key })
        expect(res.status).toBe(200)
        out.push(res.data)
      }
      return out
    }
    const before = await read()
    expect(await bucketCount(pid)).toBeGreaterThan(0)

    // One group per pair, each with at least one row after the pair; no row starts with a customer type.
    const { results } = await db()
      .prepare(`SELECT sums, days, cells FROM fact_buckets WHERE programme_id = ?1 AND variant = 'all'`)
      .bind(pid)
      .all<Record<string, string>>()
    for (const bucket of results)
      for (const column of Object.values(bucket)) {
        const groups = JSON.parse(column) as unknown[][]
        const pairs = groups.map((g) => `${g[0]}|${g[1]}`)
        expect(new Set(pairs).size).toBe(pairs.length)
        for (const g of groups) {
          expect(['company', 'jobseeker']).toContain(g[0])
          expect(g.length).toBeGreaterThan(2)
          for (const row of g.slice(2)) expect(['company', 'jobseeker']).not.toContain((row as unknown[])[0])
        }
      }

    // The emptying and marking (the triggers after them are in place since the test database was migrated).
    const emptying = migration.slice(0, migration.indexOf('CREATE TRIGGER')).replace(/--.*$/gm, '').split(';')
    for (const statement of emptying.filter((s) => s.trim() !== '')) await db().prepare(statement).run()
    expect(await bucketCount(pid)).toBe(0)
    expect(await read()).toEqual(before)
    expect(await bucketCount(pid)).toBeGreaterThan(0)
  })

  it('refuses bucket rows in the old shape, so a Worker of the release before cannot write them', async () => {
    const { pid, ids } = await programmeWith(1, 3)
    const insert = (clients: string) =>
      db()
        .prepare(
          `INSERT OR REPLACE INTO fact_buckets (programme_id, variant, period, provider_id, built_at, clients)
           VALUES (?1, 'all', '2026-05', ?2, '2026-06-01T00:00:00.000Z', ?3)`,
        )
        .bind(pid, ids[0], clients)
        .run()
    await expect(insert('[["company","cx-company@1",3]]')).rejects.toThrow(/grouped by customer type/)
    const weekly = db()
      .prepare(
        `INSERT INTO fact_programme_buckets (programme_id, period, built_at, weekly)
         VALUES (?1, '2026-05', '2026-06-01T00:00:00.000Z', '[["company","cx-company@1","2026-W18",4,3,1]]')`,
      )
      .bind(pid)
      .run()
    await expect(weekly).rejects.toThrow(/grouped by customer type/)
    expect(await bucketCount(pid)).toBe(0)
    await insert('[["company","cx-company@1",[3]]]')
    await insert('[]')
    expect(await bucketCount(pid)).toBe(1)
  })
})
