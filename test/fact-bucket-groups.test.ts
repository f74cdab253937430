// The fact buckets store each kind's rows in groups, one per customer type and survey version (migration 0021).
// Migration 0022 empties and renames the tables and marks every month, so the first read builds them again in
// that shape; every figure must stay what it was, and must equal the raw rows' whatever survey versions a year
// mixes.
import { describe, expect, it } from 'vitest'
import migration from '../migrations/0022_rename_fact_bucket_tables.sql?raw'
import { factsFor } from '../src/app/facts.ts'
import { canonical, everyAggregate } from '../src/app/verify-aggregates.ts'
import { kindsOf } from '../src/db/facts/buckets.ts'
import { rawFacts } from '../src/db/facts/source.ts'
import { call } from './helpers.ts'
import { addClient, complete, db, decline, programmeWith } from './seed-scores.ts'

const bucketCount = async (pid: string) =>
  (await db()
    .prepare('SELECT COUNT(*) AS n FROM fact_bucket_groups WHERE programme_id = ?1')
    .bind(pid)
    .first<{ n: number }>())!.n

describe('fact buckets: rows grouped by customer type and survey version', () => {
  it('migration 0022 rebuilds every bucket in groups, and no figure changes', async () => {
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
      .prepare(`SELECT sums, days, cells FROM fact_bucket_groups WHERE programme_id = ?1 AND variant = 'all'`)
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

    // The migration's effect on this programme: no bucket, every month marked.
    await db().prepare('DELETE FROM fact_bucket_groups WHERE programme_id = ?1').bind(pid).run()
    await db().prepare('DELETE FROM fact_programme_bucket_groups WHERE programme_id = ?1').bind(pid).run()
    await db()
      .prepare(migration.slice(migration.indexOf('INSERT OR IGNORE INTO fact_dirty')))
      .run()
    expect(await bucketCount(pid)).toBe(0)
    expect(await read()).toEqual(before)
    expect(await bucketCount(pid)).toBeGreaterThan(0)
  })

  it('leaves no table of the old shape, so a Worker of the release before fails instead of misreading', async () => {
    for (const table of ['fact_buckets', 'fact_programme_buckets'])
      await expect(db().prepare(`SELECT weekly FROM ${table} LIMIT 1`).all()).rejects.toThrow(/no such table/)
  })

  it('reads a year of two survey versions of one customer type as the raw rows do', async () => {
    const { pid, ids } = await programmeWith(2, 3)
    let n = 0
    for (const provider of ids)
      for (const [month, version] of [
        ['2026-01', 1],
        ['2026-03', 2],
        ['2026-03', 1],
      ] as const)
        for (let k = 0; k < 3; k++) {
          const c = await addClient(pid, provider, 'company', `${month}-1${k}`, { id: 'cx-company', version })
          await complete(c, `${month}-2${k}T12:00:00.000Z`, 10 + 7 * (n++ % 13), n % 2 === 0)
        }
    // A client never invited: no survey version, counted in every series.
    await addClient(pid, ids[0]!, 'company', '2026-03-05')
    await db()
      .prepare(`DELETE FROM invitations WHERE episode_id IN (SELECT id FROM episodes WHERE ended_on = '2026-03-05')`)
      .run()
    const programme = { id: pid, publication: { minGroup: 3 } } as never
    for (const surveyVersions of [null, ['cx-company@1'], ['cx-company@2']])
      for (const releaseGroup of [1, 3])
        for (const providerId of [null, ids[0]!]) {
          const f = { programmeId: pid, from: '2026-01-01', to: '2026-12-31', customerType: null, providerId }
          const filter = { ...f, releaseGroup, surveyVersions }
          const kinds = kindsOf(releaseGroup > 1 ? 'released' : 'all').map((k) => k.name)
          const buckets = await factsFor(db(), programme, filter, kinds, '2027-01-01T00:00:00.000Z')
          const fromBuckets = await everyAggregate(buckets, filter, releaseGroup === 1)
          const fromRaw = await everyAggregate(rawFacts(db(), { ...f, releaseGroup }), filter, releaseGroup === 1)
          expect(canonical(fromBuckets), JSON.stringify({ surveyVersions, releaseGroup, providerId })).toEqual(
            canonical(fromRaw),
          )
        }
  })
})
