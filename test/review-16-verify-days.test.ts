// Review of issue 16, second pass (day buckets): the auditor's check (`npm run verify:aggregates`, the route
// /aggregates/check) compares only calendar years and months (src/app/verify-aggregates.ts, calendarRange), and
// the list of periods it walks leaves the day buckets out (src/db/facts/periods.ts, length(period) <= 7). A
// month's check reads the month bucket alone, so a day bucket that differs from the raw rows (a maintenance gap,
// a bad migration, an edit behind the triggers' back) is never found, though every procurer period cut inside a
// month is now served from day buckets. The issue asks verify:aggregates to find any difference on any database.
import { describe, expect, it } from 'vitest'
import { call } from './helpers.ts'
import { addClient, complete, db, programmeWith } from './seed-scores.ts'

describe('review 16: the aggregates check and day buckets', () => {
  it('finds a day bucket that differs from the raw rows', async () => {
    const { pid, ids, procurer } = await programmeWith(1, 3)
    for (const minute of [1, 2, 3]) {
      const c = await addClient(pid, ids[0]!, 'company', '2026-03-10')
      await complete(c, `2026-03-20T10:0${minute}:00.000Z`, 75, false)
    }
    const cut = `/api/v1/programmes/${pid}/scores?from=2026-03-05&to=2026-03-20`
    const before = await call('GET', cut, { key: procurer })
    expect(before.status).toBe(200)
    expect(before.data.providers[0].responses).toBe(3)

    // The day bucket of 10 March edited behind the triggers' back (as the year test of aggregates-property does).
    await db()
      .prepare(
        `UPDATE fact_bucket_groups SET sums = json_set(sums, '$[0][2][2]', 99, '$[0][2][3]', 99) WHERE programme_id = ?1 AND period = '2026-03-10'`,
      )
      .bind(pid)
      .run()
    // The procurer's cut period is served from it: 99 answers where the raw rows have 3.
    const served = await call('GET', cut, { key: procurer })
    expect(served.data.providers[0].responses).not.toBe(3)

    // The auditor's walk: every period /aggregates lists, each checked. Some check must report the difference.
    const listed = await call('GET', `/api/v1/programmes/${pid}/aggregates`, { key: procurer })
    const checks = []
    for (const period of listed.data.periods as string[]) {
      const check = await call('GET', `/api/v1/programmes/${pid}/aggregates/check?period=${period}`, {
        key: procurer,
      })
      checks.push({ period, equal: check.data.equal })
    }
    expect(
      checks.some((c) => !c.equal),
      JSON.stringify(checks),
    ).toBe(true)
  })
})
