// Migration 0020 makes the monthly counts a programme-wide kind and fills the programme buckets' new column from
// the providers' buckets instead of rebuilding them. Its UPDATE must write exactly what the rebuild writes
// (src/db/facts/buckets.ts programmePeriodsSql), or every procurer's months would differ until the next rebuild.
import { describe, expect, it } from 'vitest'
import migration from '../migrations/0020_add_programme_monthly.sql?raw'
import { freshenFacts } from '../src/app/facts.ts'
import { addClient, complete, db, decline, programmeWith } from './seed-scores.ts'

type Row = { period: string; monthly: string }
const programmeRows = async (pid: string) =>
  (
    await db()
      .prepare('SELECT period, monthly FROM fact_programme_buckets WHERE programme_id = ?1 ORDER BY period')
      .bind(pid)
      .all<Row>()
  ).results

describe('migration 0020: the programme buckets monthly counts', () => {
  it('fills the column as the rebuild does', async () => {
    const { pid, ids } = await programmeWith(3, 3)
    let n = 0
    for (const provider of ids)
      for (const day of ['2026-01-15', '2026-01-31', '2026-02-03', '2026-03-31', '2027-01-02']) {
        const company = await addClient(pid, provider, 'company', day)
        const seeker = await addClient(pid, provider, 'jobseeker', day)
        await complete(company, `${day}T12:00:00.000Z`, 50 + (n++ % 40), n % 3 === 0)
        if (n % 2 === 0) await decline(seeker, `${day}T13:00:00.000Z`)
      }
    expect(
      await freshenFacts(db(), { id: pid, publication: { minGroup: 3 } } as never, '2027-02-01T00:00:00.000Z', 50),
    ).toBe(true)
    const rebuilt = await programmeRows(pid)
    expect(rebuilt.map((r) => r.period)).toEqual(['2026', '2026-01', '2026-02', '2026-03', '2027', '2027-01'])
    expect(rebuilt.every((r) => JSON.parse(r.monthly).length > 0)).toBe(true)

    await db().prepare(`UPDATE fact_programme_buckets SET monthly = '[]' WHERE programme_id = ?1`).bind(pid).run()
    const update = migration.slice(migration.indexOf('UPDATE fact_programme_buckets'))
    await db().prepare(update).run()
    expect(await programmeRows(pid)).toEqual(rebuilt)
  })
})
