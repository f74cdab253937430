// Review of issue 16 (fact buckets): a rebuild takes minGroup from the caller's copy of the programme instead of
// the database, so a rebuild that runs after a minGroup change (the trigger marked every bucket) but with the
// programme as it was read before that change builds the released buckets with the old group and clears the
// marks. Every later provider-key and public read then serves released figures the new minGroup withholds.
// The interleaving is the one a read (or the cron's loop over many rebuild batches) meets when an operator
// changes publication.minGroup in D1 while it runs: it read the programme, then the change committed, then it
// rebuilt. Here that read's step is freshenFacts called with the programme as read before the change.
import { describe, expect, it } from 'vitest'
import { freshenFacts } from '../src/app/facts.ts'
import { getProgramme } from '../src/db/programmes.ts'
import { call } from './helpers.ts'
import { addClient, complete, db, programmeWith } from './seed-scores.ts'

describe('review: fact buckets and a minGroup change', () => {
  it('a rebuild racing a minGroup change never leaves released buckets built with the old group', async () => {
    const { pid, ids, keys, procurer } = await programmeWith(1, 3)
    // Three answers in June 2026: one whole group of 3, none of 4.
    for (const minute of [1, 2, 3]) {
      const c = await addClient(pid, ids[0]!, 'company', '2026-06-10')
      await complete(c, `2026-06-20T10:0${minute}:00.000Z`, 75, false)
    }
    const before = await call('GET', `/api/v1/programmes/${pid}/scores?period=2026-06`, { key: keys[0] })
    expect(before.status).toBe(200)
    expect(before.data.providers[0].responses).toBe(3)

    // A read or the cron has the programme as it was (minGroup 3) ...
    const readBefore = (await getProgramme(db(), pid))!
    // ... an operator raises minGroup to 4 (no API route changes publication; the trigger marks every bucket) ...
    await db()
      .prepare(`UPDATE programmes SET publication = json_set(publication, '$.minGroup', 4) WHERE id = ?1`)
      .bind(pid)
      .run()
    // ... and the read's rebuild then runs with the minGroup it read: it writes nothing released and keeps the
    // marks (false: not fresh, so that read counts raw rows), and the next read rebuilds with the new group.
    expect(await freshenFacts(db(), readBefore, new Date().toISOString(), 3)).toBe(false)

    // Raw rows under minGroup 4 release nothing of June: the provider key must see no answers.
    const after = await call('GET', `/api/v1/programmes/${pid}/scores?period=2026-06`, { key: keys[0] })
    expect(after.status).toBe(200)
    expect(after.data.providers[0].responses).toBe(0)
    const publicAfter = await call('GET', `/api/v1/public/programmes/${pid}/ratings?period=2026-06`)
    expect(publicAfter.data.providers[0].responses).toBe(0)
    // The auditor's check (npm run verify:aggregates) agrees the buckets are the raw rows.
    const check = await call('GET', `/api/v1/programmes/${pid}/aggregates/check?period=2026-06`, { key: procurer })
    expect(check.status).toBe(200)
    expect(check.data.checks).toEqual([
      { variant: 'all', differences: [] },
      { variant: 'released', differences: [] },
    ])
  })
})
